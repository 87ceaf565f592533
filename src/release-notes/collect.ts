/**
 * Release notes for the modules a pull request bumps. Per module, in order:
 *
 * 1. Where its source is (source.ts). Off GitHub or unknown: a plain line.
 * 2. Which releases (from, to] brings in: the proxy's `@v/list` and the repository's release
 *    tags under the module's tag prefix, newest first (tags.ts).
 * 3. Their GitHub Releases (paginated, conditional requests, shared between modules of one
 *    repository); for versions without a release body, the sections for them in
 *    CHANGELOG.md / CHANGES.md / RELEASE_NOTES.md at the target ref, the module's directory
 *    before the repository root; when nothing has notes, the compare API's commit count and
 *    commit subjects.
 * 4. The bullets, classified and merged (classify.ts).
 *
 * A module's failure, a rate limit or a timeout never fails the run: that module's notes say
 * what is missing and keep the compare link.
 */
import { isPseudoVersion } from '../gomod/pseudo-version.js';
import { compare, major } from '../gomod/version.js';
import { findUpgradeGuide } from './upgrade-guide.js';
import { createMemoryNotesCache } from './cache.js';
import { changelogSections, preferChangelog, sectionsFor, type ChangelogSection } from './changelog.js';
import { extractItems, mergeItems } from './classify.js';
import { RateLimitedError } from '../github/rate-limit.js';
import { createGitHubReader, type GitHubReader, type NotesOctokit, type Release } from './github-api.js';
import { sanitizeMarkdown } from './sanitize.js';
import { createSourceResolver, type NotesProxy, type SourceResolver } from './source.js';
import { compareRefs, releasesBetween, tagFor, versionFromTag } from './tags.js';
import type { GitHubSource, ModuleNotes, NoteItem, NotesCache, NotesLogger, VersionNotes } from './types.js';

export interface ReleaseNotesDeps {
  /** An Octokit that can read public repositories on github.com (an installation's will do). */
  github: NotesOctokit;
  /** The module proxy (`createProxyClient()`): Origin for vanity paths, `@v/list` for versions. */
  proxy?: NotesProxy;
  /** For `?go-get=1` lookups of vanity paths outside the well-known table. */
  fetch?: typeof fetch;
  /** ETags and go-import answers; default an in-memory LRU (pass one to share across runs). */
  cache?: NotesCache;
  log: NotesLogger;
  /** Modules worked on at once. Default 4. */
  concurrency?: number;
  /** Per module; after it the module gets a notice and its compare link. Default 60 s. */
  moduleTimeoutMs?: number;
  /** Pages of 100 releases read per repository at most. Default 3. */
  maxReleasePages?: number;
  /** Per `?go-get=1` request. Default 5 s. */
  goGetTimeoutMs?: number;
  now?: () => number;
}

export interface ModuleUpdate {
  module: string;
  from: string;
  to: string;
  /** A move to a new major module path (`module` is the new path): its upgrade guide is looked for. */
  newMajor?: boolean;
}

/** Upstream bodies beyond this are cut before anything else reads them. */
const MAX_BODY_CHARS = 100_000;

type Part = 'releases' | 'changelog' | 'commits';
const PART_NAMES: Record<Part, string> = {
  releases: 'GitHub Releases',
  changelog: 'the changelog',
  commits: 'the commits',
};

/** The notice for a module whose reads hit the rate limit: what is missing and where to look instead. */
export function rateLimitNotice(parts: Part[]): string {
  const names = parts.map((p) => PART_NAMES[p]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}` : names[0]!;
  return `GitHub's API rate limit was reached, so ${list} could not be read; the compare link shows every change.`;
}

interface RunContext {
  deps: ReleaseNotesDeps;
  gh: GitHubReader;
  resolve: SourceResolver;
  /** Release pages shared between modules of one repository. */
  pages: Map<string, Promise<Release[] | null>>;
  changelogs: Map<string, Promise<{ path: string; text: string } | null>>;
}

export async function collectReleaseNotes(deps: ReleaseNotesDeps, updates: ModuleUpdate[]): Promise<ModuleNotes[]> {
  const cache = deps.cache ?? createMemoryNotesCache();
  const ctx: RunContext = {
    deps,
    gh: createGitHubReader(deps.github, { cache, now: deps.now }),
    resolve: createSourceResolver({
      proxy: deps.proxy,
      fetch: deps.fetch,
      goGetTimeoutMs: deps.goGetTimeoutMs,
      now: deps.now,
      cache,
      log: deps.log,
    }),
    pages: new Map(),
    changelogs: new Map(),
  };
  const results: ModuleNotes[] = new Array(updates.length);
  let next = 0;
  const worker = async () => {
    while (next < updates.length) {
      const i = next++;
      results[i] = await oneModule(ctx, updates[i]!);
    }
  };
  const n = Math.max(1, Math.min(deps.concurrency ?? 4, updates.length));
  await Promise.all(Array.from({ length: n }, worker));
  const stats = ctx.gh.stats();
  deps.log.debug(
    { modules: updates.length, ...stats, rateLimited: ctx.gh.rateLimit?.kind ?? null },
    'release notes collected',
  );
  return results;
}

