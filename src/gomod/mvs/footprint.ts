/**
 * What loading one root in a pruned graph reads (read-graph.ts's rule): the root's go.mod, and,
 * when that go.mod is unpruned, every go.mod below it. A footprint depends on the root and on the
 * summary context alone, never on the other roots, so a pruned graph is the union of its roots'
 * footprints — and the modules of one repository, the candidates of the guard and the rounds of
 * one `go get` simulation ask for the same roots again and again. Footprints are memoised: shared
 * by every context without replace or exclude directives (per source), per context otherwise.
 */
import type { ModuleSource, ModuleVersion } from '../types.js';
import { compareGoVersions } from '../go-version.js';
import { compareModuleVersions } from '../version.js';
import { moduleKey } from './module-key.js';
import { loadSummary, type ModSummary, type SummaryContext } from './summaries.js';

export interface Footprint {
  /** Every go.mod the root's load reads, the root's own first. */
  loaded: ModSummary[];
  /** Highest version each path is asked for by the loaded go.mod files, the root itself included. */
  highest: Map<string, string>;
  /** The highest `go@X` edge of the loaded go.mod files (Go ≥ 1.21), null when none has one. */
  goEdge: string | null;
}

const MAX_FOOTPRINTS = 20_000;
const shared = new WeakMap<ModuleSource, Map<string, Promise<Footprint>>>();
const perContext = new WeakMap<SummaryContext, Map<string, Promise<Footprint>>>();

/** Whether nothing in the context depends on the main modules: no replacement, no exclusion. */
export function isPlainContext(ctx: SummaryContext): boolean {
  return ctx.excluded.size === 0 && ctx.replace.isEmpty();
}

function cacheFor(ctx: SummaryContext): Map<string, Promise<Footprint>> {
  const [weak, owner] = isPlainContext(ctx) ? ([shared, ctx.source] as const) : ([perContext, ctx] as const);
  let cache = (weak as WeakMap<object, Map<string, Promise<Footprint>>>).get(owner);
  if (!cache) {
    cache = new Map();
    (weak as WeakMap<object, Map<string, Promise<Footprint>>>).set(owner, cache);
  }
  return cache;
}

function raise(into: Map<string, string>, path: string, version: string): void {
  const have = into.get(path);
  if (have === undefined || (have !== version && compareModuleVersions(path, version, have) > 0))
    into.set(path, version);
}

/** The footprint of `root` (version not "none"); a go.mod that cannot be read rejects, and is not kept. */
export function footprint(ctx: SummaryContext, root: ModuleVersion): Promise<Footprint> {
  const cache = cacheFor(ctx);
  const key = moduleKey(root);
  let p = cache.get(key);
  if (!p) {
    p = readFootprint(ctx, root);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > MAX_FOOTPRINTS) cache.delete(cache.keys().next().value!);
  }
  return p;
}

async function readFootprint(ctx: SummaryContext, root: ModuleVersion): Promise<Footprint> {
  const loaded: ModSummary[] = [];
  const highest = new Map<string, string>([[root.path, root.version]]);
  const first = await loadSummary(ctx, root);
  loaded.push(first);
  for (const r of first.require) raise(highest, r.path, r.version);
  if (first.pruning === 'pruned') return { loaded, highest, goEdge: goEdgeOf(loaded) };
  // Unpruned: everything below is loaded, breadth-first, each version once.
  const seen = new Set([moduleKey(root)]);
  let layer = first.require;
  while (layer.length > 0) {
    const next: ModuleVersion[] = [];
    for (const m of layer) {
      if (m.version === 'none' || seen.has(moduleKey(m))) continue;
      seen.add(moduleKey(m));
      next.push(m);
    }
    const summaries = await Promise.all(next.map((m) => loadSummary(ctx, m)));
    layer = [];
    for (const s of summaries) {
      loaded.push(s);
      for (const r of s.require) raise(highest, r.path, r.version);
      layer.push(...s.require);
    }
  }
  return { loaded, highest, goEdge: goEdgeOf(loaded) };
}

function goEdgeOf(loaded: readonly ModSummary[]): string | null {
  let max: string | null = null;
  for (const s of loaded) {
    const g = s.require.find((r) => r.path === 'go')?.version;
    if (g !== undefined && (max === null || compareGoVersions(g, max) > 0)) max = g;
  }
  return max;
}
