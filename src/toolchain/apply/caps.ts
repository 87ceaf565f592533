/**
 * When module M's go line would move because of versions other modules ask for (a library M
 * replaces locally, or the workspace `go work sync` aligns), those other modules' targets are
 * held at the version M already has: the highest that does not move M's line. Pure; apply
 * re-runs the modules whose targets changed.
 */
import { compareModuleVersions } from '../../gomod/version.js';
import type { Skipped } from '../../planner/types.js';
import type { RaisedRequirement } from './go-lines.js';

/** dir → module path → target version; what apply will `go get` in each module. */
export type BumpTable = Map<string, Map<string, string>>;

export interface CapInput {
  bumps: BumpTable;
  /** The modules whose targets may be held back. */
  dirs: Iterable<string>;
  /** Requirements of M that went up, with the version M had before. */
  raised: readonly RaisedRequirement[];
  /** The version a module required before apply (the plan's `from`). */
  fromOf: (dir: string, path: string) => string | undefined;
  /** Why, in words, for `skipped[].detail`: "would raise the go line of api-contracts/order through go work sync (go 1.22 => 1.23)". */
  because: string;
}

export interface CapResult {
  /** Modules whose targets changed. */
  changed: string[];
  skipped: Skipped[];
}

export function capBumps(input: CapInput): CapResult {
  const changed = new Set<string>();
  const skipped: Skipped[] = [];
  const dirs = [...input.dirs];
  for (const r of input.raised) {
    const limit = r.from ?? 'none';
    for (const dir of dirs) {
      const table = input.bumps.get(dir);
      const target = table?.get(r.path);
      if (!table || target === undefined || compareModuleVersions(r.path, target, limit) <= 0) continue;
      const from = input.fromOf(dir, r.path);
      const hold = r.from !== null && (from === undefined || compareModuleVersions(r.path, r.from, from) > 0);
      if (hold) table.set(r.path, r.from!);
      else table.delete(r.path);
      changed.add(dir);
      skipped.push({
        module: r.path,
        dir,
        reason: 'needs-newer-go',
        detail: `${target} ${input.because}; ${hold ? `held at ${r.from}` : 'not upgraded'}`,
      });
    }
  }
  return { changed: [...changed], skipped };
}
