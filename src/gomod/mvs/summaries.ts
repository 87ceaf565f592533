/**
 * Reads what the graph needs from one module version's go.mod: its requirements (after the main
 * modules' excludes), its go line, and whether it prunes its graph. Replacements decide which
 * go.mod is read; the node keeps its own path and version.
 */
import { GO_STRICT_VERSION, PRUNING_GO_VERSION, compareGoVersions } from '../go-version.js';
import { parseDependencyGoMod } from '../modfile/index.js';
import type { GoMod, ModuleSource, ModuleVersion } from '../types.js';
import { GoModLoadError } from './errors.js';
import { isToolchainModule, moduleKey } from './module-key.js';
import type { ReplaceTable } from './replacements.js';

export type Pruning = 'pruned' | 'unpruned';

/** Where a node's go.mod came from: the module itself, a remote replacement, or a directory. */
export type GoModOrigin = { kind: 'module'; path: string; version: string } | { kind: 'dir'; dir: string };

export interface ModSummary {
  module: ModuleVersion;
  origin: GoModOrigin | null;
  /** The go line; null when absent (and for the toolchain pseudo-modules). */
  go: string | null;
  pruning: Pruning;
  /** Requirements as graph edges: excluded versions dropped, `go@X` added for go ≥ 1.21. */
  require: ModuleVersion[];
  /**
   * Paths required without `// indirect`: the modules this one's packages import themselves
   * (in a tidy go.mod). The closest a go.mod comes to the import graph.
   */
  direct: string[];
}

export function pruningFor(go: string | null): Pruning {
  return go !== null && compareGoVersions(go, PRUNING_GO_VERSION) >= 0 ? 'pruned' : 'unpruned';
}

/**
 * Promises by module path, then by version: the guard and the graph loads ask for the same few
 * thousand versions hundreds of thousands of times, and two lookups by strings the caller already
 * holds cost less than building and hashing a `path@version` key for each ask. Each keeps its value
 * once read, for callers that must not wait on a promise per ask (settled). Failures are not kept
 * (the proxy may recover); past `max` entries a long-lived source starts afresh.
 */
class ByModule<T> {
  private readonly byPath = new Map<string, Map<string, { promise: Promise<T>; value?: T }>>();
  private size = 0;

  constructor(private readonly max: number) {}

  get(path: string, version: string): Promise<T> | undefined {
    return this.byPath.get(path)?.get(version)?.promise;
  }

  /** The value of path@version where its read has finished. */
  settled(path: string, version: string): T | undefined {
    return this.byPath.get(path)?.get(version)?.value;
  }

  set(path: string, version: string, p: Promise<T>): void {
    if (this.size >= this.max) {
      this.byPath.clear();
      this.size = 0;
    }
    let versions = this.byPath.get(path);
    if (!versions) {
      versions = new Map();
      this.byPath.set(path, versions);
    }
    const entry: { promise: Promise<T>; value?: T } = { promise: p };
    versions.set(version, entry);
    this.size++;
    p.then(
      (value) => {
        entry.value = value;
      },
      () => {
        if (this.byPath.get(path)?.get(version) !== entry) return;
        this.byPath.get(path)!.delete(version);
        this.size--;
      },
    );
  }
}

const MAX_PARSED_PER_SOURCE = 20_000;

/**
 * A ByModule per source. A plan asks through one source almost always, so the last one is kept at
 * hand (and held until another source asks: at most one source outlives its use).
 */
class PerSource<T> {
  private readonly caches = new WeakMap<ModuleSource, ByModule<T>>();
  private lastSource: ModuleSource | null = null;
  private lastCache: ByModule<T> | null = null;

  for(source: ModuleSource): ByModule<T> {
    if (source === this.lastSource) return this.lastCache!;
    let cache = this.caches.get(source);
    if (!cache) {
      cache = new ByModule<T>(MAX_PARSED_PER_SOURCE);
      this.caches.set(source, cache);
    }
    this.lastSource = source;
    this.lastCache = cache;
    return cache;
  }
}

/** go.mod files parsed once per source: a version's go.mod never changes. */
const parsedBySource = new PerSource<GoMod>();

export function fetchGoMod(source: ModuleSource, path: string, version: string): Promise<GoMod> {
  const cache = parsedBySource.for(source);
  let p = cache.get(path, version);
  if (!p) {
    const read = () =>
      source.parsedMod
        ? source.parsedMod(path, version)
        : source.mod(path, version).then((text) => parseDependencyGoMod(path, version, text));
    // A source that answers as its base wherever the base can read shares the base's parses.
    p = source.base ? fetchGoMod(source.base, path, version).catch(read) : read();
    cache.set(path, version, p);
  }
  return p;
}

