/**
 * Module metadata for modules whose code lives on the installation's own GitHub (github.com or a
 * GitHub Enterprise Server), read through the REST API with the installation token, the way the
 * go command reads a repository directly when GONOPROXY sends a module around the proxies:
 *
 * - a module `<host>/<owner>/<repo>[/<dir>][/vN]` lives in repository `<owner>/<repo>`; its
 *   versions are the repository's tags `[<dir>/]vX.Y.Z` that are canonical semver and not
 *   pseudo-versions;
 * - a `/vN` module (N ≥ 2) takes tags of major vN; its go.mod is `[<dir>/]vN/go.mod` (major
 *   subdirectory) when that declares the module, else `[<dir>/]go.mod` declaring `…/vN` (major
 *   branch);
 * - a module without a suffix at the repository root also lists v2+ tags as `+incompatible`,
 *   unless the newest v0/v1 tag has a go.mod, or the newest tag of that major does;
 * - a version without go.mod gets the go.mod the proxy synthesizes (`module <path>`);
 * - a pseudo-version names its commit by the hash prefix it ends with.
 *
 * Answers that cannot change (go.mod and time of a version) are cached for the process; tag
 * lists for a short while. Entries are kept apart per `scope` (the installation), so one
 * installation never sees what only another's token could read.
 */
import { StewardError } from '../errors.js';
import { ModuleNotFoundError } from '../gomod/proxy/errors.js';
import { MemoryCache } from '../gomod/proxy/memory-cache.js';
import { parseGoMod } from '../gomod/modfile/index.js';
import { matchPathMajor, splitPathVersion } from '../gomod/module.js';
import { isPseudoVersion, pseudoVersionRev } from '../gomod/pseudo-version.js';
import type { ModuleSource, VersionInfo } from '../gomod/types.js';
import { canonical, compare, isPrerelease, isValid, major, sortVersions } from '../gomod/version.js';
import { httpStatus, type GitHubClient } from './app-auth.js';

/** The installation's token cannot read the repository a module lives in (GitHub answered 404 or 403). */
export class ModuleRepoAccessError extends StewardError {
  readonly code = 'module-repo-no-access';
  constructor(
    readonly modulePath: string,
    /** owner/name */
    readonly repository: string,
    readonly status: number,
  ) {
    super(
      `${modulePath}: the app cannot read ${repository} (${status}): install the app on ${repository} or grant it contents: read`,
    );
  }
}

/** GitHub failed to answer (5xx, network) after the client's retries; a later run may succeed. */
export class GitHubModuleUnavailableError extends StewardError {
  readonly code = 'github-module-unavailable';
  constructor(
    readonly modulePath: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`module ${modulePath}: GitHub did not answer: ${reason}`, options);
  }
}

/** Where the module's code is: repository and directory within it. */
interface ModuleRepo {
  host: string;
  owner: string;
  repo: string;
  /** Directory of the module in the repository without the major suffix ("" at the root). */
  codeDir: string;
  /** `/v2`… or "". */
  pathMajor: string;
}

export interface GitHubModuleCacheOptions {
  /** How long a repository's tag list is reused. Default 60 s. */
  listTtlMs?: number;
  /** Memory budget (approximate bytes). Default 16 MiB. */
  maxBytes?: number;
  clock?: () => number;
}

/** Answers shared by the sources of one process; created once, passed to every source. */
export class GitHubModuleCache {
  readonly listTtlMs: number;
  private readonly entries: MemoryCache<unknown>;
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(o: GitHubModuleCacheOptions = {}) {
    this.listTtlMs = o.listTtlMs ?? 60_000;
    this.entries = new MemoryCache<unknown>(o.maxBytes ?? 16 << 20, o.clock);
  }

