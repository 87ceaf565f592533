/**
 * The few GitHub reads release notes make, through the Octokit the caller passes in:
 *
 * - every GET is conditional: the ETag of the last answer is sent as `If-None-Match`, and a 304
 *   (which GitHub does not count against the rate limit) reuses the cached value;
 * - a rate-limited answer (403/429 with `x-ratelimit-remaining: 0`, or a secondary limit) marks
 *   the reader as limited: later reads answer from the cache when they can, and otherwise fail
 *   with RateLimitedError at once, without asking GitHub again in this run;
 * - 404 is a value (null), not an error.
 */
import { httpStatus, type GitHubClient } from '../github/app-auth.js';
import { rateLimitOf, RateLimitedError } from '../github/rate-limit.js';
import { createMemoryNotesCache } from './cache.js';
import type { NotesCache } from './types.js';

/** What release notes need of an Octokit: `request`. A ProbotOctokit qualifies. */
export type NotesOctokit = Pick<GitHubClient, 'request'>;

export interface Release {
  tag: string;
  name: string;
  body: string;
  url: string;
  prerelease: boolean;
  draft: boolean;
}

export interface DirEntry {
  name: string;
  path: string;
  type: string;
}

export interface Comparison {
  totalCommits: number;
  /** First lines of the commit messages returned (up to one page), oldest first. */
  subjects: string[];
  url: string;
}

export interface GitHubReaderStats {
  requests: number;
  notModified: number;
  cacheHits: number;
}

export interface GitHubReader {
  /** One page (100 per page, newest first) of a repository's releases; null when the repository is not found. */
  releases(owner: string, repo: string, page: number): Promise<Release[] | null>;
  /** A directory listing at `ref` ("" is the root); null when it does not exist. */
  dir(owner: string, repo: string, path: string, ref: string): Promise<DirEntry[] | null>;
  /** A file's text at `ref` (files up to 1 MB); null when missing or not a regular file. */
  file(owner: string, repo: string, path: string, ref: string): Promise<string | null>;
  /** `base...head`; null when either ref is unknown. */
  compare(owner: string, repo: string, base: string, head: string): Promise<Comparison | null>;
  /** Set once GitHub refused a request for rate reasons. */
  readonly rateLimit: RateLimitedError | null;
  stats(): GitHubReaderStats;
}

export interface GitHubReaderOptions {
  cache?: NotesCache;
  now?: () => number;
}

export function createGitHubReader(octokit: NotesOctokit, opts: GitHubReaderOptions = {}): GitHubReader {
  const cache = opts.cache ?? createMemoryNotesCache();
  const now = opts.now ?? Date.now;
  let limited: RateLimitedError | null = null;
  const stats: GitHubReaderStats = { requests: 0, notModified: 0, cacheHits: 0 };
  const inflight = new Map<string, Promise<unknown>>();

  /** A conditional GET; `project` keeps only what is needed (and what is cached). */
  function get<T>(route: string, params: Record<string, unknown>, project: (data: unknown) => T): Promise<T | null> {
    const key = `gh:${route}:${JSON.stringify(params)}`;
    const running = inflight.get(key);
    if (running) return running as Promise<T | null>;
    const p = (async (): Promise<T | null> => {
      const cached = await cache.get(key);
      if (limited) {
        if (cached) {
          stats.cacheHits++;
          return cached.value as T | null;
        }
        throw limited;
      }
      const headers: Record<string, string> = {};
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      stats.requests++;
      try {
        const res = await octokit.request(route, { ...params, headers } as never);
        const value = project((res as { data: unknown }).data);
        const etag = (res as { headers: Record<string, unknown> }).headers['etag'];
        if (typeof etag === 'string') await cache.set(key, { etag, value, storedAt: now() });
        return value;
      } catch (err) {
        const status = httpStatus(err);
        if (status === 304 && cached) {
          stats.notModified++;
          return cached.value as T | null;
        }
        if (status === 404) return null;
        const rl = rateLimitOf(err);
        if (rl) {
          limited ??= rl;
          if (cached) {
            stats.cacheHits++;
            return cached.value as T | null;
          }
          throw rl;
        }
        throw err;
      }
    })().finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  return {
    releases: (owner, repo, page) =>
      get('GET /repos/{owner}/{repo}/releases', { owner, repo, per_page: 100, page }, (data) =>
        (data as Record<string, unknown>[]).map((r) => ({
          tag: String(r['tag_name'] ?? ''),
          name: String(r['name'] ?? ''),
          body: typeof r['body'] === 'string' ? r['body'] : '',
          url: String(r['html_url'] ?? ''),
          prerelease: r['prerelease'] === true,
          draft: r['draft'] === true,
        })),
      ),

    dir: (owner, repo, path, ref) =>
      path === ''
        ? // The contents API needs a path; the root's listing is the tree of the ref.
          get('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner, repo, tree_sha: ref }, (data) =>
            ((data as { tree?: Record<string, unknown>[] }).tree ?? []).map((e) => ({
              name: String(e['path']),
              path: String(e['path']),
              type: e['type'] === 'blob' ? 'file' : e['type'] === 'tree' ? 'dir' : String(e['type']),
            })),
          )
        : get('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref }, (data) =>
            Array.isArray(data)
              ? (data as Record<string, unknown>[]).map((e) => ({
                  name: String(e['name']),
                  path: String(e['path']),
                  type: String(e['type']),
                }))
              : null,
          ),

    file: (owner, repo, path, ref) =>
      get('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref }, (data) => {
        const f = data as { type?: unknown; encoding?: unknown; content?: unknown };
        if (Array.isArray(data) || f.type !== 'file' || f.encoding !== 'base64' || typeof f.content !== 'string')
          return null;
        return Buffer.from(f.content, 'base64').toString('utf8');
      }),

    compare: (owner, repo, base, head) =>
      get(
        'GET /repos/{owner}/{repo}/compare/{basehead}',
        { owner, repo, basehead: `${base}...${head}`, per_page: 100 },
        (data) => {
          const d = data as {
            total_commits?: unknown;
            html_url?: unknown;
            commits?: { commit?: { message?: unknown } }[];
          };
          return {
            totalCommits: typeof d.total_commits === 'number' ? d.total_commits : 0,
            subjects: (d.commits ?? [])
              .map((c) =>
                String(c.commit?.message ?? '')
                  .split('\n')[0]!
                  .trim(),
              )
              .filter(Boolean),
            url: String(d.html_url ?? ''),
          };
        },
      ),

    get rateLimit() {
      return limited;
    },

    stats: () => ({ ...stats }),
  };
}
