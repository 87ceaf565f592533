/**
 * Ignore rules made by commands, and how they join the config's. Command rules use the config's
 * own shape (`IgnoreRule`), so the planner applies both with the same `isIgnored`.
 */
import type { IgnoreRule, UpdateType } from '../config/defaults.js';
import { major } from '../gomod/version.js';
import type { RecordedIgnore } from './types.js';

/** The config's rules first (they explain most skips), then those recorded by commands. */
export function mergeIgnoreRules(config: readonly IgnoreRule[], recorded: readonly IgnoreRule[]): IgnoreRule[] {
  return [...config, ...recorded.map(toRule)];
}

/** A recorded decision without its who/when/where. */
export function toRule(r: IgnoreRule): IgnoreRule {
  return {
    dependency: r.dependency,
    ...(r.updateTypes ? { updateTypes: [...r.updateTypes] } : {}),
    ...(r.versions ? { versions: [...r.versions] } : {}),
  };
}

/** Two rules ignore the same thing (recording one twice keeps one). */
export function sameRule(a: IgnoreRule, b: IgnoreRule): boolean {
  const key = (r: IgnoreRule) =>
    JSON.stringify([r.dependency, [...(r.updateTypes ?? [])].sort(), [...(r.versions ?? [])].sort()]);
  return key(a) === key(b);
}

/** `ignore <module> [major|minor|patch]`. */
export function moduleRule(module: string, updateType?: UpdateType): IgnoreRule {
  return updateType ? { dependency: module, updateTypes: [updateType] } : { dependency: module };
}

/**
 * `ignore this major|minor|patch version` of an update to `to`: its major (`v3.*`), its minor
 * (`v3.1.*`) or exactly it. Later versions outside that range are still proposed.
 */
export function versionRule(module: string, to: string, scope: UpdateType): IgnoreRule {
  const m = /^v(\d+)\.(\d+)\.(\d+)/.exec(to);
  if (!m || major(to) === '') return { dependency: module, versions: [to] };
  const [, maj, min] = m;
  const pattern =
    scope === 'major' ? `v${maj}.*` : scope === 'minor' ? `v${maj}.${min}.*` : to.replace(/\+incompatible$/, '');
  return { dependency: module, versions: [pattern] };
}

/** Words for a rule, as the dashboard and replies show it. */
export function describeRule(r: IgnoreRule): string {
  const parts: string[] = [];
  if (r.updateTypes?.length) parts.push(`${r.updateTypes.join(', ')} updates`);
  if (r.versions?.length) parts.push(`versions ${r.versions.join(', ')}`);
  return parts.length ? parts.join(' and ') : 'all updates';
}

export function addRecorded(list: readonly RecordedIgnore[], rule: RecordedIgnore): RecordedIgnore[] {
  return list.some((r) => sameRule(r, rule)) ? [...list] : [...list, rule];
}
