/**
 * What apply changed, measured with Go: each module's build list before and after
 * (`go list -m -json all`), and for modules whose list changed, whether any package they build
 * or test comes from a module whose selected version moved.
 */
import { diffBuildLists } from '../../gomod/mvs/index.js';
import type { ModuleVersion } from '../../gomod/types.js';
import type { CarriedChange, Warning } from '../../planner/plan-schema.js';
import { isGoFailure } from './errors.js';
import { buildListOf } from './build-list.js';
import type { GoSession } from './go-session.js';
import { packageModulesOf } from './package-modules.js';

export async function buildLists(
  go: GoSession,
  dirs: Iterable<string>,
  warnings: Warning[],
  when: 'before' | 'after',
  clean: (s: string) => string,
): Promise<Map<string, ModuleVersion[]>> {
  const out = new Map<string, ModuleVersion[]>();
  for (const dir of dirs) {
    try {
      out.set(dir, await buildListOf(go, dir));
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      warnings.push({
        dir,
        message: `cannot measure the build list ${when} apply: ${clean(err.goMessage || err.message)}`,
      });
    }
  }
  return out;
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
  before: ReadonlyMap<string, ModuleVersion[]>,
  after: ReadonlyMap<string, ModuleVersion[]>,
  directOf: (dir: string) => ReadonlySet<string>,
  warnings: Warning[],
  clean: (s: string) => string,
): Promise<Measured> {
  const carried: CarriedChange[] = [];
  const affected: string[] = [];
  for (const dir of dirs) {
    const b = before.get(dir);
    const a = after.get(dir);
    if (!b || !a) continue;
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
