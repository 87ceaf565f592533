/**
 * The summary's "Held by cooldown" list: releases the plan passed over because they are younger
 * than the repository's cooldown (plan `skipped`, reason `cooldown`), each with the version held
 * and the day it becomes eligible, so a reviewer knows why the PR stops short of the newest.
 */
import type { Skipped } from '../planner/plan-schema.js';
import { code } from './markdown.js';

export function cooldownLines(skipped: readonly Skipped[]): string[] {
  // One line per held version, listing every module dir it is held in.
  const byVersion = new Map<string, { module: string; version: string; eligible: string; dirs: string[] }>();
  for (const s of skipped) {
    if (s.reason !== 'cooldown' || !s.version || !s.eligible) continue;
    const key = `${s.module}@${s.version}`;
    const entry = byVersion.get(key) ?? { module: s.module, version: s.version, eligible: s.eligible, dirs: [] };
    entry.dirs.push(s.dir);
    byVersion.set(key, entry);
  }
  if (!byVersion.size) return [];
  return [
    '**Held by cooldown** (published too recently for the configured `cooldown`; proposed once eligible):',
    ...[...byVersion.values()].map(
      (h) =>
        `- ${code(h.module)} ${code(h.version)} in ${h.dirs.map(code).join(', ')}: eligible on ${h.eligible.slice(0, 10)}`,
    ),
  ];
}
