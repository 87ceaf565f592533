/**
 * What apply changed, measured with Go: each module's build list before and after
 * (`go list -m -json all`), and for modules whose list changed, whether any package they build
 * or test comes from a module whose selected version moved.
 *
 * Fail-safe: a measurement that fails widens the impact set, never shrinks it. A module whose
 * build list Go cannot list before or after apply (a missing go.sum entry, a go.mod Go cannot
 * read), or whose packages it cannot list, counts as affected, with one warning that says why.
 *
 * Cost: these read-only `go list` runs are what apply adds to the go commands a person would run
 * by hand. They run a few at a time (they only read), and a module whose go.mod and go.sum — and
 * those of every module it reaches by a directory replace — apply left byte-identical keeps the
 * build list measured before: Go would list the same thing again.
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

/** Read-only go runs at once: enough to overlap one's I/O with another's CPU on a small worker. */
export const MEASURE_CONCURRENCY = 4;

/** Runs `fn` over `items`, at most `n` at a time; results in input order; the first error wins. */
export async function eachLimited<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

export interface ReuseMeasured {
  /** The measurement taken before apply. */
  before: BuildLists;
  /** Whether apply left every file the module's build list depends on as it was. */
  unchanged: (dir: string) => boolean;
}

export async function buildLists(
  go: GoSession,
  dirs: Iterable<string>,
  clean: (s: string) => string,
  reuse?: ReuseMeasured,
): Promise<BuildLists> {
  const lists = new Map<string, ModuleVersion[]>();
  const unmeasured = new Map<string, string>();
  const all = [...dirs];
  const outcomes = await eachLimited(all, MEASURE_CONCURRENCY, async (dir) => {
    const kept = reuse?.unchanged(dir) ? reuse.before.lists.get(dir) : undefined;
    if (kept) return { list: kept };
    try {
      return { list: await buildListOf(go, dir) };
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      return { error: clean(err.goMessage || err.message) };
    }
  });
  // Maps filled in the callers' order, whatever order the runs finished in.
  for (const [i, dir] of all.entries()) {
    const o = outcomes[i]!;
    if ('list' in o && o.list) lists.set(dir, o.list);
    else unmeasured.set(dir, o.error ?? 'no build list');
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
  // Package listings (the costly part) run a few at a time; results are read in `dirs` order.
  const listPackages = (dir: string) =>
    packageModulesOf(go, dir).catch((err: unknown) => {
      if (!isGoFailure(err)) throw err;
      return { error: clean(err.goMessage || err.message) };
    });
  const needsPackages = dirs.filter((dir) => {
    const b = before.lists.get(dir);
    const a = after.lists.get(dir);
    return b && a && movedModules(b, a).size > 0;
  });
  const listed = await eachLimited(needsPackages, MEASURE_CONCURRENCY, listPackages);
  const usedBy = new Map(needsPackages.map((dir, i) => [dir, listed[i]!]));
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
    const used = usedBy.get(dir)!;
    if (used instanceof Set) {
      if ([...used].some((p) => moved.has(p))) affected.push(dir);
      continue;
    }
    // Unknown impact counts as impact: the matrix should rather test one service too many.
    affected.push(dir);
    warnings.push({ dir, message: `cannot list the packages it builds; counted as affected: ${used.error}` });
  }
  return { carried, affected };
}
