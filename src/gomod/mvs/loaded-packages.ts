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
import { isStandardImport } from '../packages/go-source.js';
import {
  canReadZips,
  knownPackages,
  modulePackages,
  type ModulePackages,
  type ZipSource,
} from '../packages/module-packages.js';
import type { MainModule, ModuleSource } from '../types.js';
import { singleModuleContext } from './load-graph.js';
import type { ModuleGraph } from './module-graph.js';
import { packageId, splitsOf } from './package-nodes.js';

export class LoadedPackagesUnknown extends Error {
  override readonly name = 'LoadedPackagesUnknown';
}

/** Where a package's provider is found: the module and the package's directory in it. */
interface Found {
  module: string;
  dir: string;
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
  const selected = new Map(graph.list.filter((m) => m.version !== '').map((m) => [m.path, m.version]));
  /** Each module's packages at its selected version (or its replacement's), read once per call. */
  const read = new Map<string, ModulePackages>();
  /**
   * The module's packages; where they were never read in this process, the read under way (the
   * caller waits for it and asks again). Most are known: a plan reads the same zips' packages
   * for every module and candidate, and a promise per package cost more than the lookups.
   */
  const packagesAt = (module: string, version: string): ModulePackages | Promise<unknown> => {
    const pkgs = read.get(module);
    if (pkgs !== undefined) return pkgs;
    const r = replace.lookup({ path: module, version });
    const at = r ? { path: r.target.path, version: r.target.version! } : { path: module, version };
    const known = knownPackages(zips, at.path, at.version);
    if (known !== undefined) {
      read.set(module, known);
      return known;
    }
    return modulePackages(zips, at.path, at.version).then((p) => read.set(module, p));
  };

  /**
   * The module providing `pkg` (longest path prefix with a package there), or null; a promise
   * while a module's packages are still being read.
   */
  function provider(pkg: string): Found | null | Promise<unknown> {
    // Longest module path first: pkg itself, then each prefix ending before a slash.
    const { names, dirs } = splitsOf(packageId(pkg));
    for (let i = 0; i < names.length; i++) {
      const module = names[i]!;
      if (module === mainPath) throw new LoadedPackagesUnknown(`${pkg} is a package of the main module`);
      const version = selected.get(module);
      if (version === undefined || version === 'none') continue;
      if (!read.has(module)) {
        const r = replace.lookup({ path: module, version });
        if (r && r.target.version === undefined) {
          throw new LoadedPackagesUnknown(`${pkg} is in ${module}, replaced by the directory ${r.target.path}`);
        }
      }
      const dir = dirs[i]!;
      const pkgs = packagesAt(module, version);
      if (pkgs instanceof Promise) return pkgs;
      if (pkgs.has(dir)) return { module, dir };
    }
    return null;
  }

  /** The providers of `pkgs`, in order, each found once every read it needs is done. */
  const providersIn = async (pkgs: readonly string[]): Promise<(Found | null)[]> => {
    const out: (Found | null)[] = new Array(pkgs.length);
    let todo = pkgs.map((_, i) => i);
    while (todo.length > 0) {
      const waits: Promise<unknown>[] = [];
      const again: number[] = [];
      for (const i of todo) {
        const p = provider(pkgs[i]!);
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
  const seen = new Set<string>();
  // Arguments: a module path that is also a package in the build list is a package query. One
  // after another, so that of two that cannot be read, the first says why.
  let frontier: string[] = [];
  for (const arg of args) if ((await providersIn([arg]))[0] !== null) frontier.push(arg);
  while (frontier.length > 0) {
    const batch = frontier.filter((p) => !seen.has(p));
    for (const p of batch) seen.add(p);
    const at = await providersIn(batch);
    const next = new Set<string>();
    for (let i = 0; i < batch.length; i++) {
      const p = at[i];
      if (p === null) throw new LoadedPackagesUnknown(`no module of the build list provides ${batch[i]!}`);
      providers.add(p!.module);
      for (const imp of read.get(p!.module)!.imports(p!.dir)) {
        if (imp !== 'C' && !isStandardImport(imp) && !seen.has(imp)) next.add(imp);
      }
    }
    frontier = [...next];
  }
  providers.delete(mainPath);
  return [...providers].sort();
}
