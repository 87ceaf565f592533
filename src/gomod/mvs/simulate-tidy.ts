/**
 * Predicts `go mod tidy` in one module (GOWORK=off) from the module graph `go get` left, without
 * the go command. Tidy loads the "all" pattern with every build tag but `ignore`: the main
 * module's packages with their tests, and everything they import; at go < 1.16 "all" also closes
 * over the tests of every package in it. It also loads the tests of each package in "all", and
 * what those import.
 *
 * Pruned modules (go ≥ 1.17): the new requirements are the modules that provide a package in
 * "all", at the versions the packages were loaded from; then, level by level out from those
 * packages' tests, each module that provides a loaded package but would be selected lower (or
 * not at all) from the requirements so far is required too. Unpruned modules: MVS over every
 * module that provides a loaded package. Everything else go.mod required is dropped.
 *
 * An import no module of the build list provides is looked up as tidy does (the longest module
 * path whose latest version has the package) and required. Where the outcome cannot be known —
 * an ambiguous import (tidy fails), an import no version provides, a directory replacement whose
 * packages the caller cannot read, zips that cannot be read — it throws TidyUnknown with why.
 */
import { compareGoVersions, PRUNING_GO_VERSION } from '../go-version.js';
import { canReadZips, knownPackages, modulePackages, type ModulePackages } from '../packages/module-packages.js';
import type { MainModule, ModuleSource, ModuleVersion } from '../types.js';
import { compareModuleVersions } from '../version.js';
import { upgradeCandidates } from '../upgrade.js';
import { loadFromRoots, mainGoVersion, requirementRoots, singleModuleContext } from './load-graph.js';
import type { ModuleGraph } from './module-graph.js';
import { compareModules, isToolchainModule } from './module-key.js';
import {
  externalIds,
  holdPackageIds,
  mainNodeAt,
  Marks,
  newPass,
  nodeAt,
  PackageNode,
  packageId,
  packageIdGeneration,
  packagePath,
  providedPackages,
  splitsOf,
  type LoadedPackage,
  type ProvidedPackages,
  type Splits,
} from './package-nodes.js';

export type { LoadedPackage } from './package-nodes.js';

export class TidyUnknown extends Error {
  override readonly name = 'TidyUnknown';
}

/** "all" closes over tests of dependencies below this go line. */
const NARROW_ALL_GO_VERSION = '1.16';

export interface TidyInput {
  /** The main module as go get left it. */
  main: MainModule;
  /** The module graph go get left (what tidy loads packages against). */
  graph: ModuleGraph;
  /** The main module's own package dirs ("" for its root), nested modules left out. */
  mainDirs: readonly string[];
  mainPackages: ModulePackages;
  /** Packages of a directory replacement, by its path as go.mod writes it; null when unreadable. */
  localPackages(relDir: string): Promise<ModulePackages | null>;
  /**
   * Load as `go work sync` tidies a module it rewrote (errors allowed, nothing looked up): a
   * missing or ambiguous import is left out with what it imports.
   */
  allowErrors?: boolean;
}

export interface SimulatedTidy {
  /** The require list tidy writes (module paths with their versions, by path). */
  roots: ModuleVersion[];
  /** The build list after tidy. */
  list: ModuleVersion[];
  graph: ModuleGraph;
}

/** Where the loader finds packages: main modules' own, and other modules' at their selected versions. */
export interface PackageWorld {
  /**
   * Each main module's packages by its path (one outside a workspace); not changed once walked:
   * its ids are kept per map (a workspace's sync walks every member against one map).
   */
  mains: ReadonlyMap<string, ModulePackages>;
  selected(path: string): string;
  /**
   * In a pruned graph, the paths of the root requirements: Go looks for a package among the main
   * modules and the roots first, and in the whole graph only when no root has it. Absent
   * (unpruned): the whole graph at once. Either way two modules with the package are an error.
   * A list rather than a question per module: a walk marks the roots by id once, and a module's
   * prefixes (most of them no module at all) are then told apart without hashing each.
   */
  roots?: readonly string[];
  /** Packages of a module version; null when it has none to offer. Throws TidyUnknown when unreadable. */
  packagesOf(module: string, version: string): Promise<ModulePackages | null>;
  /**
   * What packagesOf has answered for module@version already, without waiting; undefined when it
   * has not (or failed). Lets a load skip a promise per module it has seen in an earlier load.
   */
  packagesKnown?(module: string, version: string): ModulePackages | null | undefined;
  /**
   * Load as `go work sync` does (errors allowed): a package that is missing or ambiguous is left
   * out with what it imports, instead of failing the load.
   */
  allowErrors?: boolean;
  /** Called for an import no module provides, which then counts as an error (tidy looks one up). */
  onMissing?(pkg: string): void;
  /**
   * Packages already loaded in this same world (the same main modules, selected versions, roots,
   * packagesOf and error mode), kept between loads of several roots' "all". Ignored with onMissing.
   */
  shared?: Map<string, LoadedPackage | null>;
}

