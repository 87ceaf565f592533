/**
 * When module M's go line would move because of versions other modules ask for (a library M
 * replaces locally, or the workspace `go work sync` aligns), those other modules' targets are
 * held at the version M already has: the highest that does not move M's line. Pure; apply
 * re-runs the modules whose targets changed.
 */
import { compareModuleVersions } from '../../gomod/version.js';
import type { Skipped } from '../../planner/plan-schema.js';
import type { RaisedRequirement } from './go-lines.js';

/** dir → module path → target version; what apply will `go get` in each module. */
export type BumpTable = Map<string, Map<string, string>>;

/** One target that is above what M has. */
export interface CapCandidate {
  dir: string;
  path: string;
  target: string;
  /** M's version before the raise; null when M did not require the module. */
  limit: string | null;
}

/** Targets in `dirs` above the version M had of a module whose requirement went up in M. */
export function capCandidates(
  bumps: BumpTable,
  dirs: Iterable<string>,
  raised: readonly RaisedRequirement[],
): CapCandidate[] {
  const out: CapCandidate[] = [];
  const list = [...dirs];
  for (const r of raised) {
    for (const dir of list) {
      const target = bumps.get(dir)?.get(r.path);
      if (target === undefined || compareModuleVersions(r.path, target, r.from ?? 'none') <= 0) continue;
      out.push({ dir, path: r.path, target, limit: r.from });
    }
  }
  return out;
}

export interface CapResult {
  /** Modules whose targets changed. */
  changed: string[];
  skipped: Skipped[];
}

/**
 * Lowers each candidate's target to its limit, or drops the bump when the limit is not above
 * the version the module started from. `because` completes "v1.72.2 …" in `skipped[].detail`.
 */
export function applyCaps(
  bumps: BumpTable,
  candidates: readonly CapCandidate[],
  fromOf: (dir: string, path: string) => string | undefined,
  because: string,
): CapResult {
  const changed = new Set<string>();
  const skipped: Skipped[] = [];
  for (const c of candidates) {
    const table = bumps.get(c.dir);
    if (!table || table.get(c.path) !== c.target) continue;
    const from = fromOf(c.dir, c.path);
    const hold = c.limit !== null && (from === undefined || compareModuleVersions(c.path, c.limit, from) > 0);
    if (hold) table.set(c.path, c.limit!);
    else table.delete(c.path);
    changed.add(c.dir);
    skipped.push({
      module: c.path,
      dir: c.dir,
      reason: 'needs-newer-go',
      detail: `${c.target} ${because}; ${hold ? `held at ${c.limit}` : 'not upgraded'}`,
    });
  }
  return { changed: [...changed], skipped };
}