export interface SummaryContext {
  source: ModuleSource;
  replace: ReplaceTable;
  /** `path@version` of every excluded version, from the main modules. */
  excluded: ReadonlySet<string>;
}

/** The summary a go.mod yields as node `m`. */
export function summarize(
  m: ModuleVersion,
  origin: GoModOrigin | null,
  goMod: GoMod,
  excluded: ReadonlySet<string>,
): ModSummary {
  const require: ModuleVersion[] = [];
  const direct: string[] = [];
  const check = excluded.size > 0;
  for (const r of goMod.require) {
    if (check && excluded.has(moduleKey(r))) continue;
    require.push({ path: r.path, version: r.version });
    if (!r.indirect) direct.push(r.path);
  }
  if (goMod.go !== null && compareGoVersions(goMod.go, GO_STRICT_VERSION) >= 0)
    require.push({ path: 'go', version: goMod.go });
  return { module: m, origin, go: goMod.go, pruning: pruningFor(goMod.go), require, direct };
}

function toolchainSummary(m: ModuleVersion): ModSummary {
  // From Go 1.21 on, go X implies toolchain goX: downgrading one downgrades the other.
  const require =
    m.path === 'go' && compareGoVersions(m.version, GO_STRICT_VERSION) >= 0
      ? [{ path: 'toolchain', version: `go${m.version}` }]
      : [];
  return { module: m, origin: null, go: null, pruning: 'pruned', require, direct: [] };
}

async function readGoMod(ctx: SummaryContext, m: ModuleVersion): Promise<{ origin: GoModOrigin; goMod: GoMod }> {
  const repl = ctx.replace.lookup(m);
  if (repl && repl.target.version === undefined) {
    const dir = repl.target.path;
    const goMod = await repl.readLocal(dir);
    if (!goMod) throw new GoModLoadError(m.path, m.version, `replacement directory ${dir} has no go.mod`);
    return { origin: { kind: 'dir', dir }, goMod };
  }
  const actual = repl ? { path: repl.target.path, version: repl.target.version! } : m;
  let goMod: GoMod;
  try {
    goMod = await fetchGoMod(ctx.source, actual.path, actual.version);
  } catch (err) {
    const what = repl ? ` (replacement ${actual.path}@${actual.version})` : '';
    throw new GoModLoadError(m.path, m.version, `loading go.mod${what}: ${(err as Error)?.message ?? String(err)}`, {
      cause: err,
    });
  }
  const declared = goMod.module?.path;
  if (!declared) throw new GoModLoadError(actual.path, actual.version, 'parsing go.mod: missing module line');
  if (declared !== m.path && declared !== actual.path) {
    throw new GoModLoadError(
      actual.path,
      actual.version,
      `parsing go.mod: module declares its path as ${declared} but was required as ${m.path}`,
    );
  }
  return { origin: { kind: 'module', path: actual.path, version: actual.version }, goMod };
}

/**
 * Summaries of versions no replace or exclude directive touches, shared by every graph read
 * through the same source: a repository's modules load the same dependencies over and over, and
 * the guard asks for them again for each candidate.
 */
const plainBySource = new PerSource<ModSummary>();

/** Whether `m`'s summary is the one every graph read through the source shares (plainBySource). */
function isPlain(ctx: SummaryContext, m: ModuleVersion): boolean {
  return ctx.excluded.size === 0 && !ctx.replace.lookup(m);
}

/**
 * The summary loadSummary gives for `m` where it is shared and already read; undefined otherwise
 * (then ask loadSummary). For walks that would otherwise wait on a promise per module.
 */
export function settledSummary(ctx: SummaryContext, m: ModuleVersion): ModSummary | undefined {
  if (isToolchainModule(m.path) || !isPlain(ctx, m)) return undefined;
  return plainBySource.for(ctx.source).settled(m.path, m.version);
}

/** Loads the summary of dependency `m` (never a main module). */
export function loadSummary(ctx: SummaryContext, m: ModuleVersion): Promise<ModSummary> {
  if (isToolchainModule(m.path)) return Promise.resolve(toolchainSummary(m));
  if (isPlain(ctx, m)) {
    const cache = plainBySource.for(ctx.source);
    let p = cache.get(m.path, m.version);
    if (!p) {
      p = readGoMod(ctx, m).then(({ origin, goMod }) => summarize(m, origin, goMod, ctx.excluded));
      cache.set(m.path, m.version, p);
    }
    return p;
  }
  return readGoMod(ctx, m).then(({ origin, goMod }) => summarize(m, origin, goMod, ctx.excluded));
}