export interface LoadedAll {
  /** The packages of "all". */
  inAll: LoadedPackage[];
  /** The packages the tests of "all" load besides, by distance from those tests. */
  levels: LoadedPackage[][];
}

/** The packageIds of the imports a walk follows from `p`: its own, or its tests'. */
function followed(p: LoadedPackage, tests: boolean): Int32Array {
  if (p instanceof PackageNode) return tests ? p.extTests : p.ext;
  return externalIds(tests ? p.testImports : p.imports);
}

/**
 * A package's mark once the walk has loaded it (or failed to): above every round, so that the one
 * test `mark >= round` tells an import to skip, loaded or already in the next frontier.
 */
const LOADED = 0x7fffffff;
/** A module's mark in one walk where it is a root. */
const ROOT = 1;

/**
 * Loads "all" from the packages of one main module (`roots`, import paths), with every build tag
 * but `ignore`: a main module's tests count, and below `closesOverTests` so do every package's.
 * Then the tests of each package in "all", and what they import.
 *
 * Each round of the walk resolves its packages synchronously from the module packages read so
 * far, and waits only for those still being read: a plan loads hundreds of thousands of
 * packages, and a promise per lookup cost more than the lookups. The loaded packages themselves
 * are built once per module version, and paths are numbered once per process
 * (package-nodes.ts): a walk marks and follows numbers, and hashes a path only to resolve it.
 */
export async function loadAll(
  world: PackageWorld,
  roots: readonly string[],
  closesOverTests: boolean,
): Promise<LoadedAll> {
  const release = holdPackageIds();
  const marks = WalkMarks.take();
  try {
    const mains = mainIds(world.mains);
    for (let i = 0; i < mains.ids.length; i++) marks.main.set(mains.ids[i]!, i + 1);
    return await walk(world, roots, closesOverTests, mains.packages, marks);
  } finally {
    marks.release();
    release();
  }
}

interface MainIds {
  generation: number;
  ids: Int32Array;
  packages: ModulePackages[];
}

/**
 * The main modules' packageIds, per mains map while the ids stay good: a workspace's sync walks
 * every member against the same map of all its members.
 */
const mainIdsOf = new WeakMap<ReadonlyMap<string, ModulePackages>, MainIds>();

function mainIds(mains: ReadonlyMap<string, ModulePackages>): MainIds {
  let m = mainIdsOf.get(mains);
  if (m === undefined || m.generation !== packageIdGeneration() || m.ids.length !== mains.size) {
    m = {
      generation: packageIdGeneration(),
      ids: Int32Array.from(mains.keys(), packageId),
      packages: [...mains.values()],
    };
    mainIdsOf.set(mains, m);
  }
  return m;
}

/**
 * The marks of one walk, by packageId: taken and given back together. `main` and `provided` hold
 * an index + 1 into the walk's own lists (0: not yet known), so a split is resolved with array
 * reads instead of a hash lookup per module path per package.
 */
class WalkMarks {
  private constructor(
    readonly root: Marks,
    readonly joined: Marks,
    readonly main: Marks,
    readonly provided: Marks,
  ) {}

  static take(): WalkMarks {
    return new WalkMarks(Marks.take(), Marks.take(), Marks.take(), Marks.take());
  }

  release(): void {
    this.root.release();
    this.joined.release();
    this.main.release();
    this.provided.release();
  }
}

