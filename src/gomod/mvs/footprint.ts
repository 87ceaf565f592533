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
import { compareModuleVersions, moduleVersionKey, type ModuleVersionKey } from '../version.js';
import { moduleKey } from './module-key.js';
import { ReplaceTable } from './replacements.js';
import { loadSummary, type ModSummary, type SummaryContext } from './summaries.js';

export interface FootprintEntry {
  path: string;
  key: ModuleVersionKey;
  /** pathId(path): walks that look every entry up (go-line-bound.ts) index arrays with it. */
  id: number;
  /**
   * The version's go line as read through `goLineSource` (go-line-bound.ts keeps it here): the
   * guard reads the go lines of the same entries walk after walk, nearly always through one source.
   */
  goLine: string | null;
  goLineSource: ModuleSource | undefined;
  /**
   * `{ path, version }` of this entry, made on first use and then shared: graph reads list the
   * selected versions as these objects (pruned-read.ts) instead of making one per entry per read.
   * Callers only read it.
   */
  module: ModuleVersion | undefined;
}

/** The entry as a module version, one object per entry. */
export function moduleOf(e: FootprintEntry): ModuleVersion {
  return (e.module ??= { path: e.path, version: e.key.version });
}

/**
 * A small number per module path, the same for the life of the process: a lookup by it is an
 * array index instead of hashing the path. Paths are few (thousands per repository) and shared by
 * every repository a worker plans, so the table only grows with what it has seen.
 */
const pathIds = new Map<string, number>();

/** pathId of `path` when it has one already; a path never numbered is in no footprint or graph read. */
export function knownPathId(path: string): number | undefined {
  return pathIds.get(path);
}

export function pathId(path: string): number {
  let id = pathIds.get(path);
  if (id === undefined) {
    id = pathIds.size;
    pathIds.set(path, id);
  }
  return id;
}

export interface Footprint {
  /** Every go.mod the root's load reads, the root's own first. */
  loaded: ModSummary[];
  /** Highest version each path is asked for by the loaded go.mod files, the root itself included. */
  highest: Map<string, string>;
  /** `highest` as a list with each version's compare key, for merges that compare every entry. */
  entries: FootprintEntry[];
  /** The highest `go@X` edge of the loaded go.mod files (Go ≥ 1.21), null when none has one. */
  goEdge: string | null;
  /** `entries` by pathId, built on first use (entryAt). */
  byId?: Map<number, FootprintEntry> | undefined;
}

const MAX_FOOTPRINTS = 20_000;

/** A footprint being read, and once read, the footprint itself (so a merge need not await it). */
interface Entry {
  promise: Promise<Footprint>;
  value?: Footprint;
  /** Set when the read failed: the cache dropped it, and a lookup by entry must not find it either. */
  failed?: true;
}

type Cache = Map<string, Entry>;
const shared = new WeakMap<ModuleSource, Cache>();
const perContext = new WeakMap<SummaryContext, Cache>();

/** Whether nothing in the context depends on the main modules: no replacement, no exclusion. */
export function isPlainContext(ctx: SummaryContext): boolean {
  return ctx.excluded.size === 0 && ctx.replace.isEmpty();
}

function cacheFor(ctx: SummaryContext): Cache {
  const plain = isPlainContext(ctx);
  let cache = plain ? shared.get(ctx.source) : perContext.get(ctx);
  if (!cache) {
    cache = new Map();
    if (plain) shared.set(ctx.source, cache);
    else perContext.set(ctx, cache);
  }
  return cache;
}

/** A context with no directive over one source: where the shared footprints of that source are read. */
const plainContexts = new WeakMap<ModuleSource, SummaryContext>();

function plainContext(source: ModuleSource): SummaryContext {
  let c = plainContexts.get(source);
  if (!c) {
    c = { source, replace: new ReplaceTable([]), excluded: new Set() };
    plainContexts.set(source, c);
  }
  return c;
}

/** Whether no replace or exclude directive of `ctx` touches what `fp` read: then `ctx` reads the same. */
function untouched(ctx: SummaryContext, fp: Footprint): boolean {
  for (const s of fp.loaded) {
    if (ctx.replace.lookup(s.module)) return false;
    if (ctx.excluded.size > 0 && s.require.some((r) => ctx.excluded.has(moduleKey(r)))) return false;
  }
  return true;
}

