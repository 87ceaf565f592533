/**
 * Where a module's source lives, in the order that is cheapest and most reliable:
 *
 * 1. `github.com/<owner>/<repo>[/sub/dir][/vN]`: the path says it.
 * 2. The proxy's `.info` for the target version, when its `Origin` names a GitHub repository
 *    (the VCS URL and subdirectory the proxy actually fetched).
 * 3. A short table of well-known vanity hosts that mirror to GitHub (golang.org/x,
 *    google.golang.org, go.uber.org, gopkg.in, k8s.io, sigs.k8s.io, go.opentelemetry.io, …).
 *    It comes after Origin because Origin is what the proxy saw, and before the network because
 *    these hosts' own answers point at repositories that are not on GitHub (go.googlesource.com).
 * 4. The `?go-get=1` page's `<meta name="go-import">` (and `go-source`), fetched once per path
 *    with a timeout and cached.
 *
 * A source that is not on GitHub is reported as such (`other`), one that cannot be found as
 * `unknown`; neither is an error.
 */
import type { VersionInfo } from '../gomod/types.js';
import { splitPathVersion } from '../gomod/module.js';
import type { GitHubSource, NotesCache, NotesLogger, SourceLocation, SourceVia } from './types.js';

/** What release notes need of the module proxy: `.info` (for Origin) and, optionally, `@v/list`. */
export interface NotesProxy {
  info(path: string, version: string): Promise<VersionInfo>;
  list?(path: string): Promise<string[]>;
}

export interface SourceDeps {
  proxy?: NotesProxy;
  /** Used for `?go-get=1` lookups; without it vanity paths outside the table stay unknown. */
  fetch?: typeof fetch;
  cache?: NotesCache;
  log?: NotesLogger;
  /** Per `?go-get=1` request. Default 5 s. */
  goGetTimeoutMs?: number;
  /** How long a go-import answer is reused. Default 24 h (1 h for a failed lookup). */
  goGetTtlMs?: number;
  now?: () => number;
}

// ---------------------------------------------------------------------------------------------
// GitHub URLs and paths

