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
import { canReadZips, modulePackages, type ModulePackages, type ZipSource } from '../packages/module-packages.js';
import type { MainModule, ModuleSource } from '../types.js';
import { singleModuleContext } from './load-graph.js';
import type { ModuleGraph } from './module-graph.js';

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
  const selected = new Map(graph.list.filter((m) => m.version !== '').map((m) => [m.path, m.version]));
  /** Each module's packages at its selected version (or its replacement's), read once per call. */
  const read = new Map<string, ModulePackages>();
  const packagesAt = async (module: string, version: string): Promise<ModulePackages> => {
    let pkgs = read.get(module);
    if (pkgs === undefined) {
      const r = replace.lookup({ path: module, version });
      const at = r ? { path: r.target.path, version: r.target.version! } : { path: module, version };
      pkgs = await modulePackages(zips, at.path, at.version);
      read.set(module, pkgs);
    }
    return pkgs;
  };

  /** The module providing `pkg` (longest path prefix with a package there), or null. */
  async function provider(pkg: string): Promise<{ module: string; dir: string } | null> {
    for (let end = pkg.length; end > 0; end = pkg.lastIndexOf('/', end - 1)) {
      const module = end === pkg.length ? pkg : pkg.slice(0, end);
      if (module === mainPath) throw new LoadedPackagesUnknown(`${pkg} is a package of the main module`);
      const version = selected.get(module);
      if (version === undefined || version === 'none') continue;
      if (!read.has(module)) {
        const r = replace.lookup({ path: module, version });
        if (r && r.target.version === undefined) {
          throw new LoadedPackagesUnknown(`${pkg} is in ${module}, replaced by the directory ${r.target.path}`);
        }
      }
      const dir = end === pkg.length ? '' : pkg.slice(end + 1);
      if ((await packagesAt(module, version)).has(dir)) return { module, dir };
    }
    return null;
  }

  const providers = new Set<string>();
  const seen = new Set<string>();
  const importsOf = async (pkg: string): Promise<string[]> => {
    const p = await provider(pkg);
    if (p === null) throw new LoadedPackagesUnknown(`no module of the build list provides ${pkg}`);
    providers.add(p.module);
    return (await packagesAt(p.module, selected.get(p.module)!)).imports(p.dir);
  };

  // Arguments: a module path that is also a package in the build list is a package query.
  let frontier: string[] = [];
  for (const arg of args) {
    if ((await provider(arg)) !== null) frontier.push(arg);
  }
  while (frontier.length > 0) {
    const next: string[] = [];
    const batch = frontier.filter((p) => !seen.has(p));
    for (const p of batch) seen.add(p);
    const lists = await Promise.all(batch.map(importsOf));
    for (const list of lists) {
      for (const imp of list) if (imp !== 'C' && !isStandardImport(imp) && !seen.has(imp)) next.push(imp);
    }
    frontier = [...new Set(next)];
  }
  providers.delete(mainPath);
  return [...providers].sort();
}
