/**
 * collectReleaseNotes against GitHub's REST API, mocked with nock and checked against GitHub's
 * OpenAPI description (test/support/github-openapi.ts): releases, the changelog fallback at the
 * target tag, the compare fallback, conditional requests with ETags, subdirectory tags, /vN,
 * +incompatible, pseudo-versions, sources off GitHub, and rate limits.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import type { Logger } from 'probot';
import type { VersionInfo } from '../../src/gomod/types.js';
import {
  collectReleaseNotes,
  createMemoryNotesCache,
  releaseHighlights,
  renderReleaseNotes,
  type ModuleNotes,
  type NotesLogger,
  type NotesProxy,
} from '../../src/release-notes/index.js';
import type { ProxyClient } from '../../src/gomod/proxy/index.js';
import { checkResponse, documentedExample, mockGitHub } from '../support/github-openapi.js';

function octokit() {
  return new ProbotOctokit({ auth: { token: 'ghs_notes' }, throttle: { enabled: false }, retry: { enabled: false } });
}

const log: NotesLogger & { warnings: string[] } = {
  warnings: [],
  debug() {},
  warn(obj: object, msg?: string) {
    this.warnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  },
};

// Probot's logger and the engine's proxy client fit what release notes ask for.
const _probotLoggerFits = (l: Logger): NotesLogger => l;
const _proxyClientFits = (c: ProxyClient): NotesProxy => c;
void _probotLoggerFits;
void _proxyClientFits;

let releaseTemplate: Record<string, unknown>;
let fileTemplate: Record<string, unknown>;
let dirEntryTemplate: Record<string, unknown>;
let compareTemplate: Record<string, unknown> & { commits: Record<string, unknown>[] };

beforeAll(() => {
  nock.disableNetConnect();
  releaseTemplate = (documentedExample('get', '/repos/o/r/releases', 200) as Record<string, unknown>[])[0]!;
  fileTemplate = documentedExample('get', '/repos/o/r/contents/x', 200, 'response-if-content-is-a-file') as Record<
    string,
    unknown
  >;
  dirEntryTemplate = (
    documentedExample('get', '/repos/o/r/contents/x', 200, 'response-if-content-is-a-directory') as Record<
      string,
      unknown
    >[]
  )[0]!;
  compareTemplate = documentedExample('get', '/repos/o/r/compare/a...b', 200) as typeof compareTemplate;
});

afterEach(() => {
  nock.cleanAll();
  log.warnings.length = 0;
});

function release(owner: string, repo: string, tag: string, body: string | null, extra: Record<string, unknown> = {}) {
  return {
    ...releaseTemplate,
    tag_name: tag,
    name: tag,
    body,
    html_url: `https://github.com/${owner}/${repo}/releases/tag/${tag}`,
    draft: false,
    prerelease: false,
    ...extra,
  };
}

function dir(names: string[], base = '') {
  return names.map((name) => ({ ...dirEntryTemplate, type: 'file', name, path: base ? `${base}/${name}` : name }));
}

function tree(names: string[]) {
  return {
    sha: 'a'.repeat(40),
    url: 'https://api.github.com/repos/o/r/git/trees/x',
    truncated: false,
    tree: names.map((path) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: 'b'.repeat(40),
      size: 10,
      url: 'https://api.github.com/x',
    })),
  };
}

function file(path: string, text: string) {
  return {
    ...fileTemplate,
    type: 'file',
    encoding: 'base64',
    name: path.split('/').pop(),
    path,
    content: Buffer.from(text).toString('base64'),
  };
}

function comparison(total: number, messages: string[]) {
  const c0 = compareTemplate.commits[0]!;
  return {
    ...compareTemplate,
    total_commits: total,
    ahead_by: total,
    commits: messages.map((message) => ({ ...c0, commit: { ...(c0['commit'] as Record<string, unknown>), message } })),
    files: [],
  };
}

function proxyOf(lists: Record<string, string[]>, origins: Record<string, VersionInfo['Origin']> = {}): NotesProxy {
  return {
    async info(path, version) {
      const o = origins[path];
      if (!o) throw new Error(`${path}@${version}: not found`);
      return { Version: version, Origin: o };
    },
    async list(path) {
      const l = lists[path];
      if (!l) throw new Error(`${path}: not found`);
      return l;
    },
  };
}

const GENERATED = `## What's Changed
### Breaking Changes
* Remove the deprecated \`Client.Timeout\` field by @alice in https://github.com/acme/widget/pull/101
### New Features
* feat: add \`WithRetry\` option by @bob in https://github.com/acme/widget/pull/102
### Bug fixes
* fix: close idle connections on shutdown by @carol in https://github.com/acme/widget/pull/103

## New Contributors
* @carol made their first contribution in https://github.com/acme/widget/pull/103

**Full Changelog**: https://github.com/acme/widget/compare/v1.3.0...v1.4.0`;

const CHANGELOG = `# Changelog

## [1.4.0] - 2024-03-01
See the GitHub release.

## [1.3.0] - 2024-02-01
### Security
- Reject oversized headers (GO-2024-2687, CVE-2023-45288).
### Fixed
- Close idle connections on shutdown (#103).

## [1.2.0] - 2024-01-01
### Added
- First release with retries.
`;

describe('collectReleaseNotes against the GitHub API', () => {
  it('reads GitHub Releases, fills a release without a body from CHANGELOG.md at the target tag, and merges duplicates', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/widget/releases', { per_page: '100', page: '1' }).reply(
      200,
      [
        release('acme', 'widget', 'v1.4.0', GENERATED),
        release('acme', 'widget', 'v1.3.0', ''),
        release('acme', 'widget', 'v1.2.0', 'First release with retries.'),
        release('acme', 'widget', 'v1.1.0', 'Old.'),
      ],
      { etag: 'W/"rel-1"' },
    );
    gh.get('/repos/acme/widget/git/trees/v1.4.0').reply(200, tree(['README.md', 'CHANGELOG.md', 'go.mod']), {
      etag: '"dir-1"',
    });
    gh.get('/repos/acme/widget/contents/CHANGELOG.md', { ref: 'v1.4.0' }).reply(200, file('CHANGELOG.md', CHANGELOG), {
      etag: '"file-1"',
    });

    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/widget', from: 'v1.2.0', to: 'v1.4.0' },
    ]);
    gh.done();

    expect(notes!.source).toMatchObject({ kind: 'github', owner: 'acme', repo: 'widget', tagPrefix: '' });
    expect(notes!.compareUrl).toBe('https://github.com/acme/widget/compare/v1.2.0...v1.4.0');
    expect(notes!.versions.map((v) => [v.version, v.origin])).toEqual([
      ['v1.4.0', 'release'],
      ['v1.3.0', 'changelog'],
    ]);
    expect(notes!.versions[1]!.url).toBe('https://github.com/acme/widget/blob/v1.4.0/CHANGELOG.md');
    const byClass = (c: string) => notes!.items.filter((i) => i.class === c).map((i) => i.text);
    expect(byClass('breaking')).toEqual([
      'Remove the deprecated `Client.Timeout` field ([#101](https://redirect.github.com/acme/widget/issues/101))',
    ]);
    expect(byClass('security')).toEqual(['Reject oversized headers (GO-2024-2687, CVE-2023-45288).']);
    expect(byClass('features')).toEqual([
      'Add `WithRetry` option ([#102](https://redirect.github.com/acme/widget/issues/102))',
    ]);
    // The same fix in the release (v1.4.0) and the changelog (v1.3.0): one bullet, both versions.
    expect(notes!.items.filter((i) => i.class === 'fixes')).toEqual([
      expect.objectContaining({ versions: ['v1.4.0', 'v1.3.0'] }),
    ]);
    expect(notes!.notices).toEqual([]);
    // Raw notes are sanitised: no live mention, the upstream's own references linked upstream.
    expect(notes!.versions[0]!.body).not.toMatch(/(^|\s)@alice/);
    expect(notes!.versions[0]!.body).toContain('https://redirect.github.com/acme/widget/pull/101');

    const md = renderReleaseNotes([notes!], 65_536);
    expect(md).toContain('#### `github.com/acme/widget` v1.2.0 → v1.4.0');
    expect(md).toContain('**⚠️ Breaking changes**');
    expect(md).toContain('<details>\n<summary>Release notes: v1.4.0, v1.3.0</summary>');
    expect(releaseHighlights([notes!]).map((h) => h.class)).toEqual(['breaking', 'security']);
  });

  it('sends the ETags it has and reuses the cached answers on 304', async () => {
    const cache = createMemoryNotesCache();
    const first = mockGitHub();
    first
      .get('/repos/acme/widget/releases', { per_page: '100', page: '1' })
      .reply(200, [release('acme', 'widget', 'v1.1.0', '- fix: a bug'), release('acme', 'widget', 'v1.0.0', 'x')], {
        etag: 'W/"releases-v1"',
      });
    const update = [{ module: 'github.com/acme/widget', from: 'v1.0.0', to: 'v1.1.0' }];
    const a = await collectReleaseNotes({ github: octokit(), log, cache }, update);
    first.done();
    expect(first.requests[0]!.headers['if-none-match']).toBeUndefined();

    const second = mockGitHub();
    second.get('/repos/acme/widget/releases', { per_page: '100', page: '1' }).reply(304);
    const b = await collectReleaseNotes({ github: octokit(), log, cache }, update);
    second.done();
    expect(second.requests[0]!.headers['if-none-match']).toBe('W/"releases-v1"');
    expect(b).toEqual(a);
    expect(b[0]!.items).toEqual([expect.objectContaining({ class: 'fixes', text: 'A bug' })]);
  });

  it('pages through releases until the range is covered', async () => {
    const gh = mockGitHub();
    const page1 = Array.from({ length: 100 }, (_, i) =>
      release('acme', 'busy', `v2.${200 - i}.0`, `- feat: thing ${200 - i}`),
    );
    const page2 = [
      release('acme', 'busy', 'v2.100.0', '- feat: thing 100'),
      release('acme', 'busy', 'v2.99.0', '- fix: covered'),
    ];
    gh.get('/repos/acme/busy/releases', { per_page: '100', page: '1' }).reply(200, page1);
    gh.get('/repos/acme/busy/releases', { per_page: '100', page: '2' }).reply(200, page2);
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/busy/v2', from: 'v2.99.0', to: 'v2.102.0' },
    ]);
    gh.done();
    expect(notes!.versions.map((v) => v.version)).toEqual(['v2.102.0', 'v2.101.0', 'v2.100.0']);
    expect(notes!.source).toMatchObject({ tagPrefix: '' });
  });

  it('reads a module in a subdirectory by its prefixed tags, its own CHANGES.md first', async () => {
    const gh = mockGitHub();
    // The repository's releases are for the root module only.
    gh.get('/repos/acme/mono/releases', { per_page: '100', page: '1' }).reply(200, [
      release('acme', 'mono', 'v5.0.0', '- root module notes'),
    ]);
    gh.get('/repos/acme/mono/contents/sdk', { ref: 'sdk/v2.1.0' }).reply(
      200,
      dir(['CHANGES.md', 'go.mod', 'sdk.go'], 'sdk'),
    );
    gh.get('/repos/acme/mono/contents/sdk%2FCHANGES.md', { ref: 'sdk/v2.1.0' }).reply(
      200,
      file(
        'sdk/CHANGES.md',
        '## sdk/v2.1.0\n- feat: batch exporter\n\n## sdk/v2.0.1\n- fix: flush on close\n\n## sdk/v2.0.0\n- first\n',
      ),
    );
    const proxy = proxyOf({ 'github.com/acme/mono/sdk/v2': ['v2.0.0', 'v2.0.1', 'v2.1.0'] });
    const [notes] = await collectReleaseNotes({ github: octokit(), log, proxy }, [
      { module: 'github.com/acme/mono/sdk/v2', from: 'v2.0.0', to: 'v2.1.0' },
    ]);
    gh.done();
    expect(notes!.source).toMatchObject({ subdir: 'sdk', tagPrefix: 'sdk/' });
    expect(notes!.compareUrl).toBe('https://github.com/acme/mono/compare/sdk/v2.0.0...sdk/v2.1.0');
    expect(notes!.versions.map((v) => [v.tag, v.origin, v.file])).toEqual([
      ['sdk/v2.1.0', 'changelog', 'sdk/CHANGES.md'],
      ['sdk/v2.0.1', 'changelog', 'sdk/CHANGES.md'],
    ]);
    expect(notes!.items.map((i) => `${i.class}: ${i.text}`)).toEqual([
      'features: Batch exporter',
      'fixes: Flush on close',
    ]);
    expect(notes!.items.some((i) => i.text.includes('root module'))).toBe(false);
  });

  it('falls back to the repository root changelog when the subdirectory has none', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/mono/releases', { per_page: '100', page: '1' }).reply(200, []);
    gh.get('/repos/acme/mono/contents/tools', { ref: 'tools/v0.3.0' }).reply(200, dir(['main.go'], 'tools'));
    gh.get('/repos/acme/mono/git/trees/tools%2Fv0.3.0').reply(200, tree(['CHANGELOG.md']));
    gh.get('/repos/acme/mono/contents/CHANGELOG.md', { ref: 'tools/v0.3.0' }).reply(
      200,
      file('CHANGELOG.md', '## tools/v0.3.0\n- Added a linter\n\n## v5.0.0\n- root\n'),
    );
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/mono/tools', from: 'v0.2.0', to: 'v0.3.0' },
    ]);
    gh.done();
    expect(notes!.versions).toEqual([
      expect.objectContaining({ tag: 'tools/v0.3.0', origin: 'changelog', file: 'CHANGELOG.md' }),
    ]);
    expect(notes!.items).toEqual([expect.objectContaining({ class: 'features', text: 'Added a linter' })]);
  });

  it('matches the plain tags of +incompatible versions', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/old/releases', { per_page: '100', page: '1' }).reply(200, [
      release('acme', 'old', 'v4.0.0', '## Breaking\n- `Parse` returns an error'),
      release('acme', 'old', 'v3.2.0', '- fix: tabs'),
      release('acme', 'old', 'v3.1.0', 'older'),
    ]);
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/old', from: 'v3.1.0+incompatible', to: 'v4.0.0+incompatible' },
    ]);
    gh.done();
    expect(notes!.versions.map((v) => [v.version, v.tag])).toEqual([
      ['v4.0.0+incompatible', 'v4.0.0'],
      ['v3.2.0+incompatible', 'v3.2.0'],
    ]);
    expect(notes!.compareUrl).toBe('https://github.com/acme/old/compare/v3.1.0...v4.0.0');
    expect(notes!.items.map((i) => i.class)).toEqual(['breaking', 'fixes']);
  });

  it('compares pseudo-versions by commit, and with no notes lists the commits', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/tip/releases', { per_page: '100', page: '1' }).reply(200, []);
    gh.get('/repos/acme/tip/git/trees/bbbbbbbbbbbb').reply(200, tree(['README.md', 'go.mod']));
    gh.get('/repos/acme/tip/compare/aaaaaaaaaaaa...bbbbbbbbbbbb', { per_page: '100' }).reply(
      200,
      comparison(4, [
        'feat: add Stream API',
        'Merge pull request #9 from acme/x',
        'fix!: Close now returns an error',
        'docs: examples',
      ]),
    );
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      {
        module: 'github.com/acme/tip',
        from: 'v0.0.0-20230101000000-aaaaaaaaaaaa',
        to: 'v0.0.0-20240101000000-bbbbbbbbbbbb',
      },
    ]);
    gh.done();
    expect(notes!.compareUrl).toBe('https://github.com/acme/tip/compare/aaaaaaaaaaaa...bbbbbbbbbbbb');
    expect(notes!.commits).toBe(4);
    expect(notes!.versions).toEqual([expect.objectContaining({ origin: 'commits', tag: 'bbbbbbbbbbbb' })]);
    expect(notes!.items.map((i) => `${i.class}: ${i.text}`)).toEqual([
      'other: docs: examples',
      'breaking: Close now returns an error',
      'features: Add Stream API',
    ]);
    expect(renderReleaseNotes([notes!], 65_536)).toContain(
      '[compare](https://github.com/acme/tip/compare/aaaaaaaaaaaa...bbbbbbbbbbbb) (4 commits)',
    );
  });

  it('counts the commits past the last tag for a pseudo-version target, alongside the releases', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/widget/releases', { per_page: '100', page: '1' }).reply(200, [
      release('acme', 'widget', 'v1.5.0', '- feat: five'),
      release('acme', 'widget', 'v1.4.0', 'x'),
    ]);
    gh.get('/repos/acme/widget/compare/v1.4.0...cccccccccccc', { per_page: '100' }).reply(
      200,
      comparison(7, ['chore: x']),
    );
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/widget', from: 'v1.4.0', to: 'v1.5.1-0.20240301000000-cccccccccccc' },
    ]);
    gh.done();
    expect(notes!.versions.map((v) => v.version)).toEqual(['v1.5.0']);
    expect(notes!.commits).toBe(7);
    expect(notes!.items).toEqual([expect.objectContaining({ class: 'features', text: 'Five' })]);
  });

  it('gives modules off GitHub or of unknown source a plain line and asks GitHub nothing for them', async () => {
    const gh = mockGitHub();
    const proxy = proxyOf({}, { 'example.org/lib': { VCS: 'git', URL: 'https://gitlab.com/example/lib' } });
    const notes = await collectReleaseNotes({ github: octokit(), log, proxy }, [
      { module: 'example.org/lib', from: 'v1.0.0', to: 'v1.1.0' },
      { module: 'corp.internal/secret', from: 'v0.1.0', to: 'v0.2.0' },
    ]);
    gh.done();
    expect(gh.requests).toEqual([]);
    expect(notes.map((n) => n.source.kind)).toEqual(['other', 'unknown']);
    const md = renderReleaseNotes(notes, 65_536);
    expect(md).toContain(
      '- `example.org/lib` v1.0.0 → v1.1.0: source is not on GitHub: [gitlab.com/example/lib](https://gitlab.com/example/lib)',
    );
    expect(md).toContain('- `corp.internal/secret` v0.1.0 → v0.2.0: source repository unknown');
  });

  it('finds a vanity path through the proxy’s Origin and reads its notes', async () => {
    const gh = mockGitHub();
    gh.get('/repos/vanity/kit/releases', { per_page: '100', page: '1' }).reply(200, [
      release('vanity', 'kit', 'log/v1.1.0', '- feat: levels'),
      release('vanity', 'kit', 'log/v1.0.0', ''),
    ]);
    const proxy = proxyOf(
      { 'kit.example/log': ['v1.0.0', 'v1.1.0'] },
      { 'kit.example/log': { VCS: 'git', URL: 'https://github.com/vanity/kit.git', Subdir: 'log' } },
    );
    const [notes] = await collectReleaseNotes({ github: octokit(), log, proxy }, [
      { module: 'kit.example/log', from: 'v1.0.0', to: 'v1.1.0' },
    ]);
    gh.done();
    expect(notes!.source).toMatchObject({ via: 'origin', tagPrefix: 'log/' });
    expect(notes!.items).toEqual([expect.objectContaining({ class: 'features', text: 'Levels' })]);
  });

  it('on a rate-limited API falls back to the compare link, says so, and stops asking', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/widget/releases', { per_page: '100', page: '1' }).reply(
      403,
      {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
      },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': '1700000000' },
    );
    const proxy = proxyOf({
      'github.com/acme/widget': ['v1.0.0', 'v1.1.0', 'v1.2.0'],
      'github.com/acme/other': ['v0.1.0', 'v0.2.0'],
    });
    const notes = await collectReleaseNotes({ github: octokit(), log, proxy, concurrency: 1 }, [
      { module: 'github.com/acme/widget', from: 'v1.0.0', to: 'v1.2.0' },
      { module: 'github.com/acme/other', from: 'v0.1.0', to: 'v0.2.0' },
    ]);
    gh.done();
    // One request: the second module was not sent to a limited API.
    expect(gh.requests).toHaveLength(1);
    for (const n of notes) {
      expect(n.notices).toEqual([
        "GitHub's API rate limit was reached, so GitHub Releases, the changelog and the commits could not be read; the compare link shows every change.",
      ]);
      expect(n.compareUrl).toMatch(/^https:\/\/github\.com\/acme\/\w+\/compare\/v/);
    }
    // The versions still come from the proxy, each linked to its release page.
    expect(notes[0]!.versions.map((v) => [v.version, v.origin, v.url])).toEqual([
      ['v1.2.0', 'none', 'https://github.com/acme/widget/releases/tag/v1.2.0'],
      ['v1.1.0', 'none', 'https://github.com/acme/widget/releases/tag/v1.1.0'],
    ]);
    const md = renderReleaseNotes(notes, 65_536);
    expect(md).toContain(
      "_GitHub's API rate limit was reached, so GitHub Releases, the changelog and the commits could not be read; the compare link shows every change._",
    );
  });

  it('on a secondary rate limit midway keeps what it read and says what is missing', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/widget/releases', { per_page: '100', page: '1' }).reply(200, [
      release('acme', 'widget', 'v1.2.0', ''),
      release('acme', 'widget', 'v1.1.0', '- fix: one'),
    ]);
    gh.get('/repos/acme/widget/git/trees/v1.2.0').reply(
      403,
      {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest',
      },
      { 'retry-after': '60' },
    );
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/widget', from: 'v1.1.0', to: 'v1.2.0' },
    ]);
    gh.done();
    expect(notes!.versions).toEqual([expect.objectContaining({ version: 'v1.2.0', origin: 'none' })]);
    expect(notes!.notices).toEqual([
      "GitHub's API rate limit was reached, so the changelog and the commits could not be read; the compare link shows every change.",
    ]);
  });

  it('on 429 answers from the cache what it can', async () => {
    const cache = createMemoryNotesCache();
    const update = [{ module: 'github.com/acme/widget', from: 'v1.0.0', to: 'v1.1.0' }];
    const first = mockGitHub();
    first
      .get('/repos/acme/widget/releases', { per_page: '100', page: '1' })
      .reply(200, [release('acme', 'widget', 'v1.1.0', '- feat: cached'), release('acme', 'widget', 'v1.0.0', 'x')], {
        etag: '"e1"',
      });
    await collectReleaseNotes({ github: octokit(), log, cache }, update);
    first.done();

    const second = mockGitHub();
    second
      .get('/repos/acme/widget/releases', { per_page: '100', page: '1' })
      .reply(429, { message: 'Too many requests' });
    const [notes] = await collectReleaseNotes({ github: octokit(), log, cache }, update);
    second.done();
    expect(notes!.items).toEqual([expect.objectContaining({ text: 'Cached' })]);
    expect(notes!.notices).toEqual([]);
  });

  it('treats a missing repository as having no notes', async () => {
    const gh = mockGitHub();
    gh.get('/repos/acme/gone/releases', { per_page: '100', page: '1' }).reply(404, {
      message: 'Not Found',
      documentation_url: 'x',
    });
    gh.get('/repos/acme/gone/git/trees/v1.0.1').reply(404, { message: 'Not Found', documentation_url: 'x' });
    gh.get('/repos/acme/gone/compare/v1.0.0...v1.0.1', { per_page: '100' }).reply(404, {
      message: 'Not Found',
      documentation_url: 'x',
    });
    const [notes] = await collectReleaseNotes({ github: octokit(), log }, [
      { module: 'github.com/acme/gone', from: 'v1.0.0', to: 'v1.0.1' },
    ]);
    gh.done();
    expect(notes!.versions).toEqual([expect.objectContaining({ version: 'v1.0.1', origin: 'none' })]);
    expect(notes!.items).toEqual([]);
    expect(renderReleaseNotes([notes!], 65_536)).toContain('no release notes found');
  });
});

describe('the OpenAPI harness for release notes', () => {
  it('accepts the answers GitHub documents for every endpoint: 304 to a conditional GET, 403/429 rate limits', () => {
    expect(checkResponse('get', '/repos/o/r/releases', 304, undefined)).toEqual([]);
    expect(checkResponse('get', '/repos/o/r/releases', 304, { message: 'x' })).toEqual([
      'GET /repos/{owner}/{repo}/releases → 304: a 304 has no body',
    ]);
    expect(checkResponse('post', '/repos/o/r/releases', 304, undefined)).toEqual([
      'POST /repos/{owner}/{repo}/releases → 304: 304 answers conditional GET requests only',
    ]);
    expect(checkResponse('get', '/repos/o/r/compare/a...b', 429, { message: 'Too many requests' })).toEqual([]);
    expect(checkResponse('get', '/repos/o/r/releases', 403, { message: 42 })).toEqual([
      'GET /repos/{owner}/{repo}/releases → 403: body.message: expected string, found integer 42',
    ]);
    expect(checkResponse('get', '/repos/o/r/releases', 409, { message: 'x' })[0]).toMatch(/status not documented/);
    // Server errors and 401/404 can answer anything; their bodies still have to be errors.
    expect(checkResponse('get', '/repos/o/r/releases', 502, '')).toEqual([]);
    expect(checkResponse('get', '/repos/o/r/actions/runs/1', 404, { message: 42 })).toEqual([
      'GET /repos/{owner}/{repo}/actions/runs/{run_id} → 404: body.message: expected string, found integer 42',
    ]);
  });
});

export type { ModuleNotes };
