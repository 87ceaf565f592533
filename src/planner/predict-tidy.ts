/**
 * What `go mod tidy` leaves in a module's go.mod after apply's `go get`, predicted from the
 * module's own Go files (read through the RepoTree) and the packages of its dependencies' zips
 * (simulate-tidy.ts). Apply tidies every module it gets into and every module that builds
 * against one of those (a directory replacement, or a requirement on a workspace module), and
 * again each module go work sync rewrites: tidiedDirs names the first set.
 */
import {
  closesOverTests,
  loadAll,
  loadModuleGraph,
  packagesFromSource,
  providersOf,
  simulateTidy,
  type LoadedPackage,
  type ModuleGraph,
} from '../gomod/mvs/index.js';
import type { ModulePackages } from '../gomod/packages/module-packages.js';
import type { GoMod, MainModule, ModuleSource, ModuleVersion } from '../gomod/types.js';
import type { DiscoveredModule } from '../workspace/discover.js';
import { localDependencies, mainModuleFor, type GoModOverrides } from '../workspace/main-modules.js';
import { resolveRepoPath } from '../workspace/paths.js';
import type { RepoTree } from '../workspace/tree.js';
import type { AfterGet } from './predict-sync.js';
import { treePackages } from './tree-packages.js';

/**
 * The go.mod tidy writes for `mod`, whose go.mod as go get left it is in `mods`. `sync`: the
 * tidying `go work sync` does itself in a module it rewrote, errors allowed, against `sync.main`
 * (the go.mod files that sync reads for the module's directory replacements, see predict-sync.ts).
 */
export async function predictTidy(
  mod: DiscoveredModule,
  byDir: ReadonlyMap<string, DiscoveredModule>,
  tree: RepoTree,
  mods: GoModOverrides,
  source: ModuleSource,
  afterGet: AfterGet,
  sync?: { main: MainModule },
): Promise<GoMod> {
  const main = sync?.main ?? mainModuleFor(mod, byDir, tree, mods);
  const [graph, own] = await Promise.all([loadModuleGraph(main, source), treePackages(tree, mod.dir)]);
  const tidy = await simulateTidy(
    {
      main,
      graph,
      mainDirs: own.dirs,
      mainPackages: own.packages,
      localPackages: localPackagesOf(mod, tree),
      ...(sync ? { allowErrors: true } : {}),
    },
    source,
  );
  return afterGet(main.goMod, tidy.roots, tidy.graph.maxGo);
}

function localPackagesOf(mod: DiscoveredModule, tree: RepoTree): (relDir: string) => Promise<ModulePackages | null> {
  return async (relDir) => {
    const target = resolveRepoPath(mod.dir, relDir);
    return target === null ? null : (await treePackages(tree, target)).packages;
  };
}

/**
 * Packages loaded in one workspace graph, kept for the members that resolve packages alike (no
 * replace directive of their own): sync asks about every member against the same graph, and
 * their "all" sets overlap almost wholly.
 */
interface SharedLoads {
  members: readonly DiscoveredModule[];
  source: ModuleSource;
  loads: Map<string, LoadedPackage | null>;
}

const sharedLoads = new WeakMap<ModuleGraph, SharedLoads>();

function loadsIn(ws: ModuleGraph, members: readonly DiscoveredModule[], source: ModuleSource): SharedLoads['loads'] {
  let s = sharedLoads.get(ws);
  if (!s || s.members !== members || s.source !== source) {
    s = { members, source, loads: new Map() };
    sharedLoads.set(ws, s);
  }
  return s.loads;
}

/** The workspace modules' packages by module path, read once per members list. */
const mainsOf = new WeakMap<readonly DiscoveredModule[], Promise<Map<string, ModulePackages>>>();

function workspaceMains(members: readonly DiscoveredModule[], tree: RepoTree): Promise<Map<string, ModulePackages>> {
  let p = mainsOf.get(members);
  if (!p) {
    p = (async () => {
      const mains = new Map<string, ModulePackages>();
      await Promise.all(
        members.map(async (m) => {
          if (m.goMod.module) mains.set(m.goMod.module.path, (await treePackages(tree, m.dir)).packages);
        }),
      );
      return mains;
    })();
    p.catch(() => mainsOf.delete(members));
    mainsOf.set(members, p);
  }
  return p;
}

/**
 * What `go work sync` requires of `mod`: the modules providing the packages its "all" and their
 * tests load in the workspace `ws`, at the workspace's versions. The other workspace modules are
 * main modules there: the tests of their packages that "all" reaches count into "all" too.
 */
export async function syncSelections(
  mod: DiscoveredModule,
  members: readonly DiscoveredModule[],
  byDir: ReadonlyMap<string, DiscoveredModule>,
  tree: RepoTree,
  mods: GoModOverrides,
  ws: ModuleGraph,
  source: ModuleSource,
): Promise<ModuleVersion[]> {
  const main = mainModuleFor(mod, byDir, tree, mods);
  const mains = await workspaceMains(members, tree);
  const path = main.goMod.module!.path;
  const own = await treePackages(tree, mod.dir);
  const world = {
    mains,
    selected: (p: string) => ws.selected(p),
    // A workspace's only roots are its modules: a package outside them is looked for in the whole graph.
    roots: [],
    ...packagesFromSource(main, source, localPackagesOf(mod, tree)),
    allowErrors: true,
    // A module's own replace directives change where its packages come from: it loads alone.
    ...(main.goMod.replace.length === 0 ? { shared: loadsIn(ws, members, source) } : {}),
  };
  const { inAll, levels } = await loadAll(
    world,
    own.dirs.map((d) => (d === '' ? path : `${path}/${d}`)),
    closesOverTests(main),
  );
  return providersOf([...inAll, ...levels.flat()]);
}

/** Module dirs with bumps, and every module that builds against one of them, directly or not. */
export function tidiedDirs(
  modules: readonly DiscoveredModule[],
  byDir: ReadonlyMap<string, DiscoveredModule>,
  bumped: Iterable<string>,
): Set<string> {
  const workspaceByPath = new Map(
    modules.filter((m) => m.inWorkspace && m.goMod.module).map((m) => [m.goMod.module!.path, m.dir]),
  );
  const depsOf = (m: DiscoveredModule): string[] => {
    const out = localDependencies(m, byDir);
    if (m.inWorkspace) for (const r of m.goMod.require) out.push(workspaceByPath.get(r.path) ?? '');
    return out.filter((d) => d !== '' && d !== m.dir);
  };
  const out = new Set(bumped);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of modules) {
      if (out.has(m.dir) || !depsOf(m).some((d) => out.has(d))) continue;
      out.add(m.dir);
      grew = true;
    }
  }
  return out;
}
