/**
 * Predicts `go get p1@v1 p2@v2 ...` in one module (GOWORK=off) without the go command. Pruned
 * modules: the requirements with the bumps applied become the roots, and each root is raised to
 * its selected version until the roots are stable — how `go get` settles go.mod. Unpruned
 * modules: plain MVS over the bumped requirements; each requirement is then written at its
 * selected version. `go get` also raises the go line to the graph's `maxGo`.
 */
import type { MainModule, ModuleSource, ModuleVersion } from '../types.js';
import { compareGoVersions, PRUNING_GO_VERSION } from '../go-version.js';
import { compareModuleVersions } from '../version.js';
import {
  loadFromRoots,
  loadModuleGraph,
  requirementRoots,
  singleModuleContext,
  type GraphOptions,
} from './load-graph.js';
import { loadedProviders } from './loaded-packages.js';
import type { ModuleGraph } from './module-graph.js';
import { compareModules, isToolchainModule } from './module-key.js';
import { loadSummary, settledSummary, type ModSummary } from './summaries.js';

export interface GetConflict {
  path: string;
  requested: string;
  /** What MVS selects instead: another requirement asks for more. */
  selected: string;
}

export interface SimulatedGet {
  /** The require list go.mod would have (paths with their versions, by path). */
  roots: ModuleVersion[];
  /** The build list after the get. */
  list: ModuleVersion[];
  /** The go version `go get` would write (the graph's max); compare with the current go line. */
  maxGo: string;
  maxGoFrom: string | null;
  /** Bumps that MVS does not select at the requested version (for `none`: still in the graph). */
  conflicts: GetConflict[];
  graph: ModuleGraph;
}

function bumpedRequirements(
  main: MainModule,
  bumps: ReadonlyMap<string, string>,
  loaded: ReadonlyMap<string, string>,
): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  const present = new Set<string>();
  for (const r of main.goMod.require) {
    present.add(r.path);
    const v = bumps.get(r.path) ?? loaded.get(r.path) ?? r.version;
    if (v !== 'none') out.push({ path: r.path, version: v });
  }
  for (const [path, version] of bumps) if (!present.has(path) && version !== 'none') out.push({ path, version });
  return out;
}

/**
 * The main module's graph before the get, once per main module and source: the guard simulates
 * many candidates against the same main module.
 */
const before = new WeakMap<MainModule, WeakMap<ModuleSource, Promise<ModuleGraph>>>();

function graphBefore(main: MainModule, source: ModuleSource, opts: GraphOptions): Promise<ModuleGraph> {
  let bySource = before.get(main);
  if (!bySource) {
    bySource = new WeakMap();
    before.set(main, bySource);
  }
  let p = bySource.get(source);
  if (!p) {
    p = loadModuleGraph(main, source, opts);
    // A failure is not kept: the proxy may recover.
    p.catch(() => bySource.delete(source));
    bySource.set(source, p);
  }
  return p;
}

export interface SimulateOptions extends GraphOptions {
  /**
   * Also list, as `go get` does in a pruned module, the modules that may provide a loaded
   * package (providersOfLoadedPackages). Read from go.mod files, that set is an upper bound:
   * with it the result is the most `go get` can change, without it the least.
   */
  listProviders?: boolean;
  /**
   * List exactly the modules that provide the packages go get loads, read from the module zips
   * (loaded-packages.ts); throws LoadedPackagesUnknown where that cannot be known.
   */
  loadPackages?: boolean;
}

/**
 * The pruned-roots update of `go get`: in a pruned main module, every module that provides a
 * package the command loaded becomes a requirement of go.mod, and its own requirements then
 * enter the graph. `go get m@v` loads m's package and everything it imports. Without the
 * modules' source, the imports are read at module level from tidy go.mod files: the modules a
 * module requires without `// indirect`, transitively from each bumped module. That is more than
 * Go lists (test-only imports, packages nobody loads, a module without a root package), so it
 * bounds the update from above. Modules already required are left as they are.
 */
async function providersOfLoadedPackages(
  main: MainModule,
  source: ModuleSource,
  graph: ModuleGraph,
  before: ModuleGraph,
  bumps: ReadonlyMap<string, string>,
): Promise<string[]> {
  // A requirement that stays at its version: what its packages import was loaded before and, in a
  // tidy go.mod, is listed already. Only new code (a bumped, raised or new module) imports anew.
  const unchanged = new Set(
    before.roots.filter((r) => !bumps.has(r.path) && graph.selected(r.path) === r.version).map((r) => r.path),
  );
  const ctx = singleModuleContext(main, source);
  const mainPath = graph.mainModules[0]?.path;
  const roots = new Set(graph.roots.map((r) => r.path));
  const seen = new Set<string>();
  let frontier = [...bumps].filter(([, v]) => v !== 'none').map(([path]) => path);
  const added: string[] = [];
  // Level by level. Most go.mod files were read by an earlier call and are known without waiting
  // (settledSummary); only the others are awaited (the graph's own modFiles would first merge
  // every go.mod it loaded into one map, several times what one call visits).
  while (frontier.length > 0) {
    const next: string[] = [];
    const reads: Promise<ModSummary>[] = [];
    for (const path of frontier) {
      if (seen.has(path) || path === mainPath || isToolchainModule(path) || unchanged.has(path)) continue;
      seen.add(path);
      const version = graph.selected(path);
      if (version === 'none' || version === '') continue;
      if (!roots.has(path)) added.push(path);
      const m = { path, version };
      const summary = settledSummary(ctx, m);
      if (summary !== undefined) {
        for (const d of summary.direct) if (!seen.has(d)) next.push(d);
        continue;
      }
      reads.push(loadSummary(ctx, m));
    }
    for (const summary of await Promise.all(reads)) {
      for (const d of summary.direct) if (!seen.has(d)) next.push(d);
    }
    frontier = next;
  }
  return added.sort();
}

