/**
 * The module proxy client: the engine's ModuleSource plus `zip`. Answers that can never change
 * (`.info`, `.mod`, `.zip` of a canonical version) are kept in memory and on disk; `@v/list`,
 * `@latest` and `.info` of a query like a branch name are kept for a short TTL (found lists and
 * @latest answers on disk too, so back-to-back CLI runs share them).
 * Identical concurrent lookups share one set of requests.
 * Pure in the engine's sense: the configuration (toolchain/go-env-defaults.ts fills in `go env`
 * defaults) and the cache directory come from the caller; toolchain/proxy-client.ts wires them
 * from the app's environment.
 */
import { createHash } from 'node:crypto';
import type { GoMod, ModuleSource, VersionInfo } from '../types.js';
import { bypassesProxy, type ProxyConfig } from './config.js';
import { DiskCache } from './disk-cache.js';
import { failureFromRecord, failureRecord } from './failure-record.js';
import { ParsedModStore } from './parsed-mod-store.js';
import { parseDependencyGoMod } from '../modfile/index.js';
import {
  buildPackageIndex,
  decodePackageIndex,
  encodePackageIndex,
  type PackageIndex,
} from '../packages/package-index.js';
import {
  escapeModulePath,
  escapeVersion,
  InvalidModuleVersionError,
  isCanonicalVersion,
  matchPathMajor,
  splitPathVersion,
} from '../module.js';
import { latestFromList } from '../latest-from-list.js';
import { isPseudoVersion } from '../pseudo-version.js';
import { isValid } from '../version.js';
import { ModuleNotFoundError, NeedsVcsError, ProxyConfigError, ProxyResponseError } from './errors.js';
import type { FetchLike, HttpSettings } from './http-get.js';
import { MemoryCache } from './memory-cache.js';
import { readNetrc, type Netrc } from './netrc.js';
import { proxyGet, type ProxyGetContext } from './proxy-get.js';
import { tryProxies, type Attempt, type UrlProxy } from './try-proxies.js';
import { parseVersionInfo } from './version-info.js';
import { Semaphore } from './semaphore.js';

export interface ProxyClientOptions {
  /** The effective configuration; asked on first use, and again after a failure. */
  config: () => Promise<ProxyConfig>;
  /** Disk cache for immutable answers; none when unset. */
  cacheDir?: string;
  /** Requests in flight at once, per client. Default 16. */
  concurrency?: number;
  /** Per attempt, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 5xx, 429 and network errors. Default 3. */
  retries?: number;
  /** First backoff delay; doubles per retry, with jitter. Default 250 ms. */
  retryBaseMs?: number;
  /** Ceiling for one backoff delay, including a server's Retry-After. Default 10 s. */
  retryMaxMs?: number;
  /** Lifetime of cached `@v/list`, `@latest` and non-canonical `.info` answers. Default 60 s. */
  listTtlMs?: number;
  /** Memory budget for cached answers. Default 64 MiB. */
  memoryCacheBytes?: number;
  fetch?: FetchLike;
  /** Milliseconds clock for TTLs; tests pass a fake one. Default Date.now. */
  clock?: () => number;
}

export interface ProxyStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  bytesDownloaded: number;
  memoryHits: number;
  diskHits: number;
  diskWrites: number;
  /** Calls that joined an identical call already in flight. */
  coalesced: number;
  /** Module zips handed out, from a cache or the network (a warm plan reads none). */
  zipReads: number;
}

/** A client's figures before its first call. */
export function zeroProxyStats(): ProxyStats {
  return {
    requests: 0,
    retries: 0,
    bytesDownloaded: 0,
    memoryHits: 0,
    diskHits: 0,
    diskWrites: 0,
    coalesced: 0,
    zipReads: 0,
  };
}