/** loadAll's walk, with its marks. */
async function walk(
  world: PackageWorld,
  roots: readonly string[],
  closesOverTests: boolean,
  mains: readonly ModulePackages[],
  marks: WalkMarks,
): Promise<LoadedAll> {
  const { root: rootMarks, joined } = marks;
  /**
   * Each module's packages at its selected version (null when it has none to offer), at the index
   * marks.provided holds for its packageId, less one.
   */
  const provided: (ProvidedPackages | null)[] = [];
  const known = (moduleId: number, p: ProvidedPackages | null): ProvidedPackages | null => {
    provided.push(p);
    marks.provided.set(moduleId, provided.length);
    return p;
  };
  const reading = new Map<number, Promise<void>>();
  /**
   * What reads under way found, until the walk next asks: only the walk itself marks, so a read
   * that settles after the walk failed never marks the pooled arrays another walk has taken.
   */
  const read = new Map<number, ProvidedPackages | null>();
  /** `module`'s packages, or undefined while they are read (the read joins `waits`). */
  const providedBy = (
    moduleId: number,
    module: string,
    waits: Promise<void>[],
  ): ProvidedPackages | null | undefined => {
    const at = marks.provided.get(moduleId);
    if (at !== 0) return provided[at - 1]!;
    let r = reading.get(moduleId);
    if (r === undefined) {
      const version = world.selected(module);
      if (version === 'none' || version === '') return known(moduleId, null);
      const now = world.packagesKnown?.(module, version);
      if (now !== undefined) return known(moduleId, now === null ? null : providedPackages(module, version, now));
      r = world.packagesOf(module, version).then((packages) => {
        read.set(moduleId, packages === null ? null : providedPackages(module, version, packages));
      });
      // Awaited through `waits`; a walk that throws first leaves it unawaited, not unhandled.
      r.catch(() => undefined);
      reading.set(moduleId, r);
    } else {
      const p = read.get(moduleId);
      if (p !== undefined) return known(moduleId, p);
    }
    waits.push(r);
    return undefined;
  };
  for (const r of world.roots ?? []) rootMarks.set(packageId(r), ROOT);
  /**
   * The candidates found by the last call of `candidates`: the first `nFound` of `found`. Counted
   * rather than emptied: an array cut to length 0 gives up its storage, and the next push takes
   * new storage, twice per package loaded.
   */
  const found: PackageNode[] = [];
  let nFound = 0;
  /**
   * Collects into `found` every module (main ones included) with the package at `pkg`, among the
   * roots or the whole graph; false while a module's packages are still being read.
   */
  const candidates = (pkg: string, split: Splits, rootsOnly: boolean, waits: Promise<void>[]): boolean => {
    nFound = 0;
    let pending = false;
    // Longest module path first: pkg itself, then each prefix ending before a slash.
    const { modules, names, toolchain } = split;
    for (let i = 0; i < modules.length; i++) {
      const moduleId = modules[i]!;
      const main = marks.main.get(moduleId);
      if (main !== 0) {
        const n = mainNodeAt(split, i, mains[main - 1]!, pkg);
        if (n !== undefined) found[nFound++] = n;
        continue;
      }
      if (toolchain[i] || (rootsOnly && rootMarks.get(moduleId) !== ROOT)) continue;
      const p = providedBy(moduleId, names[i]!, waits);
      if (p === undefined) pending = true;
      if (!p) continue;
      const n = nodeAt(split, i, p, pkg);
      if (n !== undefined) found[nFound++] = n;
    }
    return !pending;
  };
  /** The package at `id` (null: left out, errors allowed); undefined while reads are pending. */
  const load = (id: number, waits: Promise<void>[]): LoadedPackage | null | undefined => {
    const pkg = packagePath(id);
    const split = splitsOf(id);
    nFound = 0;
    if (world.roots && !candidates(pkg, split, true, waits)) return undefined;
    if (nFound === 0 && !candidates(pkg, split, false, waits)) return undefined;
    if (nFound === 1) return found[0]!;
    if (world.allowErrors) return null;
    if (nFound === 0 && world.onMissing) {
      world.onMissing(pkg);
      return null;
    }
    if (nFound > 1) {
      const mods = found
        .slice(0, nFound)
        .map((f) => (f.module === '' ? 'the main module' : `${f.module}@${f.version}`))
        .join(', ');
      throw new TidyUnknown(`ambiguous import: ${pkg} is in ${mods}`);
    }
    throw new TidyUnknown(`no module of the build list provides ${pkg}, so go mod tidy would look one up`);
  };
  // A missing import must reach onMissing each time: such a world keeps its loads to itself.
  const shared = world.onMissing ? undefined : world.shared;
  // A walk loads each package once (the frontiers below hold only packages not loaded yet): what
  // a batch loaded is kept only until its reads under way are done, in the batch's own slots.
  // Loads what it can now into `out`, and says how many wait for reads (joined to `waits`).
  const loadInto = (batch: readonly number[], out: (LoadedPackage | null | undefined)[], waits: Promise<void>[]) => {
    let pending = 0;
    for (let i = 0; i < batch.length; i++) {
      if (out[i] !== undefined) continue;
      const id = batch[i]!;
      let p = shared?.get(packagePath(id));
      if (p === undefined) {
        p = load(id, waits);
        if (p === undefined) {
          pending++;
          continue;
        }
        shared?.set(packagePath(id), p);
      }
      out[i] = p;
    }
    return pending;
  };
  // Most batches resolve from packages read earlier: only one that waits for a read awaits.
  const loadBatch = (batch: readonly number[]): (LoadedPackage | null)[] | Promise<(LoadedPackage | null)[]> => {
    const out: (LoadedPackage | null | undefined)[] = new Array(batch.length);
    const waits: Promise<void>[] = [];
    if (loadInto(batch, out, waits) === 0) return out as (LoadedPackage | null)[];
    return (async () => {
      for (let w = waits; ;) {
        await Promise.all(w);
        w = [];
        if (loadInto(batch, out, w) === 0) return out as (LoadedPackage | null)[];
      }
    })();
  };

  // Each frontier is a set, and an import already loaded never joins it: the same packages are
  // imported from everywhere, and the walk costs what it visits, not what it is offered. A
  // frontier is a list kept free of repeats by stamping each id with the round it joined, and a
  // loaded package is stamped LOADED: one read and one comparison per import edge.
  let round = 1;
  const offer = (imports: Int32Array, next: number[]): void => {
    for (let k = 0; k < imports.length; k++) {
      const imp = imports[k]!;
      if (joined.get(imp) >= round) continue;
      joined.set(imp, round);
      next.push(imp);
    }
  };
  const inAll: LoadedPackage[] = [];
  let frontier: number[] = [];
  for (const r of roots) {
    const id = packageId(r);
    if (joined.get(id) === round) continue;
    joined.set(id, round);
    frontier.push(id);
  }
  while (frontier.length > 0) {
    const batch = frontier.filter((id) => joined.get(id) !== LOADED);
    const now = loadBatch(batch);
    const pkgs = Array.isArray(now) ? now : await now;
    const next: number[] = [];
    round++;
    for (let i = 0; i < pkgs.length; i++) {
      const p = pkgs[i]!;
      if (p === null) {
        joined.set(batch[i]!, LOADED);
        continue;
      }
      joined.set(batch[i]!, LOADED);
      inAll.push(p);
      // Go counts the tests of every main module's packages into "all" (in a workspace, of every
      // workspace module's that "all" reaches).
      offer(followed(p, false), next);
      if (p.module === '' || closesOverTests) offer(followed(p, true), next);
    }
    frontier = next;
  }

  const levels: LoadedPackage[][] = [];
  round++;
  frontier = [];
  for (const p of inAll) offer(followed(p, true), frontier);
  while (frontier.length > 0) {
    const batch = frontier;
    for (const id of batch) joined.set(id, LOADED);
    const now = loadBatch(batch);
    const pkgs = (Array.isArray(now) ? now : await now).filter((p) => p !== null);
    if (pkgs.length > 0) levels.push(pkgs);
    round++;
    frontier = [];
    for (const p of pkgs) offer(followed(p, false), frontier);
  }
  return { inAll, levels };
}

