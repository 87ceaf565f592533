/**
 * Builds the engine's `MainModule` view of each discovered module. Directory replacements that
 * point at another module of the repository resolve to that module's go.mod — or, while
 * predicting, to the go.mod it will have after its own bumps — so a library's upgrade reaches
 * the services that use it through `replace ../../libs/x`.
 */
import { parseGoMod } from '../gomod/modfile/index.js';
import type { GoMod, MainModule } from '../gomod/types.js';
import type { DiscoveredModule } from './discover.js';
import { joinRepoPath, resolveRepoPath } from './paths.js';
import type { RepoTree } from './tree.js';

export type GoModOverrides = ReadonlyMap<string, GoMod>;

export function mainModuleFor(
  mod: DiscoveredModule,
  byDir: ReadonlyMap<string, DiscoveredModule>,
  tree: RepoTree,
  overrides: GoModOverrides = new Map(),
): MainModule {
  return {
    dir: mod.dir,
    goMod: overrides.get(mod.dir) ?? mod.goMod,
    async readLocal(relDir: string): Promise<GoMod | null> {
      const target = resolveRepoPath(mod.dir, relDir);
      if (target === null) return null;
      const over = overrides.get(target);
      if (over) return over;
      const known = byDir.get(target);
      if (known) return known.goMod;
      const file = joinRepoPath(target, 'go.mod');
      const text = await tree.read(file);
      // Go reads a replacement's go.mod as a dependency's: leniently.
      return text === null ? null : parseGoMod(file, text, { lax: true });
    },
  };
}

/** Module dirs a module reaches through directory replacements inside the repository. */
export function localDependencies(mod: DiscoveredModule, byDir: ReadonlyMap<string, DiscoveredModule>): string[] {
  const out: string[] = [];
  for (const r of mod.goMod.replace) {
    if (r.new.version !== undefined) continue;
    const target = resolveRepoPath(mod.dir, r.new.path);
    if (target !== null && byDir.has(target) && target !== mod.dir) out.push(target);
  }
  return out;
}

/** Orders module dirs so that every library comes before the modules that replace it locally. */
export function librariesFirst(
  mods: DiscoveredModule[],
  byDir: ReadonlyMap<string, DiscoveredModule>,
): DiscoveredModule[] {
  const out: DiscoveredModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: DiscoveredModule): void => {
    if (state.has(m.dir)) return; // done, or a replace cycle: keep the order we have
    state.set(m.dir, 'visiting');
    for (const d of localDependencies(m, byDir)) {
      const dep = byDir.get(d);
      if (dep) visit(dep);
    }
    state.set(m.dir, 'done');
    out.push(m);
  };
  mods.forEach(visit);
  return out;
}
