/**
 * What apply changed, measured with Go: each module's build list before and after
 * (`go list -m -json all`), and for modules whose list changed, whether any package they build
 * or test comes from a module whose selected version moved.
 *
 * Fail-safe: a measurement that fails widens the impact set, never shrinks it. A module whose
 * build list Go cannot list before or after apply (a missing go.sum entry, a go.mod Go cannot
 * read), or whose packages it cannot list, counts as affected, with one warning that says why.
 */
import { diffBuildLists } from '../../gomod/mvs/index.js';
import type { ModuleVersion } from '../../gomod/types.js';
import type { CarriedChange, Warning } from '../../planner/plan-schema.js';
import { isGoFailure } from './errors.js';
import { buildListOf } from './build-list.js';
import type { GoSession } from './go-session.js';
import { packageModulesOf } from './package-modules.js';

export interface BuildLists {
  lists: Map<string, ModuleVersion[]>;
  /** Modules Go could not list, with Go's message (repository-relative). */
  unmeasured: Map<string, string>;
}

export async function buildLists(
  go: GoSession,
  dirs: Iterable<string>,
  clean: (s: string) => string,
): Promise<BuildLists> {
  const lists = new Map<string, ModuleVersion[]>();
  const unmeasured = new Map<string, string>();
  for (const dir of dirs) {
    try {
      lists.set(dir, await buildListOf(go, dir));
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      unmeasured.set(dir, clean(err.goMessage || err.message));
    }
  }
  return { lists, unmeasured };
}

/** Paths whose selected version differs (added and removed modules included). */
export function movedModules(before: readonly ModuleVersion[], after: readonly ModuleVersion[]): Set<string> {
  const b = new Map(before.map((m) => [m.path, m.version]));
  const a = new Map(after.map((m) => [m.path, m.version]));
  const out = new Set<string>();
  for (const p of new Set([...b.keys(), ...a.keys()])) if (b.get(p) !== a.get(p)) out.add(p);
  return out;
}

export interface Measured {
  carried: CarriedChange[];
  affected: string[];
}

export async function measureChanges(
  go: GoSession,
  dirs: readonly string[],
  before: BuildLists,
  after: BuildLists,
  directOf: (dir: string) => ReadonlySet<string>,
  warnings: Warning[],
  clean: (s: string) => string,
): Promise<Measured> {
  const carried: CarriedChange[] = [];
  const affected: string[] = [];
  for (const dir of dirs) {
    const b = before.lists.get(dir);
    const a = after.lists.get(dir);
    if (!b || !a) {
      // Unknown impact counts as impact: the module Go could not even list is the likeliest to break.
      affected.push(dir);
      const why = [
        ...(b ? [] : [`before apply: ${before.unmeasured.get(dir) ?? 'no build list'}`]),
        ...(a ? [] : [`after apply: ${after.unmeasured.get(dir) ?? 'no build list'}`]),
      ];
      warnings.push({
        dir,
        message: `cannot measure the build list ${why.join('; ')}; counted as affected`,
      });
      continue;
    }
    carried.push(...diffBuildLists(b, a, directOf(dir)).map((c) => ({ dir, ...c })));
    const moved = movedModules(b, a);
    if (moved.size === 0) continue;
    try {
      const used = await packageModulesOf(go, dir);
      if ([...used].some((p) => moved.has(p))) affected.push(dir);
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      // Unknown impact counts as impact: the matrix should rather test one service too many.
      affected.push(dir);
      warnings.push({
        dir,
        message: `cannot list the packages it builds; counted as affected: ${clean(err.goMessage || err.message)}`,
      });
    }
  }
  return { carried, affected };
}
