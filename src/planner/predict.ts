/**
 * Predicts, without the Go toolchain, what `go get` of the planned direct versions does to every
 * module's build list. Libraries go first so that a service replacing a library locally sees the
 * library's new go.mod, as it will after apply.
 */
import { buildList, diffBuildLists, simulateGet } from '../gomod/mvs/index.js';
import type { GoMod, ModuleSource, ModuleVersion, Require } from '../gomod/types.js';
import type { DiscoveredModule } from '../workspace/discover.js';
import { librariesFirst, mainModuleFor } from '../workspace/main-modules.js';
import type { RepoTree } from '../workspace/tree.js';
import type { CarriedChange, Warning } from './plan-schema.js';
import { describeSourceFailure } from './source-errors.js';

export interface Prediction {
  carried: CarriedChange[];
  /** Module dirs whose build list changes. */
  changed: Set<string>;
  warnings: Warning[];
}

function withRoots(goMod: GoMod, roots: ModuleVersion[]): GoMod {
  const old = new Map(goMod.require.map((r) => [r.path, r]));
  const require: Require[] = roots.map((r) => ({
    path: r.path,
    version: r.version,
    indirect: old.get(r.path)?.indirect ?? true,
    pos: old.get(r.path)?.pos ?? { line: 0, column: 0 },
  }));
  return { ...goMod, require };
}

function sameList(x: ModuleVersion[], y: ModuleVersion[]): boolean {
  if (x.length !== y.length) return false;
  const m = new Map(x.map((v) => [v.path, v.version]));
  return y.every((v) => m.get(v.path) === v.version);
}

export async function predictCarried(
  modules: DiscoveredModule[],
  baseline: ReadonlyMap<string, ModuleVersion[]>,
  bumpsByDir: ReadonlyMap<string, Map<string, string>>,
  tree: RepoTree,
  source: ModuleSource,
): Promise<Prediction> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  const overrides = new Map<string, GoMod>();
  const carried: CarriedChange[] = [];
  const changed = new Set<string>();
  const warnings: Warning[] = [];
  for (const mod of librariesFirst(modules, byDir)) {
    const before = baseline.get(mod.dir);
    if (!before) continue;
    const bumps = bumpsByDir.get(mod.dir) ?? new Map<string, string>();
    const main = mainModuleFor(mod, byDir, tree, overrides);
    try {
      const sim = await simulateGet(main, bumps, source);
      overrides.set(mod.dir, withRoots(mod.goMod, sim.roots));
      if (sameList(before, sim.list)) continue;
      changed.add(mod.dir);
      carried.push(...diffBuildLists(before, sim.list, new Set(bumps.keys())).map((c) => ({ dir: mod.dir, ...c })));
    } catch (err) {
      warnings.push({ dir: mod.dir, message: `cannot predict what MVS carries here: ${describeSourceFailure(err).detail}` });
    }
  }
  return { carried, changed, warnings };
}

/** The build list of every module as it is now; modules whose graph cannot be loaded are reported. */
export async function baselineBuildLists(
  modules: DiscoveredModule[],
  tree: RepoTree,
  source: ModuleSource,
): Promise<{ lists: Map<string, ModuleVersion[]>; failures: Map<string, unknown> }> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  const lists = new Map<string, ModuleVersion[]>();
  const failures = new Map<string, unknown>();
  await Promise.all(
    modules.map(async (mod) => {
      try {
        const bl = await buildList(mainModuleFor(mod, byDir, tree), source);
        lists.set(mod.dir, bl.list);
      } catch (err) {
        failures.set(mod.dir, err);
      }
    }),
  );
  return { lists, failures };
}
