/**
 * The release-age cooldown (config `cooldown:`): a candidate version published less than its
 * window ago is passed over, so the planner proposes the next older one that passes every rule.
 * The age is the module proxy's `.info` Time, an answer that never changes for a version (the
 * proxy client caches it like `.mod`). "Now" is the caller's, so a plan is exact under test.
 */
import type { CooldownConfig } from '../config/cooldown.js';
import type { UpdateType } from '../config/defaults.js';
import { matchGlob } from '../config/glob.js';
import type { ModuleSource } from '../gomod/types.js';
import { compareModuleVersions } from '../gomod/version.js';
import type { PlanUpdate, Skipped, UpdateKind } from './plan-schema.js';

const DAY_MS = 86_400_000;

/** What chooseTarget needs to apply the cooldown; absent, nothing waits. */
export interface CooldownPolicy {
  config: CooldownConfig;
  now: Date;
}

/** A candidate held back by the cooldown. `published` and `eligible` are ISO 8601 instants. */
export interface CooldownRejection {
  reason: 'cooldown';
  version: string;
  kind: UpdateKind;
  days: number;
  published: string;
  eligible: string;
}

/** The window for one step, in days; 0 when the module is excluded or nothing is set. */
export function cooldownDays(config: CooldownConfig, modulePath: string, kind: UpdateType): number {
  if (config.exclude.some((p) => matchGlob(p, modulePath))) return 0;
  const own = { patch: config.patchDays, minor: config.minorDays, major: config.majorDays }[kind];
  return own ?? config.defaultDays;
}

/**
 * Whether `version` of `modulePath` is still inside its window; null when it may be proposed.
 * A version whose publish time the source does not give (some private sources) cannot be aged,
 * and is not held: the cooldown narrows what is proposed, it never invents a reason.
 */
export async function cooldownHold(
  policy: CooldownPolicy | undefined,
  source: ModuleSource,
  modulePath: string,
  version: string,
  kind: UpdateType,
): Promise<CooldownRejection | null> {
  if (!policy) return null;
  const days = cooldownDays(policy.config, modulePath, kind);
  if (days === 0) return null;
  const time = (await source.info(modulePath, version)).Time;
  const published = time === undefined ? NaN : Date.parse(time);
  if (Number.isNaN(published)) return null;
  const eligible = published + days * DAY_MS;
  if (policy.now.getTime() >= eligible) return null;
  return {
    reason: 'cooldown',
    version,
    kind,
    days,
    published: new Date(published).toISOString(),
    eligible: new Date(eligible).toISOString(),
  };
}

/** "v1.3.0 was published 2026-12-01; the minor cooldown of 7 days holds it until 2026-12-08 10:00 UTC". */
export function describeCooldown(r: CooldownRejection): string {
  return `${r.version} was published ${day(r.published)}; the ${r.kind} cooldown of ${r.days} day${
    r.days === 1 ? '' : 's'
  } holds it until ${instant(r.eligible)}`;
}

/**
 * The plan's record of a hold: one `skipped` entry with reason `cooldown`, the held version and
 * when it becomes eligible. The module may still move to an older version (it is in `updates`).
 */
export function cooldownSkipped(module: string, dir: string, hold: CooldownRejection, prefix = ''): Skipped {
  return {
    module,
    dir,
    reason: 'cooldown',
    detail: `${prefix}${describeCooldown(hold)}`,
    version: hold.version,
    eligible: hold.eligible,
  };
}

/**
 * Holds that the plan's updates reach anyway (a security fix exempt from the cooldown, a target
 * raised because another update requires it) are dropped: they would contradict the updates.
 */
export function withoutReachedHolds(skipped: Skipped[], updates: readonly PlanUpdate[]): Skipped[] {
  return skipped.filter((s) => {
    if (s.reason !== 'cooldown' || s.version === undefined) return true;
    const held = s.version;
    return !updates.some(
      (u) =>
        u.module === s.module &&
        u.dirs.some((d) => d.dir === s.dir) &&
        compareModuleVersions(u.module, u.to, held) >= 0,
    );
  });
}

/** The date part, for people: eligibility is exact in `eligible`, a day is what a reader plans by. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

function instant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
