/**
 * Predicts, without the Go toolchain, what apply does to every module's build list: `go get` of
 * the planned direct versions, then (where the modules' Go files can be read, `tidy`) `go mod
 * tidy`, then `go work sync` and tidy again. Libraries go first so that a service replacing a
 * library locally sees the library's new go.mod, as it will after apply.
 */
import { compareGoVersions, DEFAULT_GO_MOD_VERSION } from '../gomod/go-version.js';
import {
  buildList,
  diffBuildLists,
  LoadedPackagesUnknown,
  providersToList,
  simulateGet,
  TidyUnknown,
  type GetConflict,
  type ModuleGraph,
  type SimulatedGet,
} from '../gomod/mvs/index.js';
import { compareModuleVersions } from '../gomod/version.js';
import type { GoMod, GoWork, MainModule, ModuleSource, ModuleVersion, Require } from '../gomod/types.js';
import type { DiscoveredModule } from '../workspace/discover.js';
import { librariesFirst, localDependencies, mainModuleFor } from '../workspace/main-modules.js';
import type { RepoTree } from '../workspace/tree.js';
import { CARRIED_MAY_DIFFER } from './carried-may-differ.js';
import type { CarriedChange, Warning } from './plan-schema.js';
import { predictWorkspaceSync } from './predict-sync.js';
import { predictTidy, syncSelections, tidiedDirs } from './predict-tidy.js';
import { describeSourceFailure } from './source-errors.js';
import { tolerantSource, type Unreadable } from './tolerant-source.js';

export interface Prediction {
  carried: CarriedChange[];
  /**
   * Per dir, bumps that MVS selects above the requested version (another bump requires more):
   * `go get` refuses such a request, so the target must be the selected version.
   */
  raised: Map<string, Map<string, string>>;
  /** Module dirs whose build list changes. */
  changed: Set<string>;
  warnings: Warning[];
  /** Each predicted dir's build list after the bumps (absent where the prediction failed). */
  lists: Map<string, ModuleVersion[]>;
}

/** The go.mod `go get` writes: the settled roots, and the go line raised to what the graph demands. */
function afterGet(goMod: GoMod, roots: ModuleVersion[], maxGo: string): GoMod {
  const old = new Map(goMod.require.map((r) => [r.path, r]));
  const require: Require[] = roots.map((r) => ({
    path: r.path,
    version: r.version,
    indirect: old.get(r.path)?.indirect ?? true,
    pos: old.get(r.path)?.pos ?? { line: 0, column: 0 },
  }));
  const go = goMod.go === null || compareGoVersions(maxGo, goMod.go) > 0 ? maxGo : goMod.go;
  return { ...goMod, go: goMod.go === null && go === DEFAULT_GO_MOD_VERSION ? null : go, require };
}

function sameList(x: ModuleVersion[], y: ModuleVersion[]): boolean {
  if (x.length !== y.length) return false;
  // Mostly two lists in the same order: compared entry by entry before any map is built.
  let i = 0;
  while (i < x.length && x[i]!.path === y[i]!.path && x[i]!.version === y[i]!.version) i++;
  if (i === x.length) return true;
  const m = new Map(x.map((v) => [v.path, v.version]));
  return y.every((v) => m.get(v.path) === v.version);
}

export interface PredictOptions {
  /**
   * Predict `go mod tidy` after each get from the modules' Go files. Only where reading every
   * .go file is cheap (a checkout); without it the prediction is go get's alone.
   */
  tidy?: boolean;
}

