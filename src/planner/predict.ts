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
import { tolerantSource, type Unreadable } from './tolerant-source.js';

export interface Prediction {
  carried: CarriedChange[];
  /** Module dirs whose build list changes. */
  changed: Set<string>;
  warnings: Warning[];
  /** Each predicted dir's build list after the bumps (absent where the prediction failed). */
  lists: Map<string, ModuleVersion[]>;
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
  baseline: Baseline,
  bumpsByDir: ReadonlyMap<string, Map<string, string>>,
  tree: RepoTree,
  source: ModuleSource,
): Promise<Prediction> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  const overrides = new Map<string, GoMod>();
  const carried: CarriedChange[] = [];
  const changed = new Set<string>();
  const warnings: Warning[] = [];
  const lists = new Map<string, ModuleVersion[]>();
  for (const mod of librariesFirst(modules, byDir)) {
    const before = baseline.lists.get(mod.dir);
    if (!before) continue;
    const bumps = bumpsByDir.get(mod.dir) ?? new Map<string, string>();
    const main = mainModuleFor(mod, byDir, tree, overrides);
    const degraded = baseline.degraded.get(mod.dir);
    try {
      const sim = await simulateGet(main, bumps, degraded?.source ?? source);
      overrides.set(mod.dir, withRoots(mod.goMod, sim.roots));
      lists.set(mod.dir, sim.list);
      if (degraded) {
        // The list is a best effort: the module counts as affected whenever anything may move in it.
        if (bumps.size > 0 || !sameList(before, sim.list)) changed.add(mod.dir);
        warnings.push({ dir: mod.dir, message: unknownCarried(degraded) });
        continue;
      }
      if (sameList(before, sim.list)) continue;
      changed.add(mod.dir);
      carried.push(...diffBuildLists(before, sim.list, new Set(bumps.keys())).map((c) => ({ dir: mod.dir, ...c })));
    } catch (err) {
      // A prediction that fails widens the impact set, never shrinks it.
      changed.add(mod.dir);
      warnings.push({
        dir: mod.dir,
        message: `cannot predict what MVS carries here: ${describeSourceFailure(err).detail}`,
      });
    }
  }
  return { carried, changed, warnings, lists };
}

function unknownCarried(d: Degraded): string {
  const [first, ...rest] = d.unreadable;
  const more = rest.length ? ` and ${rest.length} more go.mod file(s)` : '';
  return `what MVS carries here is unknown: the module graph could not be read past ${first!.path}@${first!.version}${more} (${first!.failure.reason})`;
}

/** A module dir whose build list was read past go.mod files that could not be read. */
export interface Degraded {
  /** The go.mod files read as requiring nothing, first seen first. */
  unreadable: Unreadable[];
  /** Reads the same go.mod files the same way, for the guard and the prediction. */
  source: ModuleSource;
}

export interface Baseline {
  lists: Map<string, ModuleVersion[]>;
  /** Dirs whose build list is a best effort: `carried` there is unknown. */
  degraded: Map<string, Degraded>;
  /** Dirs with no build list at all (the proxy was down). */
  failures: Map<string, unknown>;
}

/**
 * The build list of every module as it is now. A module whose graph holds a go.mod that cannot
 * be read is read again past it (tolerant-source.ts), so one unreadable dependency costs that
 * dependency, not the module.
 */
export async function baselineBuildLists(
  modules: DiscoveredModule[],
  tree: RepoTree,
  source: ModuleSource,
): Promise<Baseline> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  const lists = new Map<string, ModuleVersion[]>();
  const degraded = new Map<string, Degraded>();
  const failures = new Map<string, unknown>();
  await Promise.all(
    modules.map(async (mod) => {
      const main = mainModuleFor(mod, byDir, tree);
      try {
        lists.set(mod.dir, (await buildList(main, source)).list);
        return;
      } catch (err) {
        failures.set(mod.dir, err);
      }
      const unreadable = new Map<string, Unreadable>();
      const tolerant = tolerantSource(source, (u) => unreadable.set(`${u.path}@${u.version}`, u));
      try {
        const list = (await buildList(main, tolerant)).list;
        if (unreadable.size === 0) return;
        failures.delete(mod.dir);
        lists.set(mod.dir, list);
        degraded.set(mod.dir, { unreadable: [...unreadable.values()], source: tolerant });
      } catch {
        // The first error says it best (the proxy is down, most likely).
      }
    }),
  );
  return { lists, degraded, failures };
}
