/**
 * The modules that provide the packages `go get m1@v1 m2@v2 ...` loads. In a pruned main module,
 * go get loads each argument that names a package, with everything it imports (non-test files,
 * any build tags), and lists in go.mod every module that provides one of those packages (the
 * pruned-roots update, with the roots' imports counted as the main module's): their own
 * requirements then join the module graph. Read from the module zips at the selected versions.
 *
 * Where the packages cannot be read for certain — a package in a local directory replacement, an
 * import no module of the build list provides (go get would then look one up) — this throws
 * LoadedPackagesUnknown with the reason, and the caller keeps its bounds.
 */
import { canReadZips, knownPackages, modulePackages, type ZipSource } from '../packages/module-packages.js';
import type { MainModule, ModuleSource } from '../types.js';
import { singleModuleContext } from './load-graph.js';
import type { ModuleGraph } from './module-graph.js';
import {
  holdPackageIds,
  Marks,
  nodeAt,
  packageId,
  packagePath,
  providedPackages,
  splitsOf,
  type PackageNode,
  type ProvidedPackages,
} from './package-nodes.js';

export class LoadedPackagesUnknown extends Error {
  override readonly name = 'LoadedPackagesUnknown';
}

export async function loadedProviders(
  main: MainModule,
  source: ModuleSource,
  graph: ModuleGraph,
  args: readonly string[],
): Promise<string[]> {
  if (!canReadZips(source)) throw new LoadedPackagesUnknown('module zips cannot be read from this source');
  const zips: ZipSource = source;
  const replace = singleModuleContext(main, source).replace;
  const mainPath = graph.mainModules[0]?.path ?? '';
  /**
   * Each module's packages at its selected version (or its replacement's), read once per call, by
   * packageId of the module path. Most were read earlier in the process: a plan reads the same
   * zips' packages for every module and candidate, and a promise per package cost more than the
   * lookups.
   */
  const read = new Map<number, ProvidedPackages>();
  /** The module's packages, or the read under way (the caller waits for it and asks again). */
  const packagesAt = (moduleId: number, module: string, version: string): ProvidedPackages | Promise<unknown> => {
    const r = replace.lookup({ path: module, version });
    const at = r ? { path: r.target.path, version: r.target.version! } : { path: module, version };
    const known = knownPackages(zips, at.path, at.version);
    if (known !== undefined) {
      const p = providedPackages(module, version, known);
      read.set(moduleId, p);
      return p;
    }
    return modulePackages(zips, at.path, at.version).then((p) =>
      read.set(moduleId, providedPackages(module, version, p)),
    );
  };

  /**
   * The package at `id` (from the longest module path with a package there), or null; a promise
   * while a module's packages are still being read.
   */
  function provider(id: number): PackageNode | null | Promise<unknown> {
    // Longest module path first: pkg itself, then each prefix ending before a slash.
    const split = splitsOf(id);
    const { modules, names, toolchain } = split;
    for (let i = 0; i < names.length; i++) {
      const module = names[i]!;
      if (module === mainPath) {
        throw new LoadedPackagesUnknown(`${packagePath(id)} is a package of the main module`);
      }
      if (toolchain[i]) continue;
      let pkgs = read.get(modules[i]!);
      if (pkgs === undefined) {
        const version = graph.selected(module);
        if (version === '' || version === 'none') continue;
        const r = replace.lookup({ path: module, version });
        if (r && r.target.version === undefined) {
          throw new LoadedPackagesUnknown(
            `${packagePath(id)} is in ${module}, replaced by the directory ${r.target.path}`,
          );
        }
        const now = packagesAt(modules[i]!, module, version);
        if (now instanceof Promise) return now;
        pkgs = now;
      }
      const n = nodeAt(split, i, pkgs, packagePath(id));
      if (n !== undefined) return n;
    }
    return null;
  }

  /** The providers of `ids`, in order, each found once every read it needs is done. */
  const providersIn = async (ids: readonly number[]): Promise<(PackageNode | null)[]> => {
    const out: (PackageNode | null)[] = new Array(ids.length);
    let todo = ids.map((_, i) => i);
    while (todo.length > 0) {
      const waits: Promise<unknown>[] = [];
      const again: number[] = [];
      for (const i of todo) {
        const p = provider(ids[i]!);
        if (p instanceof Promise) {
          waits.push(p);
          again.push(i);
        } else out[i] = p;
      }
      await Promise.all(waits);
      todo = again;
    }
    return out;
  };

  const providers = new Set<string>();
  const release = holdPackageIds();
  const seen = Marks.take();
  try {
    // Arguments: a module path that is also a package in the build list is a package query. One
    // after another, so that of two that cannot be read, the first says why.
    let frontier: number[] = [];
    for (const arg of args) {
      const id = packageId(arg);
      if ((await providersIn([id]))[0] !== null) frontier.push(id);
    }
    while (frontier.length > 0) {
      const batch = frontier.filter((id) => seen.get(id) === 0);
      for (const id of batch) seen.set(id, SEEN);
      const at = await providersIn(batch);
      const next: number[] = [];
      for (let i = 0; i < batch.length; i++) {
        const p = at[i];
        if (p === null)
          throw new LoadedPackagesUnknown(`no module of the build list provides ${packagePath(batch[i]!)}`);
        providers.add(p!.module);
        const imports = p!.ext;
        for (let k = 0; k < imports.length; k++) {
          const imp = imports[k]!;
          if (seen.get(imp) !== 0) continue;
          // Offered once per round: stamped apart from the packages already loaded.
          seen.set(imp, OFFERED);
          next.push(imp);
        }
      }
      for (const id of next) seen.set(id, 0);
      frontier = next;
    }
  } finally {
    seen.release();
    release();
  }
  providers.delete(mainPath);
  return [...providers].sort();
}

/** A package's state in one call: loaded, or offered to the next round. */
const SEEN = 1;
const OFFERED = 2;