export async function predictCarried(
  modules: DiscoveredModule[],
  baseline: Baseline,
  bumpsByDir: ReadonlyMap<string, Map<string, string>>,
  tree: RepoTree,
  source: ModuleSource,
  goWork: GoWork | null = null,
  opts: PredictOptions = {},
): Promise<Prediction> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  const tidied = opts.tidy ? tidiedDirs(modules, byDir, bumpsByDir.keys()) : new Set<string>();
  /** Dirs where what tidy keeps could not be predicted, with why: their go.mod stays as go get left it. */
  const tidyUnknown = new Map<string, string>();
  /** `predict`'s answer; where tidy cannot be predicted, `fallback`, with why kept for the dir's warning. */
  const tidyOr = async <T>(mod: DiscoveredModule, fallback: T, predict: () => Promise<T>): Promise<T> => {
    try {
      return await predict();
    } catch (err) {
      tidyUnknown.set(mod.dir, whyTidyUnknown(err));
      return fallback;
    }
  };
  const tidyBoth = (mod: DiscoveredModule, src: ModuleSource): Promise<void> =>
    tidyOr(mod, undefined, async () => {
      const least = await predictTidy(mod, byDir, tree, leastMods, src, afterGet);
      const one = sameGoMod(leastMods.get(mod.dir), most.get(mod.dir));
      const upper = one ? least : await predictTidy(mod, byDir, tree, most, src, afterGet);
      leastMods.set(mod.dir, least);
      most.set(mod.dir, upper);
    });
  // Two worlds: `least` lists no module go get may add for the packages it loads, `most` lists
  // every module it may add (simulate-get.ts). The prediction is the least; where the two
  // disagree, the dir gets one warning naming that cause.
  const leastMods = new Map<string, GoMod>();
  const most = new Map<string, GoMod>();
  const carried: CarriedChange[] = [];
  const changed = new Set<string>();
  const warnings: Warning[] = [];
  const raised = new Map<string, Map<string, string>>();
  const settled: DiscoveredModule[] = [];
  const lists = new Map<string, ModuleVersion[]>();
  /** Dirs whose loaded packages could not be read, with why. */
  const uncertain = new Map<string, string>();
  for (const mod of librariesFirst(modules, byDir)) {
    const before = baseline.lists.get(mod.dir);
    if (!before) continue;
    const bumps = new Map(bumpsByDir.get(mod.dir) ?? []);
    const degraded = baseline.degraded.get(mod.dir);
    const src = degraded?.source ?? source;
    try {
      const main = mainModuleFor(mod, byDir, tree, leastMods);
      let sim = await simulateGet(main, bumps, src);
      const up = upwardConflicts(sim.conflicts);
      if (up.size > 0) {
        raised.set(mod.dir, up);
        for (const [path, version] of up) bumps.set(path, version);
        sim = await simulateGet(main, bumps, src);
      }
      const mostMain = mainModuleFor(mod, byDir, tree, most);
      const bounded = () => simulateGet(mostMain, bumps, src, { listProviders: true });
      // Without directory replacements both worlds read the same go.mod files: the bound moves
      // the get exactly when it lists a module, and its graph is loaded only if still needed.
      const oneWorld = mod.goMod.replace.every((r) => r.new.version !== undefined);
      let upper: SimulatedGet | null = oneWorld ? null : await bounded();
      const differ = upper
        ? !sameList(sim.roots, upper.roots)
        : (await providersToList(main, bumps, src, sim.graph)).length > 0;
      if (oneWorld && !differ) upper = sim;
      if (differ) {
        // The bounds differ: read the packages go get loads, and where that is certain both
        // worlds take the one answer, so the dir (and the dirs that replace it) need no warning.
        try {
          sim = await simulateGet(main, bumps, src, { loadPackages: true });
          const exact = afterGet(mod.goMod, sim.roots, sim.maxGo);
          leastMods.set(mod.dir, exact);
          most.set(mod.dir, exact);
        } catch (err) {
          if (!(err instanceof LoadedPackagesUnknown)) throw err;
          uncertain.set(mod.dir, err.message);
        }
      }
      if (!leastMods.has(mod.dir)) {
        upper ??= await bounded();
        leastMods.set(mod.dir, afterGet(mod.goMod, sim.roots, sim.maxGo));
        most.set(mod.dir, afterGet(mod.goMod, upper.roots, upper.maxGo));
      }
      if (tidied.has(mod.dir) && !degraded) await tidyBoth(mod, src);
      if (degraded) {
        // The list is a best effort: the module counts as affected whenever anything may move in it.
        if (bumps.size > 0 || !sameList(before, sim.list)) changed.add(mod.dir);
        warnings.push({ dir: mod.dir, message: unknownCarried(degraded) });
        continue;
      }
      settled.push(mod);
    } catch (err) {
      // A prediction that fails widens the impact set, never shrinks it.
      changed.add(mod.dir);
      warnings.push({
        dir: mod.dir,
        message: `cannot predict what MVS carries here: ${describeSourceFailure(err).detail}`,
      });
    }
  }
  if (goWork !== null) {
    // Apply runs go work sync after the gets: the workspace's versions reach each module. Where
    // the two worlds were one, they stay one.
    const one = new Set(settled.filter((m) => sameGoMod(leastMods.get(m.dir), most.get(m.dir))).map((m) => m.dir));
    // Apply tidies every module sync rewrote.
    const settle = async (mod: DiscoveredModule, synced: GoMod): Promise<GoMod> =>
      opts.tidy ? tidyOr(mod, synced, () => predictTidy(mod, byDir, tree, leastMods, source, afterGet)) : synced;
    const members = settled.filter((m) => m.inWorkspace);
    const mustSelect = async (mod: DiscoveredModule, ws: ModuleGraph): Promise<ModuleVersion[] | null> =>
      opts.tidy ? tidyOr(mod, null, () => syncSelections(mod, members, byDir, tree, leastMods, ws, source)) : null;
    // Sync's own tidying of a module it rewrote, against the replacements as sync read them.
    const syncTidy = async (mod: DiscoveredModule, main: MainModule): Promise<GoMod> =>
      opts.tidy
        ? tidyOr(mod, main.goMod, () => predictTidy(mod, byDir, tree, leastMods, source, afterGet, { main }))
        : main.goMod;
    const moved = await predictWorkspaceSync(
      goWork,
      settled,
      leastMods,
      tree,
      source,
      afterGet,
      settle,
      mustSelect,
      syncTidy,
    );
    for (const dir of moved) if (one.has(dir)) most.set(dir, leastMods.get(dir)!);
  }
  // What `go list -m all` shows once every module is written: each go.mod as its own get left
  // it, each local replacement's go.mod as its get left it. In a replace cycle the module got
  // first still sees the other's bumps here, as Go does when it reads the other's go.mod.
  const finals = await Promise.all(
    settled.map(async (mod) => {
      try {
        const [least, upper] = await Promise.all([
          buildList(mainModuleFor(mod, byDir, tree, leastMods), source),
          buildList(mainModuleFor(mod, byDir, tree, most), source),
        ]);
        return { mod, ok: true as const, list: least.list, upper: upper.list };
      } catch (err) {
        return { mod, ok: false as const, err };
      }
    }),
  );
  for (const f of finals) {
    const { mod } = f;
    if (!f.ok) {
      changed.add(mod.dir);
      warnings.push({
        dir: mod.dir,
        message: `cannot predict what MVS carries here: ${describeSourceFailure(f.err).detail}`,
      });
      continue;
    }
    const before = baseline.lists.get(mod.dir)!;
    const bumps = bumpsByDir.get(mod.dir) ?? new Map<string, string>();
    const { list, upper } = f;
    lists.set(mod.dir, list);
    const tidyCause = reachedCause(mod, byDir, tidyUnknown);
    if (!sameList(list, upper)) {
      const also = tidyCause === null ? '' : `; ${tidyUnpredicted(tidyCause)}`;
      warnings.push({ dir: mod.dir, message: mayDiffer(list, upper, causeOf(mod, byDir, uncertain)) + also });
    } else if (tidyCause !== null) {
      warnings.push({ dir: mod.dir, message: `${CARRIED_MAY_DIFFER}: ${tidyUnpredicted(tidyCause)}` });
    }
    // What tidy does there is unknown: it may move the list, so the dir counts as affected.
    if (tidyCause !== null) changed.add(mod.dir);
    // Affected must never miss: a dir counts when either world moves it.
    if (!sameList(before, upper)) changed.add(mod.dir);
    if (sameList(before, list)) continue;
    changed.add(mod.dir);
    carried.push(...diffBuildLists(before, list, new Set(bumps.keys())).map((c) => ({ dir: mod.dir, ...c })));
  }
  return { carried, raised, changed, warnings, lists };
}

