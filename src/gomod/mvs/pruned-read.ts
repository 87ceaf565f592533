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
import { footprints, pathId, type Footprint } from './footprint.js';
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
 * Scratch for one merge, indexed by pathId: the highest key met per path and the path itself.
 * Merges never interleave (readPrunedGraph merges synchronously once the footprints are read),
 * so one pair of arrays serves every merge, and only the slots a merge touched are cleared.
 */
const bestKey: (ModuleVersionKey | undefined)[] = [];
const bestPath: string[] = [];

/** The summaries a footprint loaded, by `path@version`: built once per footprint, merged many times. */
const keyedLoaded = new WeakMap<Footprint, [string, ModSummary][]>();

function loadedOf(fp: Footprint): [string, ModSummary][] {
  let out = keyedLoaded.get(fp);
  if (out === undefined) {
    out = fp.loaded.map((l) => [moduleKey(l.module), l]);
    keyedLoaded.set(fp, out);
  }
  return out;
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
  const live = roots.filter((r) => r.version !== 'none');
  let read: Footprint[];
  try {
    read = await footprints(ctx, live);
  } catch {
    return null;
  }
  // The main module outranks every version of its own path.
  const mainId = pathId(main.path);
  const touched: number[] = [];
  const raise = (id: number, path: string, key: ModuleVersionKey): void => {
    if (key.version === 'none' || id === mainId) return;
    const have = bestKey[id];
    if (have === undefined) {
      bestKey[id] = key;
      bestPath[id] = path;
      touched.push(id);
    } else if (have.version !== key.version && compareModuleVersionKeys(key, have) > 0) bestKey[id] = key;
  };
  const chosen = new Map<string, string>([[main.path, main.version]]);
  const summaries = new Map<string, ModSummary>();
  try {
    // A root's footprint starts with the root's own path, numbered and keyed already.
    for (let i = 0; i < live.length; i++) {
      const r = live[i]!;
      const own = read[i]!.entries[0];
      if (own !== undefined && own.path === r.path && own.key.version === r.version) raise(own.id, r.path, own.key);
      else raise(pathId(r.path), r.path, moduleVersionKey(r.path, r.version));
    }
    for (const fp of read) {
      for (const e of fp.entries) raise(e.id, e.path, e.key);
      for (const [key, l] of loadedOf(fp)) summaries.set(key, l);
    }
    for (const id of touched) chosen.set(bestPath[id]!, bestKey[id]!.version);
  } finally {
    for (const id of touched) bestKey[id] = undefined;
  }
  return { graph: new UnionGraph(main, [...roots], chosen, summaries), summaries };
}
