/**
 * A pruned single-module graph read as the union of its roots' footprints (footprint.ts): what
 * readGraph computes node by node, from memoised parts. The main module requires its roots; each
 * root loads its own go.mod (and everything below an unpruned one); each path's selected version
 * is the highest any of those asks for. The graph is the same whatever the other roots are, so a
 * read costs one merge per root instead of a walk of every requirement edge.
 */
import type { ModuleVersion } from '../types.js';
import { compareModuleVersionKeys, moduleVersionKey, type ModuleVersionKey } from '../version.js';
import { buildListOf, type SelectedGraph } from './graph.js';
import { footprints, type Footprint } from './footprint.js';
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
  let read: Footprint[];
  try {
    read = await footprints(
      ctx,
      roots.filter((r) => r.version !== 'none'),
    );
  } catch {
    return null;
  }
  const highest = new Map<string, ModuleVersionKey>();
  const raise = (path: string, key: ModuleVersionKey): void => {
    // The main module outranks every version of its own path.
    if (key.version === 'none' || path === main.path) return;
    const have = highest.get(path);
    if (have === undefined || (have.version !== key.version && compareModuleVersionKeys(key, have) > 0))
      highest.set(path, key);
  };
  for (const r of roots) raise(r.path, moduleVersionKey(r.path, r.version));
  const summaries = new Map<string, ModSummary>();
  for (const fp of read) {
    for (const e of fp.entries) raise(e.path, e.key);
    for (const l of fp.loaded) summaries.set(moduleKey(l.module), l);
  }
  const chosen = new Map<string, string>([[main.path, main.version]]);
  for (const [path, key] of highest) chosen.set(path, key.version);
  return { graph: new UnionGraph(main, [...roots], chosen, summaries), summaries };
}
