/**
 * What `go work sync` spreads. Apply runs sync after every module's `go get` and tidy: for each
 * workspace module, sync takes the modules that provide the packages that module's "all" (and
 * its tests) loads in the workspace, and requires them at the workspace's selected versions (as
 * go get would), then tidies; apply tidies what it rewrote. Where the packages can be read
 * (`mustSelect`), those providers are raised; elsewhere the predicted go.mod after go get stands
 * in for them (a tidy go.mod of a pruned module lists them): each requirement is raised to the
 * workspace's version. The roots settle as go get settles them, then sync's own tidying
 * (`syncTidy`, errors allowed), and once sync is done, apply's `settle` (tidy) of each module it
 * rewrote. Apply repeats sync until it changes nothing; so does this. Sync edits unpruned
 * modules (go < 1.17) the same way; modules outside the workspace are left as go get left them.
 *
 * One sync is one go process, and it edits the modules one after another in go.work order. Go
 * keeps what it read of a directory replacement's go.mod for the rest of the process, keyed by
 * the replacement path as go.mod spells it (`../`), not by the directory it names: the first
 * module that loads its graph through `../` fixes what every later module's `../` requires —
 * even where that names another directory — as that go.mod read at that moment. So does this.
 */
import { parseGoMod } from '../gomod/modfile/index.js';
import { loadModuleGraph, loadWorkspaceGraph, simulateGet, type ModuleGraph } from '../gomod/mvs/index.js';
import { compareModuleVersions } from '../gomod/version.js';
import type { GoMod, GoWork, MainModule, ModuleSource, ModuleVersion } from '../gomod/types.js';
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
  /** The tidying sync does itself in a module it rewrote; `main` reads replacements as sync does. */
  syncTidy?: (mod: DiscoveredModule, main: MainModule) => Promise<GoMod>,
): Promise<Set<string>> {
  const byDir = new Map(modules.map((m) => [m.dir, m]));
  // Sync edits the modules in go.work order; apply tidies what it rewrote in that order too.
  const useOrder = new Map<string, number>();
  goWork.use.forEach((u, i) => {
    const dir = resolveRepoPath('.', u.diskPath);
    if (dir !== null && !useOrder.has(dir)) useOrder.set(dir, i);
  });
  const rank = (m: DiscoveredModule) => useOrder.get(m.dir) ?? useOrder.size;
  const members = modules.filter((m) => m.inWorkspace).sort((a, b) => rank(a) - rank(b));
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
    // What this sync process has read of directory replacements, by the path as spelled.
    const spelled = new Map<string, Promise<GoMod | null>>();
    // The workspace load before the edits reads them first, keyed by their path from go.work's dir
    // (`./lib`): a module in that dir spelling one so gets it as it was before this sync.
    const required = new Set(members.flatMap((m) => (mods.get(m.dir) ?? m.goMod).require.map((r) => r.path)));
    for (const m of members) {
      for (const r of (mods.get(m.dir) ?? m.goMod).replace) {
        const target = r.new.version === undefined ? resolveRepoPath(m.dir, r.new.path) : null;
        if (target === null || !required.has(r.old.path)) continue;
        const key = target === '.' ? '.' : `./${target}`;
        if (!spelled.has(key)) spelled.set(key, readLocal(key));
      }
    }
    const asSyncReads = (mod: DiscoveredModule): MainModule => {
      const fresh = mainModuleFor(mod, byDir, tree, mods);
      return {
        ...fresh,
        readLocal: (relDir) => {
          let p = spelled.get(relDir);
          if (!p) {
            p = fresh.readLocal(relDir);
            spelled.set(relDir, p);
          }
          return p;
        },
      };
    };
    const rewritten: DiscoveredModule[] = [];
    for (const mod of members) {
      const goMod = mods.get(mod.dir) ?? mod.goMod;
      const main = asSyncReads(mod);
      // Sync loads the module's graph to edit it, whether it then changes or not: that is when it
      // reads the go.mod files of the module's directory replacements.
      const own = await loadModuleGraph(main, source);
      const must = mustSelect ? await mustSelect(mod, ws) : null;
      let sim;
      if (must !== null) {
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
      let synced = afterGet(goMod, sim.roots, sim.maxGo);
      if (syncTidy) synced = await syncTidy(mod, { ...main, goMod: synced });
      mods.set(mod.dir, synced);
      rewritten.push(mod);
      moved.add(mod.dir);
    }
    // Apply tidies each module sync rewrote once sync is done, each reading its replacements afresh.
    if (settle) for (const mod of rewritten) mods.set(mod.dir, await settle(mod, mods.get(mod.dir)!));
    if (rewritten.length === 0) break;
  }
  return moved;
}
