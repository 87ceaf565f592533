/**
 * The pieces of a package load that do not depend on the load: where an import path may be split
 * into module and directory, and the loaded package of one directory of one module version. A
 * plan loads "all" hundreds of times over largely the same packages (each module's tidy after
 * get, after sync, in both worlds); building these once per process instead of once per load
 * is most of what a load used to allocate.
 */
import { isStandardImport } from '../packages/go-source.js';
import type { ModulePackages } from '../packages/module-packages.js';

/** A package loaded from a module ("" for a main module) at a version ("" for a main module). */
export interface LoadedPackage {
  path: string;
  /** Providing module path; "" for a main module. */
  module: string;
  /** The version it was loaded from ("" for a main module). */
  version: string;
  imports: string[];
  testImports: string[];
}

/** Imports outside the standard library (and cgo's "C"). */
export function externalImports(imports: readonly string[]): readonly string[] {
  return imports.filter((i) => i !== 'C' && !isStandardImport(i));
}

/**
 * A small number per import path: a walk marks what it has visited in arrays indexed by it, and
 * follows imports as lists of numbers, instead of hashing every path at every edge. Paths are
 * those of the packages loaded (thousands per repository, largely shared between repositories,
 * so a worker keeps them from plan to plan), and numbers are good for one generation: past
 * MAX_PACKAGE_IDS the table starts again empty as the next walk begins with none under way
 * (holdPackageIds), and what kept numbers of the old generation (splits, the nodes' imports)
 * numbers them again.
 */
const ids = new Map<string, number>();
const paths: string[] = [];
export const MAX_PACKAGE_IDS = 200_000;
let generation = 0;
/** Walks under way: numbers they hold stay good until every one is done. */
let holders = 0;

/**
 * Holds the package ids for one walk; the returned function lets go. Where no walk holds them and
 * the table is past MAX_PACKAGE_IDS, the table starts again first.
 */
export function holdPackageIds(): () => void {
  if (holders === 0 && paths.length > MAX_PACKAGE_IDS) {
    ids.clear();
    paths.length = 0;
    splits.length = 0;
    generation++;
  }
  holders++;
  let held = true;
  return () => {
    if (held) holders--;
    held = false;
  };
}

export function packageId(path: string): number {
  let id = ids.get(path);
  if (id === undefined) {
    id = paths.length;
    ids.set(path, id);
    paths.push(path);
  }
  return id;
}

/** Which numbering the ids given out now belong to: it changes when the table starts again. */
export function packageIdGeneration(): number {
  return generation;
}

/** The import path of a packageId. */
export function packagePath(id: number): string {
  return paths[id]!;
}

/** How many package ids exist: every id given out is below it. */
export function packageIdCount(): number {
  return paths.length;
}

/** The packageIds of the imports outside the standard library (and cgo's "C"). */
export function externalIds(imports: readonly string[]): Int32Array {
  return Int32Array.from(externalImports(imports), packageId);
}

/**
 * A loaded package that also keeps its imports outside the standard library, which every walk
 * follows, as packageIds. Private fields: the package compares and prints as the plain
 * LoadedPackage it is.
 */
export class PackageNode implements LoadedPackage {
  #ext: Int32Array | undefined;
  #extTests: Int32Array | undefined;
  /** The id generation #ext and #extTests number their imports in. */
  #generation = generation;

  /** The module packages it was found in (undefined for a main module's): one per module version. */
  readonly #from: ProvidedPackages | undefined;

  constructor(
    readonly path: string,
    readonly module: string,
    readonly version: string,
    readonly imports: string[],
    readonly testImports: string[],
    from?: ProvidedPackages,
  ) {
    this.#from = from;
  }

  /**
   * Whether this is the first package of its module version that pass `pass` (a number new to
   * each pass, from newPass) meets; always true for a main module's.
   */
  firstOfModule(pass: number): boolean {
    const from = this.#from;
    if (from === undefined) return true;
    if (from.pass === pass) return false;
    from.pass = pass;
    return true;
  }