/** The modules (not main ones) that provide `pkgs`, at the versions they were loaded from. */
export function providersOf(pkgs: Iterable<LoadedPackage>): ModuleVersion[] {
  // A walk's packages come from one version per module, which their nodes share: the first node
  // of each says so, without a Map keyed by module path. Other packages go the long way.
  const pass = newPass();
  const out: ModuleVersion[] = [];
  for (const p of pkgs) {
    if (!(p instanceof PackageNode)) return providersByPath(pkgs);
    if (p.module !== '' && !isToolchainModule(p.module) && p.firstOfModule(pass))
      out.push({ path: p.module, version: p.version });
  }
  out.sort(compareModules);
  // Packages of one module read twice (its index read again after the source let it go): the
  // Map's answer.
  for (let i = 1; i < out.length; i++) if (out[i]!.path === out[i - 1]!.path) return providersByPath(pkgs);
  return out;
}

function providersByPath(pkgs: Iterable<LoadedPackage>): ModuleVersion[] {
  const out = new Map<string, string>();
  for (const p of pkgs) if (p.module !== '' && !isToolchainModule(p.module)) out.set(p.module, p.version);
  return [...out].map(([path, version]) => ({ path, version })).sort(compareModules);
}

/**
 * The packages of a module version as `main` resolves it: a directory replacement through
 * `localPackages`, anything else from the module zip (of the replacement's version, if any).
 * What the zips answered earlier in the process is known without waiting.
 */
