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
 * A loaded package that also keeps its imports outside the standard library, which every walk
 * follows. Private fields: the package compares and prints as the plain LoadedPackage it is.
 */
export class PackageNode implements LoadedPackage {
  #ext: readonly string[] | undefined;
  #extTests: readonly string[] | undefined;

  constructor(
    readonly path: string,
    readonly module: string,
    readonly version: string,
    readonly imports: string[],
    readonly testImports: string[],
  ) {}

  get ext(): readonly string[] {
    return (this.#ext ??= externalImports(this.imports));
  }

  get extTests(): readonly string[] {
    return (this.#extTests ??= externalImports(this.testImports));
  }
}

/** Split caches are cleared past this many paths: a long-lived worker plans many repositories. */
const MAX_PATHS = 200_000;

const splits = new Map<string, readonly string[]>();

/**
 * Every way `pkg` splits into a module path and a directory in it, longest module first, as a
 * flat [module, dir, module, dir, ...] list: pkg itself with "", then each prefix ending before
 * a slash with the rest.
 */
export function splitsOf(pkg: string): readonly string[] {
  let out = splits.get(pkg);
  if (out === undefined) {
    const list: string[] = [];
    for (let end = pkg.length; end > 0; end = pkg.lastIndexOf('/', end - 1)) {
      if (end === pkg.length) list.push(pkg, '');
      else list.push(pkg.slice(0, end), pkg.slice(end + 1));
    }
    if (splits.size >= MAX_PATHS) splits.clear();
    splits.set(pkg, list);
    out = list;
  }
  return out;
}

/** One module version's packages as a load finds them, each directory's node built once. */
export class ProvidedPackages {
  private readonly nodes = new Map<string, PackageNode>();

  constructor(
    readonly module: string,
    readonly version: string,
    readonly packages: ModulePackages,
  ) {}

  /** The package in `dir` (its import path `pkg`), or undefined when the module has none there. */
  node(pkg: string, dir: string): PackageNode | undefined {
    let n = this.nodes.get(dir);
    if (n === undefined) {
      if (!this.packages.has(dir)) return undefined;
      n = new PackageNode(pkg, this.module, this.version, this.packages.imports(dir), this.packages.testImports(dir));
      this.nodes.set(dir, n);
    }
    return n;
  }
}

/** Per module packages: each (module, version) they are found under, kept while the packages are. */
const provided = new WeakMap<ModulePackages, Map<string, ProvidedPackages>>();

/** `packages` as found for module@version (a replacement's packages may stand for another module). */
export function providedPackages(module: string, version: string, packages: ModulePackages): ProvidedPackages {
  let byModule = provided.get(packages);
  if (byModule === undefined) {
    byModule = new Map();
    provided.set(packages, byModule);
  }
  const key = `${module}\0${version}`;
  let p = byModule.get(key);
  if (p === undefined) {
    p = new ProvidedPackages(module, version, packages);
    byModule.set(key, p);
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