/** Why tidy could not be predicted: the prediction's own words, or why a source read failed. */
function whyTidyUnknown(err: unknown): string {
  return err instanceof TidyUnknown ? err.message : describeSourceFailure(err).detail;
}

function sameGoMod(a: GoMod | undefined, b: GoMod | undefined): boolean {
  return a !== undefined && b !== undefined && a.go === b.go && sameList(a.require, b.require);
}

/** The part of a warning that says tidy could not be predicted, and why. */
function tidyUnpredicted(cause: string): string {
  return `go mod tidy runs after go get here, and what it keeps could not be predicted (${cause}), so the plan shows carried without that tidy`;
}

/** Why a dir's prediction is uncertain: its own packages, or those of a module it replaces locally. */
function causeOf(
  mod: DiscoveredModule,
  byDir: ReadonlyMap<string, DiscoveredModule>,
  uncertain: ReadonlyMap<string, string>,
): string {
  return reachedCause(mod, byDir, uncertain) ?? 'the packages it loads are unknown';
}

/** The cause recorded for the dir itself or, transitively, a module it replaces locally; null when none. */
function reachedCause(
  mod: DiscoveredModule,
  byDir: ReadonlyMap<string, DiscoveredModule>,
  uncertain: ReadonlyMap<string, string>,
): string | null {
  const own = uncertain.get(mod.dir);
  if (own !== undefined) return own;
  // Through local replacements, transitively: a library's uncertain go.mod reaches every user.
  const seen = new Set([mod.dir]);
  let frontier = localDependencies(mod, byDir);
  while (frontier.length > 0) {
    const via = frontier.find((d) => uncertain.has(d));
    if (via !== undefined) return `in the local replacement ${via}: ${uncertain.get(via)!}`;
    for (const d of frontier) seen.add(d);
    frontier = frontier.flatMap((d) => localDependencies(byDir.get(d)!, byDir)).filter((d) => !seen.has(d));
  }
  return null;
}

/** One warning for a dir where the two worlds disagree: how many entries, a few of them, and why. */
function mayDiffer(least: ModuleVersion[], most: ModuleVersion[], cause: string): string {
  const l = new Map(least.map((m) => [m.path, m.version]));
  const moved = most.filter((m) => l.get(m.path) !== m.version).map((m) => m.path);
  const shown = moved.slice(0, 3).join(', ');
  const more = moved.length > 3 ? ` and ${moved.length - 3} more` : '';
  return (
    `${CARRIED_MAY_DIFFER} in ${moved.length} module(s) (${shown}${more}): go get lists in go.mod the modules ` +
    `that provide the packages it loads, and which packages those are could not be read (${cause}), ` +
    'so the plan shows carried without them'
  );
}

/** Requested versions that MVS selects higher; `none` requests and downgrades are left as they are. */
function upwardConflicts(conflicts: readonly GetConflict[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of conflicts) {
    if (c.requested === 'none' || c.selected === 'none') continue;
    if (compareModuleVersions(c.path, c.selected, c.requested) > 0) out.set(c.path, c.selected);
  }
  return out;
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