export function packagesFromSource(
  main: MainModule,
  source: ModuleSource,
  localPackages: (relDir: string) => Promise<ModulePackages | null>,
): Pick<PackageWorld, 'packagesOf' | 'packagesKnown'> {
  const replace = singleModuleContext(main, source).replace;
  const zips = canReadZips(source) ? source : null;
  const cache = new Map<string, Promise<ModulePackages | null>>();
  const packagesKnown = (module: string, version: string): ModulePackages | undefined => {
    if (zips === null) return undefined;
    const r = replace.lookup({ path: module, version });
    if (r === null) return knownPackages(zips, module, version);
    return r.target.version === undefined ? undefined : knownPackages(zips, r.target.path, r.target.version);
  };
  const packagesOf = (module: string, version: string): Promise<ModulePackages | null> => {
    const key = `${module}@${version}`;
    let p = cache.get(key);
    if (!p) {
      const r = replace.lookup({ path: module, version });
      if (r && r.target.version === undefined) {
        const dir = r.target.path;
        p = localPackages(dir).then((pkgs) => {
          if (pkgs === null) throw new TidyUnknown(`the packages of ${module}, replaced by ${dir}, cannot be read`);
          return pkgs;
        });
      } else if (zips === null) {
        p = Promise.reject(new TidyUnknown('module zips cannot be read from this source'));
      } else {
        const at = r ? { path: r.target.path, version: r.target.version! } : { path: module, version };
        p = modulePackages(zips, at.path, at.version);
      }
      cache.set(key, p);
    }
    return p;
  };
  return { packagesOf, packagesKnown };
}

export function closesOverTests(main: MainModule): boolean {
  return compareGoVersions(mainGoVersion(main), NARROW_ALL_GO_VERSION) < 0;
}

/** Lookups of missing imports tidy makes at most before the prediction gives up. */
const MAX_LOOKUP_ROUNDS = 8;

/**
 * The module tidy adds for an import nothing provides: of the paths that may hold it, longest
 * first, the "latest" version (Go's query) that has the package, unless the graph already
 * selects that module higher.
 */
async function lookUp(
  pkg: string,
  main: MainModule,
  graph: ModuleGraph,
  source: ModuleSource,
): Promise<ModuleVersion | null> {
  if (!canReadZips(source)) return null;
  const parts = pkg.split('/');
  for (let n = parts.length; n > 0; n--) {
    const path = parts.slice(0, n).join('/');
    let latest: string | null;
    try {
      const excluded = new Set(main.goMod.exclude.filter((e) => e.path === path).map((e) => e.version));
      latest = (await upgradeCandidates(path, '', { source, excluded, replace: main.goMod.replace })).goUpdate;
    } catch {
      continue; // no such module
    }
    if (latest === null || compareModuleVersions(path, graph.selected(path), latest) > 0) continue;
    if ((await modulePackages(source, path, latest)).has(parts.slice(n).join('/'))) return { path, version: latest };
  }
  return null;
}