/**
 * The modules `simulateGet(..., { listProviders: true })` would add as roots to the graph `got`
 * (a get of `bumps` in `main` without them): empty exactly when that bound leaves the get as it
 * is, so a caller can tell without loading the bounded graph.
 */
export async function providersToList(
  main: MainModule,
  bumps: ReadonlyMap<string, string>,
  source: ModuleSource,
  got: ModuleGraph,
  opts: GraphOptions = {},
): Promise<string[]> {
  if (got.pruning !== 'pruned') return [];
  return providersOfLoadedPackages(main, source, got, await graphBefore(main, source, opts), bumps);
}

export async function simulateGet(
  main: MainModule,
  bumps: ReadonlyMap<string, string>,
  source: ModuleSource,
  opts: SimulateOptions = {},
): Promise<SimulatedGet> {
  // go get starts from go.mod as loaded: in a pruned module each requirement already raised to
  // its selected version, so a bump that stops requiring more never lowers another requirement.
  const before = await graphBefore(main, source, opts);
  const loaded =
    before.pruning === 'pruned' ? new Map(before.roots.map((r) => [r.path, r.version])) : new Map<string, string>();
  const requested = bumpedRequirements(main, bumps, loaded);
  let graph = await loadFromRoots(main, source, requirementRoots(main, requested), opts);
  if (opts.listProviders && graph.pruning === 'pruned') {
    const added = await providersOfLoadedPackages(main, source, graph, before, bumps);
    if (added.length > 0) {
      const more = added.map((path) => ({ path, version: graph.selected(path) }));
      graph = await loadFromRoots(main, source, requirementRoots(main, [...requested, ...more]), opts);
    }
  }
  if (opts.loadPackages && graph.pruning === 'pruned') {
    const args = [...bumps].filter(([, v]) => v !== 'none').map(([path]) => path);
    const extra: ModuleVersion[] = [];
    // Each listed module's requirements may move what is selected, and so which packages load.
    for (let round = 0; round < 20; round++) {
      const listed = new Set(graph.roots.map((r) => r.path));
      const added = (await loadedProviders(main, source, graph, args)).filter((p) => !listed.has(p));
      if (added.length === 0) break;
      extra.push(...added.map((path) => ({ path, version: graph.selected(path) })));
      graph = await loadFromRoots(main, source, requirementRoots(main, [...requested, ...extra]), opts);
    }
  }
  let rootPaths = graph.pruning === 'pruned' ? graph.roots.map((r) => r.path) : requested.map((r) => r.path);
  if (graph.pruning === 'unpruned') {
    // go get in an unpruned module keeps the build list it started from: a module the bumps no
    // longer require stays, at least at the version it had (go.mod gains it where needed).
    const mainPath = graph.mainModules[0]?.path;
    const kept = before.list.filter((m) => {
      if (m.path === mainPath || bumps.has(m.path) || isToolchainModule(m.path)) return false;
      const now = graph.selected(m.path);
      return now === 'none' || compareModuleVersions(m.path, now, m.version) < 0;
    });
    if (kept.length > 0) {
      graph = await loadFromRoots(main, source, requirementRoots(main, [...requested, ...kept]), opts);
      rootPaths = [...rootPaths, ...kept.map((m) => m.path)];
    }
    // A go line raised to 1.17 or later makes the module pruned: go.mod then lists the whole build list.
    if (compareGoVersions(graph.maxGo, PRUNING_GO_VERSION) >= 0) rootPaths = graph.list.map((m) => m.path);
  }
  const seen = new Set<string>();
  const roots: ModuleVersion[] = [];
  for (const path of rootPaths) {
    if (seen.has(path) || isToolchainModule(path) || path === graph.mainModules[0]?.path) continue;
    seen.add(path);
    roots.push({ path, version: graph.selected(path) });
  }
  const conflicts: GetConflict[] = [];
  for (const [path, version] of bumps) {
    const selected = graph.selected(path);
    const wanted = version === 'none' ? 'none' : version;
    if (selected !== wanted) conflicts.push({ path, requested: version, selected });
  }
  return {
    roots: roots.sort(compareModules),
    list: graph.list,
    maxGo: graph.maxGo,
    maxGoFrom: graph.maxGoFrom,
    conflicts,
    graph,
  };
}
