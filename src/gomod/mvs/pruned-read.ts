/**
 * A pruned single-module graph read as the union of its roots' footprints (footprint.ts): what
 * readGraph computes node by node, from memoised parts. The main module requires its roots; each
 * root loads its own go.mod (and everything below an unpruned one); each path's selected version
 * is the highest any of those asks for. The graph is the same whatever the other roots are, so a
 * read costs one merge per root instead of a walk of every requirement edge.
 */
import type { ModuleVersion } from '../types.js';
import { compareModuleVersionKeys, type ModuleVersionKey } from '../version.js';
import type { SelectedGraph } from './graph.js';
import {
  entryOf,
  footprints,
  knownPathId,
  moduleOf,
  pathId,
  type Footprint,
  type FootprintEntry,
} from './footprint.js';
import { IdTable } from './id-table.js';
import { moduleKey } from './module-key.js';
import { sortByPath } from './path-order.js';
import type { ModSummary, SummaryContext } from './summaries.js';

class UnionGraph implements SelectedGraph {
  constructor(
    private readonly main: ModuleVersion,
    private readonly roots: readonly ModuleVersion[],
    /**
     * The main module first and then every other selected version in path order (as the merge
     * builds it), which is the build list's own order: listing it needs no sort. The objects are
     * shared by every read that selects the same versions.
     */
    private readonly list: readonly ModuleVersion[],
    /** Each pathId but the main module's at its place in `list` less one (the main module's slot). */
    private readonly positions: IdTable,
    private readonly summaries: ReadonlyMap<string, ModSummary>,
  ) {}

  selected(path: string): string {
    if (path === this.main.path) return this.main.version;
    const id = knownPathId(path);
    if (id === undefined) return 'none';
    const at = this.positions.positionOf(id);
    return at < 0 ? 'none' : this.list[at + 1]!.version;
  }

  buildList(): ModuleVersion[] {
    return this.list.slice();
  }

  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    if (m.path === this.main.path && m.version === this.main.version) return this.roots;
    return this.summaries.get(moduleKey(m))?.require;
  }
}

/**
 * The go.mod files the footprints of a graph loaded, by `path@version`: made into one map only
 * when asked (the Go version a graph requires from a dependency, what simulated gets read), which
 * most of a plan's graphs never are.
 */
class LoadedSummaries implements ReadonlyMap<string, ModSummary> {
  private map: Map<string, ModSummary> | undefined;

  constructor(private readonly read: readonly Footprint[]) {}

  private all(): Map<string, ModSummary> {
    if (this.map === undefined) {
      const map = new Map<string, ModSummary>();
      for (const fp of this.read) for (const [key, l] of loadedOf(fp)) map.set(key, l);
      this.map = map;
    }
    return this.map;
  }

  get size(): number {
    return this.all().size;
  }
  get(key: string): ModSummary | undefined {
    return this.all().get(key);
  }
  has(key: string): boolean {
    return this.all().has(key);
  }
  forEach(f: (value: ModSummary, key: string, map: ReadonlyMap<string, ModSummary>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.all()) f.call(thisArg, value, key, this);
  }
  entries(): MapIterator<[string, ModSummary]> {
    return this.all().entries();
  }
  keys(): MapIterator<string> {
    return this.all().keys();
  }
  values(): MapIterator<ModSummary> {
    return this.all().values();
  }
  [Symbol.iterator](): MapIterator<[string, ModSummary]> {
    return this.all()[Symbol.iterator]();
  }
}

/**
 * Scratch for one merge, indexed by pathId: the highest key met per path and the entry it came
 * from. Merges never interleave (readPrunedGraph merges synchronously once the footprints are
 * read), so one pair of arrays serves every merge, and only the slots a merge touched are cleared.
 */
const bestKey: (ModuleVersionKey | undefined)[] = [];
const bestEntry: (FootprintEntry | undefined)[] = [];

/** Grown one slot at a time: an array written far past its end turns into a slow dictionary. */
function reserve(id: number): void {
  while (bestKey.length <= id) {
    bestKey.push(undefined);
    bestEntry.push(undefined);
  }
}

/**
 * A footprint's entries as parallel arrays, "none" left out: a plan merges a million entries, and
 * reading ids from one typed array and keys from one array in order costs a fraction of visiting
 * each entry object. Built once per footprint.
 */
interface Packed {
  ids: Int32Array;
  keys: ModuleVersionKey[];
  entries: FootprintEntry[];
  maxId: number;
}

const packedFootprints = new WeakMap<Footprint, Packed>();

function packed(fp: Footprint): Packed {
  let p = packedFootprints.get(fp);
  if (p === undefined) {
    const live = fp.entries.filter((e) => e.key.version !== 'none');
    const ids = new Int32Array(live.length);
    let maxId = -1;
    for (let i = 0; i < live.length; i++) {
      ids[i] = live[i]!.id;
      if (ids[i]! > maxId) maxId = ids[i]!;
    }
    p = { ids, keys: live.map((e) => e.key), entries: live, maxId };
    packedFootprints.set(fp, p);
  }
  return p;
}

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
): Promise<{ graph: SelectedGraph; summaries: ReadonlyMap<string, ModSummary> } | null> {
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
  const raise = (e: FootprintEntry): void => {
    const id = e.id;
    const key = e.key;
    if (key.version === 'none' || id === mainId) return;
    reserve(id);
    const have = bestKey[id];
    if (have === undefined) {
      bestKey[id] = key;
      bestEntry[id] = e;
      touched.push(id);
    } else if (have.version !== key.version && compareModuleVersionKeys(key, have) > 0) {
      bestKey[id] = key;
      bestEntry[id] = e;
    }
  };
  try {
    // A root's footprint starts with the root's own entry.
    for (let i = 0; i < live.length; i++) {
      const r = live[i]!;
      const own = read[i]!.entries[0];
      raise(
        own !== undefined && own.path === r.path && own.key.version === r.version ? own : entryOf(r.path, r.version),
      );
    }
    for (const fp of read) {
      const { ids, keys, entries, maxId } = packed(fp);
      reserve(maxId);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (id === mainId) continue;
        const key = keys[i]!;
        const have = bestKey[id];
        if (have === undefined) {
          bestKey[id] = key;
          bestEntry[id] = entries[i]!;
          touched.push(id);
          // Keys are shared per version string: the same object is the same version, no compare.
        } else if (have !== key && have.version !== key.version && compareModuleVersionKeys(key, have) > 0) {
          bestKey[id] = key;
          bestEntry[id] = entries[i]!;
        }
      }
    }
    const sorted = sortByPath(touched, (i) => bestEntry[i]!.path);
    const list = new Array<ModuleVersion>(sorted.length + 1);
    list[0] = { path: main.path, version: main.version };
    for (let i = 0; i < sorted.length; i++) list[i + 1] = moduleOf(bestEntry[sorted[i]!]!);
    const positions = new IdTable(sorted);
    const summaries = new LoadedSummaries(read);
    return { graph: new UnionGraph(main, [...roots], list, positions, summaries), summaries };
  } finally {
    for (const id of touched) {
      bestKey[id] = undefined;
      bestEntry[id] = undefined;
    }
  }
}
