/**
 * What `go work sync` spreads, predicted at module level. Apply runs sync after every module's
 * `go get`: for each workspace module, sync takes the modules that provide the packages of that
 * module's "all" and requires them at the workspace's selected versions (as go get would), then
 * tidies. A tidy go.mod of a pruned module lists exactly those providers, so the predicted go.mod
 * after go get stands in for them: each requirement is raised to the workspace's version and the
 * roots settle as go get settles them. Apply repeats sync until it changes nothing; so does this.
 * Unpruned modules and modules outside the workspace are left as go get left them.
 */
import { parseGoMod } from '../gomod/modfile/index.js';
import { loadWorkspaceGraph, simulateGet } from '../gomod/mvs/index.js';
import { compareModuleVersions } from '../gomod/version.js';
import { compareGoVersions, PRUNING_GO_VERSION } from '../gomod/go-version.js';
import type { GoMod, GoWork, ModuleSource } from '../gomod/types.js';
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
      const raise = new Map<string, string>();
      for (const r of goMod.require) {
        const v = ws.selected(r.path);
        if (v !== 'none' && v !== '' && compareModuleVersions(r.path, v, r.version) > 0) raise.set(r.path, v);
      }
      if (raise.size === 0) continue;
      const main = mainModuleFor(mod, byDir, tree, mods);
      const sim = await simulateGet(main, raise, source);
      mods.set(mod.dir, afterGet(goMod, sim.roots, sim.maxGo));
      moved.add(mod.dir);
      changed = true;
    }
    if (!changed) break;
  }
  return moved;
}