/**
 * Reads a footprint, sharing what can be shared. A context with replace or exclude directives
 * takes the plain footprint of its source wherever no directive touches what it read (most of a
 * graph: the directives name a few paths), and reads its own elsewhere. A plain context over a
 * source with a base (ModuleSource.base: answers as the base wherever the base can read) takes
 * the base's footprint when there is one, so the modules whose graphs needed a tolerant source
 * share footprints with all the others; what only the tolerant source answers stays its own.
 */
function read(ctx: SummaryContext, root: ModuleVersion): Promise<Footprint> {
  if (!isPlainContext(ctx)) {
    if (ctx.replace.lookup(root)) return readFootprint(ctx, root);
    return footprint(plainContext(ctx.source), root).then(
      (fp) => (untouched(ctx, fp) ? fp : readFootprint(ctx, root)),
      () => readFootprint(ctx, root),
    );
  }
  const base = ctx.source.base;
  if (!base) return readFootprint(ctx, root);
  return footprint(plainContext(base), root).catch(() => readFootprint(ctx, root));
}

function entryFor(cache: Cache, ctx: SummaryContext, root: ModuleVersion): Entry {
  const key = moduleKey(root);
  let e = cache.get(key);
  if (!e) {
    const entry: Entry = { promise: read(ctx, root) };
    entry.promise.then(
      (fp) => (entry.value = fp),
      () => {
        entry.failed = true;
        cache.delete(key);
      },
    );
    e = entry;
    cache.set(key, e);
    if (cache.size > MAX_FOOTPRINTS) cache.delete(cache.keys().next().value!);
  }
  return e;
}

/** The footprint of `root` (version not "none"); a go.mod that cannot be read rejects, and is not kept. */
export function footprint(ctx: SummaryContext, root: ModuleVersion): Promise<Footprint> {
  return entryFor(cacheFor(ctx), ctx, root).promise;
}

/**
 * The footprints of `roots`, in order: without a turn of the event loop when every one is read
 * already (the common case once a plan is under way), which spares a promise per root.
 */
export async function footprints(ctx: SummaryContext, roots: readonly ModuleVersion[]): Promise<Footprint[]> {
  const cache = cacheFor(ctx);
  const known = knownFor(cache);
  // Looked up by the interned entry of each root (two lookups on strings already hashed): a
  // graph read asks for every root, and a `path@version` string per root was most of the cost.
  const entries = new Array<Entry>(roots.length);
  let ready = true;
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i]!;
    const e = entryByRoot(cache, known, ctx, entryOf(r.path, r.version));
    entries[i] = e;
    if (e.value === undefined) ready = false;
  }
  if (!ready) return Promise.all(entries.map((x) => x.promise));
  return entries.map((x) => x.value!);
}

/**
 * Cache entries by the footprint entry that names their root. The guard's walks (go-line-bound.ts)
 * step from a footprint's entries to their footprints over and over, module after module; looking
 * up the entry object spares building and hashing a `path@version` string each time.
 */
const byEntry = new WeakMap<Cache, WeakMap<FootprintEntry, Entry>>();

function knownFor(cache: Cache): WeakMap<FootprintEntry, Entry> {
  let known = byEntry.get(cache);
  if (!known) byEntry.set(cache, (known = new WeakMap()));
  return known;
}

/** The cache entry of the version `root` names, found by the entry object; a failed read is read again. */
function entryByRoot(
  cache: Cache,
  known: WeakMap<FootprintEntry, Entry>,
  ctx: SummaryContext,
  root: FootprintEntry,
): Entry {
  let e = known.get(root);
  if (e === undefined || e.failed) {
    e = entryFor(cache, ctx, { path: root.path, version: root.key.version });
    known.set(root, e);
  }
  return e;
}

/**
 * footprints() of the versions `roots` name (each root at `path`@`key.version`), looked up by the
 * entry objects themselves: the entries of footprints read through the same context, mostly.
 */
export function footprintsOf(
  ctx: SummaryContext,
  roots: readonly FootprintEntry[],
): Promise<Footprint[]> | Footprint[] {
  const cache = cacheFor(ctx);
  const known = knownFor(cache);
  const entries = new Array<Entry>(roots.length);
  let ready = true;
  for (let i = 0; i < roots.length; i++) {
    const e = entryByRoot(cache, known, ctx, roots[i]!);
    entries[i] = e;
    if (e.value === undefined) ready = false;
  }
  if (!ready) return Promise.all(entries.map((x) => x.promise));
  return entries.map((x) => x.value!);
}

/**
 * The entry of `fp` at pathId `id` (the version it asks for there); undefined when it asks for
 * none. For checks that ask one footprint about many paths (go-line-bound.ts).
 */