/** `{owner, repo}` of a GitHub repository URL in any of git's spellings; null otherwise. */
export function parseGitHubUrl(url: string): { owner: string; repo: string } | null {
  const m =
    /^(?:(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?(?:www\.)?github\.com(?::\d+)?\/|git@github\.com:)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/i.exec(
      url.trim(),
    );
  if (!m) return null;
  return { owner: m[1]!, repo: m[2]! };
}

function github(owner: string, repo: string, subdir: string, via: SourceVia): GitHubSource {
  const dir = subdir.replace(/^\/+|\/+$/g, '');
  return {
    kind: 'github',
    owner,
    repo,
    url: `https://github.com/${owner}/${repo}`,
    subdir: dir,
    tagPrefix: dir ? `${dir}/` : '',
    via,
  };
}

/**
 * The module's directory below `root` (the import path of the repository root), without the
 * major-version element, as Go derives the tag prefix: `github.com/o/r/sub/v2` under
 * `github.com/o/r` is `sub`.
 */
export function codeDir(modulePath: string, root: string): string {
  const { prefix } = splitPathVersion(modulePath);
  if (prefix.length <= root.length) return '';
  if (!prefix.startsWith(`${root}/`)) return '';
  return prefix.slice(root.length + 1);
}

/** `github.com/o/r[/sub][/vN]` → the repository and subdirectory; null for other paths. */
export function githubFromPath(modulePath: string): GitHubSource | null {
  const parts = modulePath.split('/');
  if (parts[0] !== 'github.com' || parts.length < 3 || !parts[1] || !parts[2]) return null;
  return github(parts[1], parts[2], codeDir(modulePath, parts.slice(0, 3).join('/')), 'path');
}

// ---------------------------------------------------------------------------------------------
// Well-known hosts

interface KnownHost {
  /** Import-path prefix of the host's repositories (`golang.org/x`). */
  prefix: string;
  /** Path elements after the prefix that name the repository (1 for `golang.org/x/net`). */
  elems: number;
  /** GitHub owner/repo for those elements; null when the table does not know it. */
  repo(elems: string[]): [string, string] | null;
}

const fixed = (table: Record<string, [string, string]>) => (e: string[]) => table[e.join('/')] ?? null;

/**
 * Vanity hosts whose repositories are on GitHub, or mirrored there with the same tags.
 * Extend with care: a wrong entry links a reviewer to the wrong project.
 */
const KNOWN_HOSTS: KnownHost[] = [
  { prefix: 'golang.org/x', elems: 1, repo: ([n]) => ['golang', n!] },
  {
    prefix: 'google.golang.org',
    elems: 1,
    repo: fixed({
      grpc: ['grpc', 'grpc-go'],
      protobuf: ['protocolbuffers', 'protobuf-go'],
      api: ['googleapis', 'google-api-go-client'],
      genproto: ['googleapis', 'go-genproto'],
      appengine: ['golang', 'appengine'],
    }),
  },
  { prefix: 'go.uber.org', elems: 1, repo: ([n]) => ['uber-go', n!] },
  { prefix: 'k8s.io', elems: 1, repo: ([n]) => ['kubernetes', n!] },
  { prefix: 'sigs.k8s.io', elems: 1, repo: ([n]) => ['kubernetes-sigs', n!] },
  {
    prefix: 'go.opentelemetry.io',
    elems: 1,
    repo: fixed({
      otel: ['open-telemetry', 'opentelemetry-go'],
      contrib: ['open-telemetry', 'opentelemetry-go-contrib'],
      collector: ['open-telemetry', 'opentelemetry-collector'],
      auto: ['open-telemetry', 'opentelemetry-go-instrumentation'],
    }),
  },
  { prefix: 'cloud.google.com', elems: 1, repo: fixed({ go: ['googleapis', 'google-cloud-go'] }) },
  { prefix: 'honnef.co/go', elems: 1, repo: fixed({ tools: ['dominikh', 'go-tools'] }) },
];

/** gopkg.in/NAME.vN → go-NAME/NAME; gopkg.in/USER/NAME.vN → USER/NAME (tags are `vN.x.y`). */
function gopkgIn(modulePath: string): GitHubSource | null {
  const { prefix, pathMajor, ok } = splitPathVersion(modulePath);
  if (!ok || !pathMajor) return null;
  const elems = prefix.split('/').slice(1);
  if (elems.length === 1) return github(`go-${elems[0]!}`, elems[0]!, '', 'known-host');
  if (elems.length === 2) return github(elems[0]!, elems[1]!, '', 'known-host');
  return null;
}

export function knownHostSource(modulePath: string): GitHubSource | null {
  if (modulePath.startsWith('gopkg.in/')) return gopkgIn(modulePath);
  for (const host of KNOWN_HOSTS) {
    if (!modulePath.startsWith(`${host.prefix}/`)) continue;
    const rest = modulePath.slice(host.prefix.length + 1).split('/');
    if (rest.length < host.elems) return null;
    const repo = host.repo(rest.slice(0, host.elems));
    if (!repo) return null;
    const root = [host.prefix, ...rest.slice(0, host.elems)].join('/');
    return github(repo[0], repo[1], codeDir(modulePath, root), 'known-host');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// ?go-get=1

export interface GoImport {
  /** The import-path prefix the repository root serves. */
  prefix: string;
  vcs: string;
  repoUrl: string;
  /** The fourth field (Go 1.25): the module's directory inside the repository. */
  subdir?: string;
}

export interface GoSource {
  prefix: string;
  home: string;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The go-import and go-source meta tags of a `?go-get=1` page (Go reads only the head). */
export function parseGoGetMeta(html: string): { imports: GoImport[]; sources: GoSource[] } {
  const head = headOf(html);
  const imports: GoImport[] = [];
  const sources: GoSource[] = [];
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const name = attr(m[0], 'name');
    const content = attr(m[0], 'content');
    if (!name || content === undefined) continue;
    const f = content.trim().split(/\s+/);
    if (name === 'go-import' && (f.length === 3 || f.length === 4)) {
      const imp: GoImport = { prefix: f[0]!, vcs: f[1]!, repoUrl: f[2]! };
      if (f[3]) imp.subdir = f[3];
      imports.push(imp);
    } else if (name === 'go-source' && f.length >= 2) {
      sources.push({ prefix: f[0]!, home: f[1]! });
    }
  }
  return { imports, sources };
}

const covers = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The source a go-get page gives for `modulePath`, or null. */
export function sourceFromGoGet(modulePath: string, html: string): SourceLocation | null {
  const { imports, sources } = parseGoGetMeta(html);
  // `mod` entries point at a module proxy, not a repository; Go prefers a VCS entry.
  const candidates = imports
    .filter((i) => covers(i.prefix, modulePath))
    .sort((a, b) => Number(a.vcs === 'mod') - Number(b.vcs === 'mod'));
  const imp = candidates.find((i) => i.vcs !== 'mod');
  if (imp) {
    const below = codeDir(modulePath, imp.prefix);
    const subdir = [imp.subdir ?? '', below].filter(Boolean).join('/');
    const gh = parseGitHubUrl(imp.repoUrl);
    if (gh) return github(gh.owner, gh.repo, subdir, 'go-import');
    const src = sources.find((s) => covers(s.prefix, modulePath));
    const home = src && parseGitHubUrl(src.home);
    if (home && src)
      return github(
        home.owner,
        home.repo,
        [imp.subdir ?? '', codeDir(modulePath, src.prefix)].filter(Boolean).join('/'),
        'go-source',
      );
    if (/^https?:\/\//.test(imp.repoUrl))
      return { kind: 'other', url: imp.repoUrl.replace(/\.git$/, ''), via: 'go-import' };
    return { kind: 'unknown', reason: `its repository (${imp.vcs} ${imp.repoUrl}) is not on GitHub` };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The resolver

const MAX_GO_GET_BYTES = 1 << 20;

async function readLimited(res: Response, max: number): Promise<string> {
  if (!res.body) return (await res.text()).slice(0, max);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    if (total >= max) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, max);
}

export type SourceResolver = (modulePath: string, version: string) => Promise<SourceLocation>;

/**
 * A resolver that remembers go-get answers in `deps.cache` and shares identical lookups in
 * flight. One per run (or per process: it holds no per-run state beyond the in-flight map).
 */
export function createSourceResolver(deps: SourceDeps): SourceResolver {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.goGetTimeoutMs ?? 5000;
  const ttlMs = deps.goGetTtlMs ?? 24 * 3600_000;
  const inflight = new Map<string, Promise<string | null>>();

  /** The page's text, or null when it could not be read. Cached, failures for a shorter time. */
  async function goGetPage(modulePath: string): Promise<string | null> {
    const key = `go-get:${modulePath}`;
    const hit = await deps.cache?.get(key);
    if (hit) {
      const v = hit.value as { html: string | null };
      const ttl = v.html === null ? Math.min(ttlMs, 3600_000) : ttlMs;
      if (now() - hit.storedAt < ttl) return v.html;
    }
    let p = inflight.get(key);
    if (!p) {
      p = (async () => {
        let html: string | null = null;
        try {
          const res = await deps.fetch!(`https://${modulePath}?go-get=1`, {
            signal: AbortSignal.timeout(timeoutMs),
            redirect: 'follow',
            headers: { accept: 'text/html' },
          });
          if (res.ok) html = await readLimited(res, MAX_GO_GET_BYTES);
          else deps.log?.debug({ modulePath, status: res.status }, 'go-get page not found');
        } catch (err) {
          deps.log?.debug({ modulePath, err: (err as Error).message }, 'go-get lookup failed');
        }
        // Only the meta tags matter; keep the cache entry small.
        const kept = html === null ? null : keepMeta(html);
        await deps.cache?.set(key, { value: { html: kept }, storedAt: now() });
        return kept;
      })().finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  return async (modulePath, version) => {
    const fromPath = githubFromPath(modulePath);
    if (fromPath) return fromPath;

    let other: SourceLocation | null = null;
    if (deps.proxy) {
      try {
        const origin = (await deps.proxy.info(modulePath, version)).Origin;
        const gh = origin?.URL ? parseGitHubUrl(origin.URL) : null;
        if (gh) return github(gh.owner, gh.repo, origin?.Subdir ?? '', 'origin');
        if (origin?.URL && /^https?:\/\//.test(origin.URL))
          other = { kind: 'other', url: origin.URL.replace(/\.git$/, ''), via: 'origin' };
      } catch (err) {
        deps.log?.debug({ modulePath, version, err: (err as Error).message }, 'no proxy origin for release notes');
      }
    }

    const known = knownHostSource(modulePath);
    if (known) return known;

    if (deps.fetch) {
      const html = await goGetPage(modulePath);
      const found = html === null ? null : sourceFromGoGet(modulePath, html);
      if (found?.kind === 'github') return found;
      other ??= found;
    }
    return other ?? { kind: 'unknown', reason: 'no repository found for this module path' };
  };
}

function headOf(html: string): string {
  const end = html.search(/<\/head\s*>|<body[\s>]/i);
  return end < 0 ? html : html.slice(0, end);
}

function keepMeta(html: string): string {
  return [...headOf(html).matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).join('\n');
}

/** One lookup with its own resolver (no sharing across calls beyond `deps.cache`). */
export function moduleSource(modulePath: string, version: string, deps: SourceDeps = {}): Promise<SourceLocation> {
  return createSourceResolver(deps)(modulePath, version);
}