export async function simulateTidy(input: TidyInput, source: ModuleSource): Promise<SimulatedTidy> {
  const { main } = input;
  let graph = input.graph;
  const mainPath = graph.mainModules[0]!.path;
  const mainPkgs = input.mainDirs.map((d) => (d === '' ? mainPath : `${mainPath}/${d}`));
  const packages = packagesFromSource(main, source, input.localPackages);
  // Imports nothing provides are looked up and required, and the packages loaded again.
  const added: ModuleVersion[] = [];
  let loadedAll: LoadedAll | null = null;
  for (let round = 0; round <= MAX_LOOKUP_ROUNDS && loadedAll === null; round++) {
    const g = graph;
    const roots = new Set(g.roots.map((r) => r.path));
    const missing: string[] = [];
    const world: PackageWorld = {
      mains: new Map([[mainPath, input.mainPackages]]),
      selected: (path) => g.selected(path),
      ...(g.pruning === 'unpruned' ? {} : { roots: [...roots] }),
      ...packages,
      onMissing: (pkg) => missing.push(pkg),
      ...(input.allowErrors ? { allowErrors: true } : {}),
    };
    const loaded = await loadAll(world, mainPkgs, closesOverTests(main));
    if (missing.length === 0) {
      loadedAll = loaded;
      break;
    }
    if (round === MAX_LOOKUP_ROUNDS) break;
    // Before looking anything up, Go lists each module that provides a package of "all" as a root
    // (the pruned-roots update) and loads again: the requirements of such a module, now in the
    // graph, may provide what was missing.
    const promoted = g.pruning === 'unpruned' ? [] : providersOf(loaded.inAll).filter((m) => !roots.has(m.path));
    if (promoted.length > 0) {
      const kept = g.roots.filter((r) => !isToolchainModule(r.path) && r.path !== mainPath);
      graph = await loadFromRoots(main, source, requirementRoots(main, [...kept, ...promoted]));
      continue;
    }
    for (const pkg of [...new Set(missing)].sort()) {
      const found = await lookUp(pkg, main, g, source);
      if (found === null) throw new TidyUnknown(`no module provides ${pkg}, not even at its latest version`);
      if (!added.some((m) => m.path === found.path)) added.push(found);
    }
    const kept = g.roots.filter(
      (r) => !isToolchainModule(r.path) && r.path !== mainPath && !added.some((m) => m.path === r.path),
    );
    graph = await loadFromRoots(main, source, requirementRoots(main, [...kept, ...added]));
  }
  if (loadedAll === null) throw new TidyUnknown('go mod tidy keeps looking up modules for missing imports');
  const { inAll, levels } = loadedAll;

  if (compareGoVersions(mainGoVersion(main), PRUNING_GO_VERSION) < 0) {
    const keep = providersOf([...inAll, ...levels.flat()]);
    const g = await loadFromRoots(main, source, requirementRoots(main, keep));
    // go.mod keeps a minimal set with this build list; for the list, the kept modules stand in.
    const roots = keep.map((m) => ({ path: m.path, version: g.selected(m.path) })).sort(compareModules);
    return { roots, list: g.list, graph: g };
  }

  // Level by level out from the tests, as tidy adds them: a module required for a nearer package
  // may carry a farther one's module high enough.
  const required = providersOf(inAll);
  let g = await loadFromRoots(main, source, requirementRoots(main, required));
  // Kept along with `required` rather than built per level: most levels add nothing.
  const isRoot = new Set(required.map((r) => r.path));
  for (const level of levels) {
    const more = providersOf(level).filter(
      (m) => !isRoot.has(m.path) && compareModuleVersions(m.path, g.selected(m.path), m.version) < 0,
    );
    if (more.length === 0) continue;
    for (const m of more) {
      required.push(m);
      isRoot.add(m.path);
    }
    g = await loadFromRoots(main, source, requirementRoots(main, required));
  }
  const out = g.roots.filter((r) => !isToolchainModule(r.path) && r.path !== mainPath).sort(compareModules);
  return { roots: out, list: g.list, graph: g };
}
