/**
 * Whether an advisory affects a module version, by govulncheck's rules: OSV versions carry no
 * "v" (one is added), ranges are left-closed and right-open, events are walked in semver order
 * with `introduced: "0"` first, an affected entry without SEMVER ranges affects every version,
 * and versions compare as golang.org/x/mod/semver does: a pseudo-version is a pre-release of the
 * version it builds on, and `+incompatible` (build metadata) does not count.
 */
import { compare } from '../version.js';
import type { OsvAffected, OsvEntry, OsvRange, RangeEvent } from './schema.js';

/** "1.2.3", "v1.2.3" and "go1.2.3" all name v1.2.3. */
export function withV(v: string): string {
  const bare = v.startsWith('v') ? v.slice(1) : v.startsWith('go') ? v.slice(2) : v;
  return `v${bare}`;
}

const less = (a: string, b: string) => compare(withV(a), withV(b)) < 0;

function eventVersion(e: RangeEvent): string {
  return e.fixed ? e.fixed : (e.introduced ?? '');
}

function sortedEvents(events: readonly RangeEvent[]): RangeEvent[] {
  // A stable sort, as govulncheck's: beginning of time first, then by version.
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const a0 = a.e.introduced === '0';
      const b0 = b.e.introduced === '0';
      if (a0 !== b0) return a0 ? -1 : 1;
      if (a0 && b0) return a.i - b.i;
      const x = eventVersion(a.e);
      const y = eventVersion(b.e);
      return less(x, y) ? -1 : less(y, x) ? 1 : a.i - b.i;
    })
    .map(({ e }) => e);
}

export function rangeContains(range: OsvRange, version: string): boolean {
  if (range.type !== 'SEMVER') return false;
  if (range.events.length === 0) return true;
  let affected = false;
  for (const e of sortedEvents(range.events)) {
    if (!affected && e.introduced) affected = e.introduced === '0' || !less(version, e.introduced);
    else if (affected && e.fixed) affected = less(version, e.fixed);
  }
  return affected;
}

export function affectedVersion(a: OsvAffected, version: string): boolean {
  const ranges = a.ranges ?? [];
  if (ranges.length === 0) return true;
  const semver = ranges.filter((r) => r.type === 'SEMVER');
  if (semver.length === 0) return true;
  return semver.some((r) => rangeContains(r, version));
}

/** Withdrawn advisories count from the moment of withdrawal, as govulncheck counts them. */
export function isWithdrawn(entry: OsvEntry, now: Date): boolean {
  if (!entry.withdrawn) return false;
  const t = Date.parse(entry.withdrawn);
  return !Number.isNaN(t) && t < now.getTime();
}

/** The entries of `entry.affected` that name `modulePath` and cover `version`. */
export function affectingEntries(entry: OsvEntry, modulePath: string, version: string): OsvAffected[] {
  return entry.affected.filter((a) => a.package.name === modulePath && affectedVersion(a, version));
}

/**
 * The lowest fixed version above `version` that is itself not affected (a later range may
 * re-introduce the flaw), with a "v"; null when the advisory names no such fix.
 */
export function firstFixedAbove(affected: readonly OsvAffected[], version: string): string | null {
  const fixes = affected
    .flatMap((a) => (a.ranges ?? []).filter((r) => r.type === 'SEMVER').flatMap((r) => r.events))
    .map((e) => e.fixed)
    .filter((f): f is string => !!f)
    .map(withV)
    .filter((f) => less(version, f))
    .sort((a, b) => compare(a, b));
  for (const f of fixes) if (!affected.some((a) => affectedVersion(a, f))) return f;
  return null;
}
