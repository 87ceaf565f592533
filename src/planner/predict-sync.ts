/**
 * What `go work sync` spreads. Apply runs sync after every module's `go get` and tidy: for each
 * workspace module, sync takes the modules that provide the packages that module's "all" (and
 * its tests) loads in the workspace, and requires them at the workspace's selected versions (as
 * go get would), then tidies; apply tidies what it rewrote. Where the packages can be read
 * (`mustSelect`), those providers are raised; elsewhere the predicted go.mod after go get stands
 * in for them (a tidy go.mod of a pruned module lists them): each requirement is raised to the
 * workspace's version. The roots settle as go get settles them, then `settle` (tidy) runs. Apply
 * repeats sync until it changes nothing; so does this. Unpruned modules and modules outside the
 * workspace are left as go get left them.
 */
import { parseGoMod } from '../gomod/modfile/index.js';
import { loadModuleGraph, loadWorkspaceGraph, simulateGet, type ModuleGraph } from '../gomod/mvs/index.js';
import { compareModuleVersions } from '../gomod/version.js';
import { compareGoVersions, PRUNING_GO_VERSION } from '../gomod/go-version.js';
import type { GoMod, GoWork, ModuleSource, ModuleVersion } from '../gomod/types.js';
import type { DiscoveredModule } from '../workspace/discover.js';
import { mainModuleFor } from '../workspace/main-modules.js';
import { joinRepoPath, resolveRepoPath } from '../workspace/paths.js';
import type { RepoTree } from '../workspace/tree.js';

/** Sync rounds apply runs at most before it gives up (apply.ts MAX_ROUNDS); each raises something. */
const MAX_ROUNDS = 8;

export type AfterGet = (goMod: GoMod, roots: { path: string; version: string }[], maxGo: string) => GoMod;

/**
 * Rewrites `mods` (dir → go.mod as predicted after go get) to what sync leaves; returns the dirs
 * whose go.mod sync moved.
 */
export async function predictWorkspaceSync(
  goWork: GoWork,
  modules: readonly DiscoveredModule[],
  mods: Map<string, GoMod>,
  tree: RepoTree,
  source: ModuleSource,
  afterGet: AfterGet,
  /** What apply does next to a module sync rewrote (it tidies it); `mods` already holds the synced go.mod. */
  settle?: (mod: DiscoveredModule, synced: GoMod) => Promise<GoMod>,
  /** The modules sync must select for `mod` at the workspace's versions; null where unknown. */
  mustSelect?: (mod: DiscoveredModule, ws: ModuleGraph) => Promise<ModuleVersion[] | null>,
): Promise<Set<string>> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  const members = modules.filter((m) => m.inWorkspace);
  const moved = new Set<string>();
  const readLocal = async (relDir: string): Promise<GoMod | null> => {
    const target = resolveRepoPath('.', relDir);
    if (target === null) return null;
    const known = mods.get(target) ?? byDir.get(target)?.goMod;
    if (known) return known;
    const file = joinRepoPath(target, 'go.mod');
    const text = await tree.read(file);
    return text === null ? null : parseGoMod(file, text, { lax: true });
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ws = await loadWorkspaceGraph(
      { work: goWork, modules: members.map((m) => mainModuleFor(m, byDir, tree, mods)), readLocal },
      source,
    );
    let changed = false;
    for (const mod of members) {
      const goMod = mods.get(mod.dir) ?? mod.goMod;
      if (compareGoVersions(goMod.go ?? '1.16', PRUNING_GO_VERSION) < 0) continue;
      const main = mainModuleFor(mod, byDir, tree, mods);
      const must = mustSelect ? await mustSelect(mod, ws) : null;
      let sim;
      if (must !== null) {
        const own = await loadModuleGraph(main, source);
        // Sync writes go.mod where it selects anything anew, or where a requirement is below its
        // selected version (a library it replaces locally moved): apply then tidies it.
        const stale = goMod.require.some((r) => own.selected(r.path) !== r.version);
        if (!stale && must.every((m) => own.selected(m.path) === m.version)) continue;
        // Sync must select each at exactly the workspace's version; where the module's own graph
        // then selects one higher, Go's edit fails and sync leaves the module as it was.
        sim = await simulateGet(main, new Map(must.map((m) => [m.path, m.version])), source);
        if (sim.conflicts.length > 0) continue;
      } else {
        const raise = new Map<string, string>();
        for (const r of goMod.require) {
          const v = ws.selected(r.path);
          if (v !== 'none' && v !== '' && compareModuleVersions(r.path, v, r.version) > 0) raise.set(r.path, v);
        }
        if (raise.size === 0) continue;
        sim = await simulateGet(main, raise, source);
      }
      const synced = afterGet(goMod, sim.roots, sim.maxGo);
      mods.set(mod.dir, synced);
      if (settle) mods.set(mod.dir, await settle(mod, synced));
      moved.add(mod.dir);
      changed = true;
    }
    if (!changed) break;
  }
  return moved;
}