export function entryAt(fp: Footprint, id: number): FootprintEntry | undefined {
  return (fp.byId ??= new Map(fp.entries.map((e) => [e.id, e]))).get(id);
}

function raise(into: Map<string, string>, path: string, version: string): void {
  const have = into.get(path);
  if (have === undefined || (have !== version && compareModuleVersions(path, version, have) > 0))
    into.set(path, version);
}

async function readFootprint(ctx: SummaryContext, root: ModuleVersion): Promise<Footprint> {
  const loaded: ModSummary[] = [];
  const highest = new Map<string, string>([[root.path, root.version]]);
  const first = await loadSummary(ctx, root);
  loaded.push(first);
  if (first.pruning === 'pruned') {
    for (const r of first.require) raise(highest, r.path, r.version);
    return finish(loaded, highest);
  }
  // Unpruned: everything below is loaded, breadth-first, each version once. Every requirement
  // edge below is checked against what was seen: by path, then version, which builds no
  // `path@version` string per edge (most of a large unpruned read's time went to those).
  const seen = new Map<string, string | Set<string>>([[root.path, root.version]]);
  let next = unseen(first, seen, highest);
  while (next.length > 0) {
    const summaries = await Promise.all(next.map((m) => loadSummary(ctx, m)));
    next = [];
    for (const s of summaries) {
      loaded.push(s);
      for (const m of unseen(s, seen, highest)) next.push(m);
    }
  }
  return finish(loaded, highest);
}

/**
 * The requirements of `s` not seen yet, marked seen now and raised into `highest`. A version seen
 * before was raised when it was first met (the root is in `highest` from the start), so raising
 * it again could change nothing: unpruned reads meet ~150K edges per plan for ~22K new versions.
 */
function unseen(s: ModSummary, seen: Map<string, string | Set<string>>, highest: Map<string, string>): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  for (const r of s.require) {
    if (r.version !== 'none' && !markSeen(seen, r.path, r.version)) continue;
    raise(highest, r.path, r.version);
    if (r.version !== 'none') out.push(r);
  }
  return out;
}

/** Adds `path`@`version` to `seen` (one version per path, mostly); false when it was there already. */
function markSeen(seen: Map<string, string | Set<string>>, path: string, version: string): boolean {
  const have = seen.get(path);
  if (have === undefined) {
    seen.set(path, version);
    return true;
  }
  if (typeof have === 'string') {
    if (have === version) return false;
    seen.set(path, new Set([have, version]));
    return true;
  }
  if (have.has(version)) return false;
  have.add(version);
  return true;
}

/**
 * One entry per path and version, whichever footprint names it: the guard's walks (go-line-bound.ts)
 * meet the same versions through many footprints and tell them apart by object, and a lookup by
 * entry (footprintsOf) finds a footprint read through any of them. Past MAX_ENTRIES the table
 * starts afresh; a version with two objects then costs a walk a repeated step, never an answer.
 */
const entriesById: (Map<string, FootprintEntry> | undefined)[] = [];
let entryCount = 0;
const MAX_ENTRIES = 500_000;

export function entryOf(path: string, version: string): FootprintEntry {
  const id = pathId(path);
  let byVersion = entriesById[id];
  let e = byVersion?.get(version);
  if (e === undefined) {
    if (entryCount >= MAX_ENTRIES) {
      entriesById.length = 0;
      entryCount = 0;
      byVersion = undefined;
    }
    if (!byVersion) {
      // Grown one slot at a time: pathIds are handed out elsewhere too, and an array written far
      // past its end turns into a slow dictionary.
      while (entriesById.length <= id) entriesById.push(undefined);
      entriesById[id] = byVersion = new Map();
    }
    e = { path, key: moduleVersionKey(path, version), id, goLine: null, goLineSource: undefined, module: undefined };
    byVersion.set(version, e);
    entryCount++;
  }
  return e;
}

function finish(loaded: ModSummary[], highest: Map<string, string>): Footprint {
  const entries = [...highest].map(([path, version]) => entryOf(path, version));
  return { loaded, highest, entries, goEdge: goEdgeOf(loaded), byId: undefined };
}

function goEdgeOf(loaded: readonly ModSummary[]): string | null {
  let max: string | null = null;
  for (const s of loaded) {
    const g = s.require.find((r) => r.path === 'go')?.version;
    if (g !== undefined && (max === null || compareGoVersions(g, max) > 0)) max = g;
  }
  return max;
}