  /** `run`'s answer under `key`, computed once at a time; kept for `ttlMs` (undefined: until evicted). */
  async get<T>(key: string, ttlMs: number | undefined, run: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit as T;
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<T>;
    const p = run()
      .then((value) => {
        this.entries.set(key, value, 256 + JSON.stringify(value ?? null).length, ttlMs);
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}

/** The process-wide cache sources use unless given one. */
export const processGitHubModuleCache = new GitHubModuleCache();

export interface GitHubModuleSourceOptions {
  github: GitHubClient;
  /** Hosts whose module paths are repositories of this GitHub (`github.com`, `ghe.example.com`). */
  hosts: readonly string[];
  cache?: GitHubModuleCache;
  /** Keeps cache entries of different tokens apart; the installation id. */
  scope?: string;
}

type Tags = Record<string, string>;

export function githubModuleSource(o: GitHubModuleSourceOptions): ModuleSource {
  const hosts = new Set(o.hosts.map((h) => h.toLowerCase()));
  const cache = o.cache ?? processGitHubModuleCache;
  const scope = o.scope ?? '';
  const gh = o.github;

  function locate(path: string): ModuleRepo {
    const { prefix, pathMajor, ok } = splitPathVersion(path);
    const parts = prefix.split('/');
    const host = parts[0]!.toLowerCase();
    if (!ok || !hosts.has(host) || parts.length < 3 || parts.some((p) => p === '' || p === '.' || p === '..'))
      throw new ModuleNotFoundError(path, undefined, `not a module path of a repository on ${[...hosts].join(', ')}`);
    return { host, owner: parts[1]!, repo: parts[2]!, codeDir: parts.slice(3).join('/'), pathMajor };
  }

  const fullName = (r: ModuleRepo) => `${r.owner}/${r.repo}`;
  const key = (...parts: string[]) => [scope, ...parts].join('\0');

  /** A failed call as the planner should see it. */
  function failure(err: unknown, path: string, r: ModuleRepo): unknown {
    const status = httpStatus(err);
    if (status === 404 || (status === 403 && !/rate limit/i.test((err as Error).message)))
      return new ModuleRepoAccessError(path, fullName(r), status);
    if (status === undefined || status >= 500)
      return new GitHubModuleUnavailableError(path, err instanceof Error ? err.message : String(err), { cause: err });
    return err;
  }

  /** Tag name → commit sha. Reading them is also the check that the token can read the repository. */
  function tags(path: string, r: ModuleRepo): Promise<Tags> {
    return cache.get(key('tags', r.host, fullName(r)), cache.listTtlMs, async () => {
      try {
        const list = await gh.paginate(gh.rest.repos.listTags, { owner: r.owner, repo: r.repo, per_page: 100 });
        const out: Tags = {};
        for (const t of list) out[t.name] = t.commit.sha;
        return out;
      } catch (err) {
        throw failure(err, path, r);
      }
    });
  }

  /** A commit's sha and committer time; null when the repository has no such commit. */
  function commit(path: string, r: ModuleRepo, ref: string): Promise<{ sha: string; time: string } | null> {
    return cache.get(key('commit', r.host, fullName(r), ref), undefined, async () => {
      await tags(path, r);
      try {
        const { data } = await gh.rest.repos.getCommit({ owner: r.owner, repo: r.repo, ref });
        const date = data.commit.committer?.date ?? data.commit.author?.date;
        return { sha: data.sha, time: date ? new Date(date).toISOString().replace(/\.000Z$/, 'Z') : '' };
      } catch (err) {
        const status = httpStatus(err);
        if (status === 404 || status === 422) return null;
        throw failure(err, path, r);
      }
    });
  }

  /** A file's text at a commit; null when there is none. */
  function file(path: string, r: ModuleRepo, sha: string, name: string): Promise<string | null> {
    return cache.get(key('file', r.host, fullName(r), sha, name), undefined, async () => {
      try {
        const { data } = await gh.rest.repos.getContent({ owner: r.owner, repo: r.repo, path: name, ref: sha });
        if (Array.isArray(data) || data.type !== 'file') return null;
        if (!('content' in data) || data.encoding !== 'base64')
          throw new ModuleNotFoundError(path, undefined, `${name} in ${fullName(r)} is too large to read`);
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (err) {
        if (httpStatus(err) === 404) return null;
        throw err instanceof ModuleNotFoundError ? err : failure(err, path, r);
      }
    });
  }

  const tagPrefix = (r: ModuleRepo) => (r.codeDir ? `${r.codeDir}/` : '');
  const inDir = (r: ModuleRepo, ...rest: string[]) => [r.codeDir, ...rest].filter(Boolean).join('/');

  /** The commit a version names, or a not-found error saying why there is none. */
  async function resolve(path: string, version: string): Promise<{ r: ModuleRepo; sha: string; ref?: string }> {
    const r = locate(path);
    const notFound = (detail: string) => new ModuleNotFoundError(path, version, detail);
    if (!isValid(version)) throw notFound(`${version} is not a version`);
    if (!matchPathMajor(version, r.pathMajor)) throw notFound(`${version} does not match the major version of ${path}`);
    if (isPseudoVersion(version)) {
      const rev = pseudoVersionRev(version);
      const c = await commit(path, r, rev);
      if (!c) throw notFound(`no commit ${rev} in ${fullName(r)}`);
      return { r, sha: c.sha };
    }
    const base = version.replace(/\+incompatible$/, '');
    if (canonical(base) !== base) throw notFound(`${version} is not a canonical version`);
    if (base !== version && (r.codeDir !== '' || r.pathMajor !== ''))
      throw notFound('+incompatible is only for a module at the root of its repository');
    const tag = `${tagPrefix(r)}${base}`;
    const sha = (await tags(path, r))[tag];
    if (!sha) throw notFound(`no tag ${tag} in ${fullName(r)}`);
    return { r, sha, ref: `refs/tags/${tag}` };
  }

  /** The module path a go.mod text declares, or undefined when it cannot be read. */
  function declared(text: string): string | undefined {
    try {
      return parseGoMod('go.mod', text, { lax: true }).module?.path;
    } catch {
      return undefined;
    }
  }

  /** go.mod of the module at a commit, as Go finds it; null when the module has none there. */
  async function goModAt(path: string, r: ModuleRepo, sha: string, version: string): Promise<string | null> {
    const atDir = await file(path, r, sha, inDir(r, 'go.mod'));
    if (r.pathMajor === '') {
      if (atDir === null) return null;
      if (version.endsWith('+incompatible'))
        throw new ModuleNotFoundError(path, version, '+incompatible is not allowed: the module has a go.mod there');
      const mp = declared(atDir);
      if (mp !== undefined && mp !== path)
        throw new ModuleNotFoundError(path, version, `its go.mod declares module ${mp}`);
      return atDir;
    }
    const inMajor = await file(path, r, sha, inDir(r, r.pathMajor.slice(1), 'go.mod'));
    if (inMajor !== null && declared(inMajor) === path) return inMajor;
    if (atDir !== null && declared(atDir) === path) return atDir;
    throw new ModuleNotFoundError(
      path,
      version,
      `no go.mod declaring module ${path} in ${inDir(r, r.pathMajor.slice(1)) || '.'} or ${inDir(r) || '.'} of ${fullName(r)}`,
    );
  }

  async function list(path: string): Promise<string[]> {
    const r = locate(path);
    const all = await tags(path, r);
    const prefix = tagPrefix(r);
    const compatible: string[] = [];
    const incompatible: string[] = [];
    for (const name of Object.keys(all)) {
      if (!name.startsWith(prefix)) continue;
      const v = name.slice(prefix.length);
      if (!isValid(v) || canonical(v) !== v || isPseudoVersion(v)) continue;
      if (matchPathMajor(v, r.pathMajor)) compatible.push(v);
      else if (r.codeDir === '' && r.pathMajor === '' && major(v) !== 'v0' && major(v) !== 'v1') incompatible.push(v);
    }
    sortVersions(compatible);
    sortVersions(incompatible);
    if (!incompatible.length) return compatible;
    const hasGoMod = async (v: string) => (await file(path, r, all[v]!, 'go.mod')) !== null;
    // A go.mod in the newest v0/v1 version: the author versions by path, the v2+ tags are not for this path.
    if (compatible.length && (await hasGoMod(compatible.at(-1)!))) return compatible;
    const out = [...compatible];
    const byMajor = new Map<string, string[]>();
    for (const v of incompatible) byMajor.set(major(v), [...(byMajor.get(major(v)) ?? []), v]);
    for (const versions of byMajor.values()) {
      // Go drops a whole major when its newest tag has a go.mod.
      if (await hasGoMod(versions.at(-1)!)) continue;
      out.push(...versions.map((v) => `${v}+incompatible`));
    }
    return out;
  }

  async function info(path: string, version: string): Promise<VersionInfo> {
    return cache.get(key('info', path, version), undefined, async () => {
      const { r, sha, ref } = await resolve(path, version);
      const c = await commit(path, r, sha);
      if (!c) throw new ModuleNotFoundError(path, version, `no commit ${sha} in ${fullName(r)}`);
      return {
        Version: version,
        Time: c.time,
        Origin: {
          VCS: 'git',
          URL: `https://${r.host}/${fullName(r)}`,
          ...(r.codeDir ? { Subdir: r.codeDir } : {}),
          ...(ref ? { Ref: ref } : {}),
          Hash: c.sha,
        },
      };
    });
  }

  return {
    list,
    async latest(path) {
      const versions = await list(path);
      const releases = versions.filter((v) => !isPrerelease(v));
      const pick = (vs: string[]) =>
        vs.reduce<string | null>((a, v) => (a === null || compare(v, a) > 0 ? v : a), null);
      const best = pick(releases) ?? pick(versions);
      return best === null ? null : info(path, best);
    },
    info,
    mod(path, version) {
      return cache.get(key('mod', path, version), undefined, async () => {
        const { r, sha } = await resolve(path, version);
        return (await goModAt(path, r, sha, version)) ?? `module ${path}\n`;
      });
    },
  };
}