export interface ProxyClient extends ModuleSource {
  /** Versions from `@v/list`: valid semver, pseudo-versions dropped (as Go does), in served order. */
  list(path: string): Promise<string[]>;
  /**
   * `@latest`, or null when every proxy asked answered 404/410. A `direct` entry after those
   * proxies is not followed here: that 404 means "nothing to offer", not "no such module".
   */
  latest(path: string): Promise<VersionInfo | null>;
  /** The module zip of a canonical version. */
  zip(path: string, version: string): Promise<Buffer>;
  /** `mod` parsed as a dependency's go.mod; from the disk store of parsed files when it has it. */
  parsedMod(path: string, version: string): Promise<GoMod>;
  /**
   * The package index of a canonical version (packages/package-index.ts): from memory, from disk
   * beside the zip, or built from the zip once and stored there.
   */
  packageIndex(path: string, version: string): Promise<PackageIndex>;
  stats(): ProxyStats;
  /** The effective configuration (GOPROXY list, patterns); resolved once per client. */
  config(): Promise<ProxyConfig>;
}

/** Go's own ceiling for a module zip (codehost.MaxZipFile). */
const MAX_ZIP_BYTES = 500 << 20;
const MAX_META_BYTES = 64 << 20;

type Volatile<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function createProxyClient(opts: ProxyClientOptions): ProxyClient {
  const disk = opts.cacheDir ? new DiskCache(opts.cacheDir) : undefined;
  const listTtlMs = opts.listTtlMs ?? 60_000;
  const now = opts.clock ?? Date.now;
  const memory = new MemoryCache<Buffer>(opts.memoryCacheBytes ?? 64 << 20);
  // Shared by every module dir a plan reads through this client; small, so kept apart from zips.
  const indexes = new MemoryCache<PackageIndex>(16 << 20);
  const volatile = new MemoryCache<Volatile<unknown>>(16 << 20, opts.clock);
  const inflight = new Map<string, Promise<unknown>>();
  const counters = zeroProxyStats();
  const http: HttpSettings = {
    fetch: opts.fetch ?? ((url, init) => fetch(url, init)),
    semaphore: new Semaphore(opts.concurrency ?? 16),
    timeoutMs: opts.timeoutMs ?? 30_000,
    retries: opts.retries ?? 3,
    retryBaseMs: opts.retryBaseMs ?? 250,
    retryMaxMs: opts.retryMaxMs ?? 10_000,
    counters,
  };

  let configP: Promise<ProxyConfig> | undefined;
  const config = (): Promise<ProxyConfig> => {
    if (!configP) {
      configP = opts.config();
      configP.catch(() => (configP = undefined));
    }
    return configP;
  };
  let netrcP: Promise<Netrc> | undefined;
  const ctx = async (): Promise<ProxyGetContext> => {
    const cfg = await config();
    const netrc = () => {
      netrcP ??= (cfg.netrcPath ? readNetrc(cfg.netrcPath) : Promise.resolve<Netrc>({ machines: [] })).catch(
        (err: NodeJS.ErrnoException) => {
          throw new ProxyConfigError(`cannot read netrc file ${cfg.netrcPath}: ${err.code ?? err.message}`);
        },
      );
      return netrcP;
    };
    return { config: cfg, netrc, http };
  };

  function coalesce<T>(key: string, run: () => Promise<T>): Promise<T> {
    const existing = inflight.get(key);
    if (existing) {
      counters.coalesced++;
      return existing as Promise<T>;
    }
    const p = run().finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  /** An answer that may change: remembered (found or not found) for listTtlMs. */
  /** The disk name of a volatile answer: keyed by the proxy list too, since proxies may disagree. */
  async function volatileFile(key: string): Promise<string | undefined> {
    if (!disk || listTtlMs <= 0) return undefined;
    const c = await config();
    const proxies = c.proxies.map((p) => (p.kind === 'url' ? p.url : p.kind)).join(',');
    return disk.volatileFile(proxies, key);
  }

  /**
   * A definite failure (failure-record.ts) of the lookup `key`, remembered in memory or on disk
   * for the list TTL. Kept apart from found answers on disk (its own file name), so that a client
   * of an older format never reads a failure as an answer.
   */
  async function knownFailure(key: string): Promise<unknown> {
    const hit = volatile.get(`failed\0${key}`);
    if (hit && !hit.ok) {
      counters.memoryHits++;
      return hit.error;
    }
    const file = await volatileFile(`failed\0${key}`);
    const stored = file ? await disk!.readFresh<unknown>(file, now()) : undefined;
    const error = stored && failureFromRecord(stored.value);
    if (!error) return undefined;
    counters.diskHits++;
    volatile.set(`failed\0${key}`, { ok: false, error }, 1024, stored.expires - now());
    return error;
  }

  /** Remembers `error` for the list TTL when it is a definite answer; others are tried again next time. */
  async function rememberFailure(key: string, error: unknown): Promise<void> {
    const record = listTtlMs > 0 ? failureRecord(error) : undefined;
    if (!record) return;
    volatile.set(`failed\0${key}`, { ok: false, error }, 1024, listTtlMs);
    const file = await volatileFile(`failed\0${key}`);
    if (file && (await disk!.writeFresh(file, record, now() + listTtlMs))) counters.diskWrites++;
  }

  /**
   * An answer that may change: remembered (found, not found, or refused) for listTtlMs in memory
   * and on disk, so a CLI run a minute after another asks the proxy nothing.
   */
  function cachedVolatile<T>(key: string, run: () => Promise<T>): Promise<T> {
    const hit = (volatile.get(key) ?? volatile.get(`failed\0${key}`)) as Volatile<T> | undefined;
    if (hit) {
      counters.memoryHits++;
      if (hit.ok) return Promise.resolve(structuredClone(hit.value));
      return Promise.reject(hit.error);
    }
    const shared = coalesce(key, async () => {
      const file = await volatileFile(key);
      const stored = file ? await disk!.readFresh<T>(file, now()) : undefined;
      if (stored) {
        counters.diskHits++;
        volatile.set(
          key,
          { ok: true, value: stored.value },
          1024 + JSON.stringify(stored.value ?? null).length,
          stored.expires - now(),
        );
        return stored.value;
      }
      const failed = await knownFailure(key);
      if (failed) throw failed;
      try {
        const value = await run();
        volatile.set(key, { ok: true, value }, 1024 + JSON.stringify(value ?? null).length, listTtlMs);
        if (file && (await disk!.writeFresh(file, value, now() + listTtlMs))) counters.diskWrites++;
        return value;
      } catch (error) {
        await rememberFailure(key, error);
        throw error;
      }
    });
    // Each caller gets its own copy: one mutating its array must not change another's or the cache.
    return shared.then((v) => structuredClone(v));
  }

  /**
   * An answer that never changes. Any proxy of the list that has served it before is as good as
   * another (the checksum database makes them agree), so every proxy's cache is checked before
   * the network. `validate` rejects a body before it is cached, from the network or from disk.
   */
  async function immutable(
    ext: 'info' | 'mod' | 'zip',
    path: string,
    version: string,
    maxBytes: number,
    validate: (body: Buffer, proxy: UrlProxy) => void,
  ): Promise<Buffer> {
    const escPath = escapeModulePath(path);
    const escVer = escapeVersion(path, version);
    const rel = `${escPath}/@v/${escVer}.${ext}`;
    return coalesce(`${ext}\0${path}\0${version}`, async () => {
      const c = await ctx();
      const proxies = c.config.proxies.filter((p): p is UrlProxy => p.kind === 'url');
      // Only consult caches for modules we would fetch from a proxy at all.
      if (!bypasses(c.config, path)) {
        for (const p of proxies) {
          const hit = memory.get(`${p.url}\0${rel}`);
          if (hit) {
            counters.memoryHits++;
            return hit;
          }
        }
        if (disk) {
          for (const p of proxies) {
            const body = await disk.read(disk.file(p.url, escPath, escVer, ext));
            if (body && passes(validate, body, p)) {
              counters.diskHits++;
              memory.set(`${p.url}\0${rel}`, body, body.length);
              return body;
            }
          }
        }
      }
      // A refusal or a "not found" is not immutable: it is remembered for the list TTL only.
      const key = `${ext}\0${path}\0${version}`;
      const failed = await knownFailure(key);
      if (failed) throw failed;
      try {
        return await tryProxies(c.config, path, version, async (p): Promise<Attempt<Buffer>> => {
          const r = await proxyGet(c, p, rel, path, maxBytes);
          if (r.kind === 'not-found') return { found: false, detail: r.detail };
          validate(r.body, p);
          memory.set(`${p.url}\0${rel}`, r.body, r.body.length);
          if (disk && (await disk.write(disk.file(p.url, escPath, escVer, ext), r.body))) counters.diskWrites++;
          return { found: true, value: r.body };
        });
      } catch (error) {
        await rememberFailure(key, error);
        throw error;
      }
    });
  }

  function checkInfo(path: string, version: string) {
    return (body: Buffer, proxy: UrlProxy): VersionInfo => {
      const info = parseVersionInfo(body, path, proxy.url);
      // Asked for a proper version of this module, a proxy must answer with exactly that version.
      if (
        info.Version !== version &&
        isCanonicalVersion(version) &&
        matchPathMajor(version, splitPathVersion(path).pathMajor)
      ) {
        throw new ProxyResponseError(
          path,
          proxy.url,
          200,
          `proxy returned info for version ${info.Version} instead of requested version ${version}`,
        );
      }
      return info;
    };
  }

  function requireCanonical(path: string, version: string): void {
    escapeModulePath(path);
    if (!isCanonicalVersion(version)) {
      throw new InvalidModuleVersionError(path, version, 'not a canonical version (want vX.Y.Z[-pre][+incompatible])');
    }
  }

  /** Every line of `@v/list` as served: pseudo-versions and timestamps included. */
  function listLines(path: string): Promise<string[]> {
    const escPath = escapeModulePath(path);
    return cachedVolatile(`list\0${path}`, async () => {
      const c = await ctx();
      return tryProxies(c.config, path, undefined, async (p): Promise<Attempt<string[]>> => {
        const r = await proxyGet(c, p, `${escPath}/@v/list`, path, MAX_META_BYTES);
        if (r.kind === 'not-found') return { found: false, detail: r.detail };
        return { found: true, value: splitLines(r.body) };
      });
    });
  }

  /**
   * The store of parsed go.mod files for this proxy list, where the disk cache is; null without
   * one. Keyed by the whole list, as volatile answers are: any proxy of it may have served a file.
   */
  let storeP: Promise<ParsedModStore | null> | undefined;
  /** The store once it is open, for the warm path of parsedMod. */
  let openStore: ParsedModStore | null = null;
  const parsedStore = (): Promise<ParsedModStore | null> => {
    storeP ??= config().then((c) => {
      if (!disk) return null;
      const proxies = c.proxies.map((p) => (p.kind === 'url' ? p.url : p.kind)).join(',');
      openStore = ParsedModStore.under(disk.dir, createHash('sha256').update(proxies).digest('hex').slice(0, 16));
      return openStore;
    });
    storeP.catch(() => (storeP = undefined));
    return storeP;
  };
  /** Whether each module path's go.mod files go through the store: asked once per path, not per version. */
  const storedPaths = new Map<string, boolean>();
  const storeFor = async (path: string): Promise<ParsedModStore | null> => {
    const store = await parsedStore();
    if (!store) return null;
    let through = storedPaths.get(path);
    if (through === undefined) {
      // Modules fetched around the proxies never touch a cache; neither does their parse.
      through = !bypasses(await config(), path);
      storedPaths.set(path, through);
    }
    return through ? store : null;
  };

  const parsedModThroughStore = async (path: string, version: string): Promise<GoMod> => {
    const key = `${path}@${version}`;
    const stored = await storeFor(path);
    const hit = stored?.get(key);
    // Only what passed the check below was ever stored.
    if (hit) return hit;
    requireCanonical(path, version);
    const goMod = parseDependencyGoMod(path, version, await client.mod(path, version));
    stored?.add(key, goMod);
    return goMod;
  };

  const client: ProxyClient = {
    async list(path) {
      return tagged(await listLines(path));
    },

    async latest(path) {
      const escPath = escapeModulePath(path);
      return cachedVolatile(`latest\0${path}`, async () => {
        const c = await ctx();
        try {
          return await tryProxies(
            c.config,
            path,
            undefined,
            async (p): Promise<Attempt<VersionInfo>> => {
              const r = await proxyGet(c, p, `${escPath}/@latest`, path, MAX_META_BYTES);
              if (r.kind === 'not-found') return { found: false, detail: r.detail };
              return { found: true, value: parseVersionInfo(r.body, path, p.url) };
            },
            { stopAtDirect: true },
          );
        } catch (err) {
          if (!(err instanceof ModuleNotFoundError)) throw err;
        }
        // As Go's proxy client does when @latest is missing: the newest untagged commit the
        // list names, by its time. Modules with only pseudo-versions get their upgrades this way.
        let lines: string[];
        try {
          lines = await listLines(path);
        } catch (err) {
          // The proxies had no @latest; a `direct` entry behind them is not followed for it either.
          if (err instanceof ModuleNotFoundError || err instanceof NeedsVcsError) return null;
          throw err;
        }
        const best = latestFromList(lines);
        return best ? client.info(path, best) : null;
      });
    },

    async info(path, version) {
      const check = checkInfo(path, version);
      if (isCanonicalVersion(version)) {
        const body = await immutable('info', path, version, MAX_META_BYTES, (b, p) => void check(b, p));
        return parseVersionInfo(body, path, '');
      }
      // A query such as a branch name or `v1.2` resolves differently over time.
      const escPath = escapeModulePath(path);
      const escVer = escapeVersion(path, version);
      return cachedVolatile(`info\0${path}\0${version}`, async () => {
        const c = await ctx();
        return tryProxies(c.config, path, version, async (p): Promise<Attempt<VersionInfo>> => {
          const r = await proxyGet(c, p, `${escPath}/@v/${escVer}.info`, path, MAX_META_BYTES);
          if (r.kind === 'not-found') return { found: false, detail: r.detail };
          return { found: true, value: check(r.body, p) };
        });
      });
    },

    async mod(path, version) {
      requireCanonical(path, version);
      const body = await immutable('mod', path, version, MAX_META_BYTES, () => undefined);
      return body.toString('utf8');
    },

    parsedMod(path, version) {
      // The warm path, without a wait: only canonical versions were ever stored (checked below).
      const hit = openStore && storedPaths.get(path) === true ? openStore.get(`${path}@${version}`) : undefined;
      return hit ? Promise.resolve(hit) : parsedModThroughStore(path, version);
    },

    async zip(path, version) {
      requireCanonical(path, version);
      const body = await immutable('zip', path, version, MAX_ZIP_BYTES, () => undefined);
      counters.zipReads++;
      // Callers may mutate what they get; the cached copy must stay intact.
      return Buffer.from(body);
    },

    async packageIndex(path, version) {
      requireCanonical(path, version);
      const key = `${path}\0${version}`;
      const hit = indexes.get(key);
      if (hit) {
        counters.memoryHits++;
        return hit;
      }
      return coalesce(`pkgs\0${key}`, async () => {
        const c = await ctx();
        const escPath = escapeModulePath(path);
        const escVer = escapeVersion(path, version);
        // Kept on disk only where the zip would be: modules fetched from a URL proxy.
        const proxies = bypasses(c.config, path) ? [] : c.config.proxies.filter((p) => p.kind === 'url');
        const files = disk ? proxies.map((p) => disk.file(p.url, escPath, escVer, 'pkgs.json')) : [];
        for (const file of files) {
          const body = await disk!.read(file);
          const index = body && decodePackageIndex(body, path, version);
          if (index) {
            counters.diskHits++;
            indexes.set(key, index, body.length);
            return index;
          }
        }
        // Absent, corrupt or of an older format: built again from the zip, which stays the truth.
        const index = buildPackageIndex(await client.zip(path, version), path, version);
        const text = encodePackageIndex(index);
        indexes.set(key, index, text.length);
        if (files[0] && (await disk!.write(files[0], text))) counters.diskWrites++;
        return index;
      });
    },

    stats() {
      return { ...counters };
    },

    config,
  };
  return client;
}

function bypasses(config: ProxyConfig, path: string): boolean {
  return config.proxies.every((p) => p.kind !== 'url') || bypassesProxy(config, path);
}

function passes(validate: (body: Buffer, proxy: UrlProxy) => void, body: Buffer, proxy: UrlProxy): boolean {
  try {
    validate(body, proxy);
    return true;
  } catch {
    return false;
  }
}

function splitLines(body: Buffer): string[] {
  return body
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** First field of each line that is a semver tag; pseudo-versions are not "versions" to Go. */
function tagged(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const v = line.split(/\s+/)[0];
    if (v && isValid(v) && !isPseudoVersion(v)) out.push(v);
  }
  return out;
}