/** One module, never rejecting: errors and timeouts become notices. */
async function oneModule(ctx: RunContext, u: ModuleUpdate): Promise<ModuleNotes> {
  const notes: ModuleNotes = {
    module: u.module,
    from: u.from,
    to: u.to,
    source: { kind: 'unknown', reason: 'not looked up' },
    versions: [],
    items: [],
    notices: [],
  };
  const timeoutMs = ctx.deps.moduleTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref?.();
  });
  try {
    const outcome = await Promise.race([fill(ctx, notes, u.newMajor ?? false).then(() => 'done' as const), timeout]);
    if (outcome === 'timeout') {
      ctx.deps.log.warn({ module: u.module, timeoutMs }, 'release notes timed out');
      // `fill` keeps writing into `notes`; hand back a copy of what it has so far.
      return {
        ...structuredClone(notes),
        notices: [
          ...notes.notices,
          `Reading the release notes took longer than ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}; they are incomplete.`,
        ],
      };
    }
  } catch (err) {
    ctx.deps.log.warn({ module: u.module, err: (err as Error).message }, 'release notes failed');
    notes.notices.push(`The release notes could not be read (${oneLine((err as Error).message)}).`);
  } finally {
    clearTimeout(timer);
  }
  return notes;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').slice(0, 200);

async function fill(ctx: RunContext, notes: ModuleNotes, newMajor: boolean): Promise<void> {
  const { module, from, to } = notes;
  notes.source = await ctx.resolve(module, to);
  const source = notes.source;
  if (source.kind !== 'github') return;
  if (newMajor && !isPseudoVersion(to)) {
    const guide = await findUpgradeGuide(ctx.gh, source, tagFor(to, source.tagPrefix), major(to));
    if (guide) notes.guide = guide;
  }

  const { base, head, byCommit } = compareRefs(from, to, source.tagPrefix);
  notes.compareUrl = `${source.url}/compare/${base}...${head}`;
  const repo = { owner: source.owner, repo: source.repo };

  // Versions the proxy knows of.
  let listed: string[] = [];
  if (ctx.deps.proxy?.list) {
    try {
      listed = await ctx.deps.proxy.list(module);
    } catch (err) {
      ctx.deps.log.debug({ module, err: (err as Error).message }, 'no version list for release notes');
    }
  }

  // GitHub Releases.
  let releases: Map<string, Release> = new Map();
  const limited = new Set<Part>();
  try {
    releases = await releasesFor(ctx, source, from);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    limited.add('releases');
  }
  const tagged = [...releases.keys()]
    .map((t) => versionFromTag(t, source.tagPrefix))
    .filter((v): v is string => v !== null);

  let versions = releasesBetween(from, to, [...listed, ...tagged]);
  const hasBody = (v: string) => isUsefulBody(releases.get(tagFor(v, source.tagPrefix))?.body ?? '');

  // Changelog sections for versions without a release body (and for versions only it names).
  let changelog: { path: string; ref: string; sections: Map<string, ChangelogSection> } | null = null;
  if (versions.length === 0 || versions.some((v) => !hasBody(v))) {
    try {
      const ref = isPseudoVersion(to) ? head : tagFor(to, source.tagPrefix);
      const file = await changelogFor(ctx, source, ref);
      if (file) {
        const all = changelogSections(file.text.slice(0, 2 * MAX_BODY_CHARS), source.tagPrefix);
        versions = releasesBetween(from, to, [...listed, ...tagged, ...all.flatMap((s) => s.versions)]);
        changelog = { path: file.path, ref, sections: sectionsFor(all, versions) };
      }
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      limited.add('changelog');
    }
  }

  const items: NoteItem[] = [];
  for (const v of versions) {
    const tag = tagFor(v, source.tagPrefix);
    const rel = releases.get(tag);
    const section = changelog?.sections.get(v);
    let entry: VersionNotes;
    if (rel && isUsefulBody(rel.body)) {
      entry = { version: v, tag, url: rel.url, origin: 'release', body: rel.body.slice(0, MAX_BODY_CHARS) };
    } else if (section && section.body.trim()) {
      entry = {
        version: v,
        tag,
        url: `${source.url}/blob/${encodeRef(changelog!.ref)}/${changelog!.path}`,
        origin: 'changelog',
        body: section.body.slice(0, MAX_BODY_CHARS),
        file: changelog!.path,
      };
    } else {
      entry = {
        version: v,
        tag,
        url: rel?.url || `${source.url}/releases/tag/${encodeRef(tag)}`,
        origin: 'none',
        body: '',
      };
    }
    if (entry.body) {
      items.push(...extractItems(entry.body, v, repo));
      entry.body = sanitizeMarkdown(entry.body, repo);
    }
    notes.versions.push(entry);
  }

  // Nothing to read, or commits beyond the last tag: ask the compare API.
  const noNotes = !notes.versions.some((v) => v.body);
  if (noNotes || byCommit) {
    try {
      const cmp = await ctx.gh.compare(source.owner, source.repo, base, head);
      if (cmp) {
        notes.commits = cmp.totalCommits;
        if (noNotes && cmp.subjects.length) {
          // The compare API lists the oldest commits first; notes read newest first.
          const subjects = cmp.subjects
            .filter((s) => !/^Merge (pull request|branch|remote-tracking)/.test(s))
            .reverse();
          const body = subjects.map((s) => `- ${s}`).join('\n');
          items.push(...extractItems(body, to, repo));
          notes.versions.push({
            version: to,
            tag: head,
            url: notes.compareUrl,
            origin: 'commits',
            body: sanitizeMarkdown(
              `${cmp.subjects.length < cmp.totalCommits ? `The first ${cmp.subjects.length} of ${cmp.totalCommits} commits, newest first:\n\n` : ''}${body}`,
              repo,
            ),
          });
        }
      }
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      // Only worth saying when the commits were to stand in for missing notes.
      if (noNotes) limited.add('commits');
    }
  }

  if (limited.size) notes.notices.push(rateLimitNotice([...limited]));
  notes.items = mergeItems(items);
}