  get ext(): Int32Array {
    this.#renumber();
    return (this.#ext ??= externalIds(this.imports));
  }

  get extTests(): Int32Array {
    this.#renumber();
    return (this.#extTests ??= externalIds(this.testImports));
  }

  #renumber(): void {
    if (this.#generation === generation) return;
    this.#generation = generation;
    this.#ext = undefined;
    this.#extTests = undefined;
  }
}

/** Every way a package path splits into a module path and a directory in it, longest module first. */
export interface Splits {
  /** packageId of each module path. */
  modules: Int32Array;
  names: string[];
  dirs: string[];
  /** Whether the module path is "go" or "toolchain", which never provide packages. */
  toolchain: boolean[];
  /**
   * For each split, the module packages last asked for the package there (a main module's own, or
   * another's as provided), and their answer.
   */
  lastFrom: (ProvidedPackages | ModulePackages | undefined)[];
  lastNode: (PackageNode | null)[];
}

const splits: (Splits | undefined)[] = [];

/** pkg itself with "", then each prefix ending before a slash with the rest. */
export function splitsOf(pkgId: number): Splits {
  let out = splits[pkgId];
  if (out === undefined) {
    const pkg = paths[pkgId]!;
    const names: string[] = [];
    const dirs: string[] = [];
    for (let end = pkg.length; end > 0; end = pkg.lastIndexOf('/', end - 1)) {
      names.push(end === pkg.length ? pkg : pkg.slice(0, end));
      dirs.push(end === pkg.length ? '' : pkg.slice(end + 1));
    }
    out = {
      modules: Int32Array.from(names, packageId),
      names,
      dirs,
      toolchain: names.map((n) => n === 'go' || n === 'toolchain'),
      lastFrom: new Array<ProvidedPackages | ModulePackages | undefined>(names.length).fill(undefined),
      lastNode: new Array<PackageNode | null>(names.length).fill(null),
    };
    while (splits.length < pkgId) splits.push(undefined);
    splits[pkgId] = out;
  }
  return out;
}

/**
 * Small numbers per packageId for one walk, in an array that grows with the ids. Taken from a
 * pool and given back cleared: a plan walks hundreds of times, and an array per id per walk was
 * megabytes of garbage.
 */
export class Marks {
  private a: Uint32Array;

  private constructor() {
    this.a = new Uint32Array(paths.length + 1024);
  }

  private static readonly pool: Marks[] = [];

  static take(): Marks {
    return Marks.pool.pop() ?? new Marks();
  }

  /** Gives the marks back, all zero again; the caller no longer uses them. */
  release(): void {
    this.a.fill(0);
    if (Marks.pool.length < 16) Marks.pool.push(this);
  }

  get(id: number): number {
    return id < this.a.length ? this.a[id]! : 0;
  }

  set(id: number, v: number): void {
    if (id >= this.a.length) {
      const b = new Uint32Array(Math.max(id + 1, paths.length) + 1024);
      b.set(this.a);
      this.a = b;
    }
    this.a[id] = v;
  }
}

let passes = 0;

/** A number for one pass over loaded packages, new to the process. */
export function newPass(): number {
  return ++passes;
}

/** One module version's packages as a load finds them, each directory's node built once. */
export class ProvidedPackages {
  /** Each directory asked for: its node, or null where the module has no package there. */
  private readonly nodes = new Map<string, PackageNode | null>();
  /** The last pass over loaded packages that met one of these (PackageNode.firstOfModule). */
  pass = 0;

  constructor(
    readonly module: string,
    readonly version: string,
    readonly packages: ModulePackages,
  ) {}

  /** The package in `dir` (its import path `pkg`), or undefined when the module has none there. */
  node(pkg: string, dir: string): PackageNode | undefined {
    let n = this.nodes.get(dir);
    if (n === undefined) {
      // The longer module paths of a package are asked too, and most have no package there.
      n = this.packages.has(dir)
        ? new PackageNode(
            pkg,
            this.module,
            this.version,
            this.packages.imports(dir),
            this.packages.testImports(dir),
            this,
          )
        : null;
      this.nodes.set(dir, n);
    }
    return n ?? undefined;
  }
}

/**
 * The package at split `i` of `split` (`pkg` itself) in `from`, or undefined when it has none
 * there. A plan's walks mostly find a package's modules at the same versions walk after walk:
 * the last answer per split is kept, and asked again only of other module packages.
 */
export function nodeAt(split: Splits, i: number, from: ProvidedPackages, pkg: string): PackageNode | undefined {
  if (split.lastFrom[i] !== from) {
    split.lastNode[i] = from.node(pkg, split.dirs[i]!) ?? null;
    split.lastFrom[i] = from;
  }
  return split.lastNode[i] ?? undefined;
}

/** nodeAt for a main module's own packages: mainPackage, its last answer per split kept. */
export function mainNodeAt(split: Splits, i: number, own: ModulePackages, pkg: string): PackageNode | undefined {
  if (split.lastFrom[i] !== own) {
    split.lastNode[i] = mainPackage(own, split.names[i]!, pkg, split.dirs[i]!) ?? null;
    split.lastFrom[i] = own;
  }
  return split.lastNode[i] ?? undefined;
}

/**
 * Per module packages: each (module, then version) they are found under, kept while the packages
 * are. By the strings themselves, not a key built per lookup: every walk asks once per module.
 */
const provided = new WeakMap<ModulePackages, Map<string, Map<string, ProvidedPackages>>>();

/** `packages` as found for module@version (a replacement's packages may stand for another module). */
export function providedPackages(module: string, version: string, packages: ModulePackages): ProvidedPackages {
  let byModule = provided.get(packages);
  if (byModule === undefined) {
    byModule = new Map();
    provided.set(packages, byModule);
  }
  let byVersion = byModule.get(module);
  if (byVersion === undefined) {
    byVersion = new Map();
    byModule.set(module, byVersion);
  }
  let p = byVersion.get(version);
  if (p === undefined) {
    p = new ProvidedPackages(module, version, packages);
    byVersion.set(version, p);
  }
  return p;
}

/** A main module's package nodes, per its packages and its path. */
const mainNodes = new WeakMap<ModulePackages, Map<string, Map<string, PackageNode>>>();

/** The package at `pkg` (directory `dir`) of main module `module`, or undefined when it has none there. */
export function mainPackage(
  packages: ModulePackages,
  module: string,
  pkg: string,
  dir: string,
): PackageNode | undefined {
  let byModule = mainNodes.get(packages);
  if (byModule === undefined) {
    byModule = new Map();
    mainNodes.set(packages, byModule);
  }
  let byDir = byModule.get(module);
  if (byDir === undefined) {
    byDir = new Map();
    byModule.set(module, byDir);
  }
  let n = byDir.get(dir);
  if (n === undefined) {
    if (!packages.has(dir)) return undefined;
    n = new PackageNode(pkg, '', '', packages.imports(dir), packages.testImports(dir));
    byDir.set(dir, n);
  }
  return n;
}
