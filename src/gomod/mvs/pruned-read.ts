/**
 * A pruned single-module graph read as the union of its roots' footprints (footprint.ts): what
 * readGraph computes node by node, from memoised parts. The main module requires its roots; each
 * root loads its own go.mod (and everything below an unpruned one); each path's selected version
 * is the highest any of those asks for. The graph is the same whatever the other roots are, so a
 * read costs one merge per root instead of a walk of every requirement edge.
 */
import type { ModuleVersion } from '../types.js';
import { compareModuleVersions } from '../version.js';
import { buildListOf, type SelectedGraph } from './graph.js';
import { footprint } from './footprint.js';
import { moduleKey } from './module-key.js';
import type { ModSummary, SummaryContext } from './summaries.js';

class UnionGraph implements SelectedGraph {
  constructor(
    private readonly main: ModuleVersion,
    private readonly roots: readonly ModuleVersion[],
    private readonly chosen: ReadonlyMap<string, string>,
    private readonly summaries: ReadonlyMap<string, ModSummary>,
  ) {}

  selected(path: string): string {
    return this.chosen.get(path) ?? 'none';
  }

  buildList(): ModuleVersion[] {
    return buildListOf([this.main], this.chosen);
  }

  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    if (m.path === this.main.path && m.version === this.main.version) return this.roots;
    return this.summaries.get(moduleKey(m))?.require;
  }
}

/**
 * The graph of main module `main` (version "") loaded in pruned mode from `roots`, or null when
 * some go.mod cannot be read: readGraph then reads it node by node and says which, and through what.
 */
export async function readPrunedGraph(
  ctx: SummaryContext,
  main: ModuleVersion,
  roots: readonly ModuleVersion[],
): Promise<{ graph: SelectedGraph; summaries: Map<string, ModSummary> } | null> {
  const loads = roots.filter((r) => r.version !== 'none').map((r) => footprint(ctx, r));
  const settled = await Promise.allSettled(loads);
  // The main module outranks every version of its own path.
  const chosen = new Map<string, string>([[main.path, main.version]]);
  const raise = (path: string, version: string): void => {
    if (version === 'none') return;
    const have = chosen.get(path);
    if (have === undefined) chosen.set(path, version);
    else if (have !== version && have !== '' && compareModuleVersions(path, version, have) > 0)
      chosen.set(path, version);
  };
  for (const r of roots) raise(r.path, r.version);
  const summaries = new Map<string, ModSummary>();
  for (const s of settled) {
    if (s.status === 'rejected') return null;
    for (const [path, version] of s.value.highest) raise(path, version);
    for (const l of s.value.loaded) summaries.set(moduleKey(l.module), l);
  }
  return { graph: new UnionGraph(main, [...roots], chosen, summaries), summaries };
}