/**
 * Pages of the repository's releases, newest first, read until one names a version at or
 * below `from` under the module's prefix (the range is covered), a short page, or the cap.
 */
async function releasesFor(ctx: RunContext, source: GitHubSource, from: string): Promise<Map<string, Release>> {
  const out = new Map<string, Release>();
  const max = ctx.deps.maxReleasePages ?? 3;
  for (let page = 1; page <= max; page++) {
    const key = `${source.owner}/${source.repo}#${page}`;
    let p = ctx.pages.get(key);
    if (!p) {
      p = ctx.gh.releases(source.owner, source.repo, page);
      ctx.pages.set(key, p);
    }
    const list = await p;
    if (!list) break;
    let covered = false;
    for (const r of list) {
      if (r.draft) continue;
      if (!out.has(r.tag)) out.set(r.tag, r);
      const v = versionFromTag(r.tag, source.tagPrefix);
      if (v && compare(v, from) <= 0) covered = true;
    }
    if (covered || list.length < 100) break;
  }
  return out;
}

/** The changelog at `ref`: the module's directory first, then the repository root. */
async function changelogFor(
  ctx: RunContext,
  source: GitHubSource,
  ref: string,
): Promise<{ path: string; text: string } | null> {
  const dirs = source.subdir ? [source.subdir, ''] : [''];
  for (const dir of dirs) {
    const key = `${source.owner}/${source.repo}@${ref}:${dir}`;
    let p = ctx.changelogs.get(key);
    if (!p) {
      p = (async () => {
        const entries = await ctx.gh.dir(source.owner, source.repo, dir, ref);
        const name = preferChangelog((entries ?? []).filter((e) => e.type === 'file').map((e) => e.name));
        if (!name) return null;
        const path = dir ? `${dir}/${name}` : name;
        const text = await ctx.gh.file(source.owner, source.repo, path, ref);
        return text === null ? null : { path, text };
      })();
      ctx.changelogs.set(key, p);
    }
    const found = await p;
    if (found) return found;
  }
  return null;
}

/** A release body worth reading: not empty, and not just a pointer to the changelog. */
export function isUsefulBody(body: string): boolean {
  const t = body.replace(/<!--[\s\S]*?-->/g, '').trim();
  if (t === '') return false;
  if (t.length < 200 && /change ?log|changes\.md|release[_ -]notes/i.test(t) && !/^\s*[-*+]\s/m.test(t)) return false;
  return true;
}

/** Tags go in URLs path-escaped but with their slashes kept (`sub/dir/v1.2.3`). */
function encodeRef(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}
