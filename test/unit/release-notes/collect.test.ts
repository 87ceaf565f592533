/**
 * collectReleaseNotes with a stand-in Octokit: isolation of one module's failure, timeouts and
 * bounded concurrency. (The wire format is covered by test/integration/release-notes-github.)
 */
import { describe, expect, it } from '@jest/globals';
import { collectReleaseNotes, isUsefulBody, rateLimitOf, type NotesOctokit } from '../../../src/release-notes/index.js';

const log = { debug() {}, warn() {} };

interface Call {
  route: string;
  params: Record<string, unknown>;
}

/** Answers `GET …/releases` from `releases` (by repo), 404 for everything else. */
function fakeOctokit(handler: (call: Call) => Promise<unknown>): NotesOctokit & { calls: Call[] } {
  const calls: Call[] = [];
  const request = async (route: string, params: Record<string, unknown>) => {
    const call = { route, params };
    calls.push(call);
    return { data: await handler(call), headers: {} };
  };
  return { calls, request: request as unknown as NotesOctokit['request'] };
}

const notFound = () => Promise.reject(Object.assign(new Error('Not Found'), { status: 404 }));
const rel = (tag: string, body: string) => ({
  tag_name: tag,
  name: tag,
  body,
  html_url: `https://github.com/x/y/releases/tag/${tag}`,
  draft: false,
  prerelease: false,
});

describe('collectReleaseNotes', () => {
  it('keeps going when one module fails, and says what failed in that module only', async () => {
    const github = fakeOctokit(async ({ route, params }) => {
      if (route.endsWith('/releases')) {
        if (params['repo'] === 'broken')
          throw Object.assign(new Error('Server Error: something exploded'), { status: 502 });
        return [rel('v1.1.0', '- feat: works'), rel('v1.0.0', '')];
      }
      return notFound();
    });
    const notes = await collectReleaseNotes({ github, log }, [
      { module: 'github.com/acme/broken', from: 'v1.0.0', to: 'v1.1.0' },
      { module: 'github.com/acme/fine', from: 'v1.0.0', to: 'v1.1.0' },
    ]);
    expect(notes[0]!.notices).toEqual(['The release notes could not be read (Server Error: something exploded).']);
    expect(notes[0]!.compareUrl).toBe('https://github.com/acme/broken/compare/v1.0.0...v1.1.0');
    expect(notes[1]!.notices).toEqual([]);
    expect(notes[1]!.items).toEqual([expect.objectContaining({ class: 'features', text: 'Works' })]);
  });

  it('gives up on a module that takes too long, keeping its compare link', async () => {
    const github = fakeOctokit(({ params }) =>
      params['repo'] === 'slow' ? new Promise(() => undefined) : Promise.resolve([rel('v2.0.0', '- fix: quick')]),
    );
    const started = Date.now();
    const notes = await collectReleaseNotes({ github, log, moduleTimeoutMs: 100 }, [
      { module: 'github.com/acme/slow', from: 'v1.0.0', to: 'v1.1.0' },
      { module: 'github.com/acme/quick', from: 'v1.0.0', to: 'v2.0.0' },
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(notes[0]!.notices).toEqual(['Reading the release notes took longer than 100 ms; they are incomplete.']);
    expect(notes[0]!.compareUrl).toBeDefined();
    expect(notes[1]!.items).toEqual([expect.objectContaining({ text: 'Quick' })]);
  });

  it('works on a bounded number of modules at once, and keeps the input order', async () => {
    let active = 0;
    let peak = 0;
    const github = fakeOctokit(async ({ route }) => {
      if (!route.endsWith('/releases')) return notFound();
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return [];
    });
    const updates = Array.from({ length: 12 }, (_, i) => ({
      module: `github.com/acme/m${i}`,
      from: 'v1.0.0',
      to: 'v1.0.1',
    }));
    const notes = await collectReleaseNotes({ github, log, concurrency: 3 }, updates);
    expect(peak).toBeLessThanOrEqual(3);
    expect(notes.map((n) => n.module)).toEqual(updates.map((u) => u.module));
  });

  it('reads each repository’s releases once for all its modules', async () => {
    const github = fakeOctokit(async ({ route }) =>
      route.endsWith('/releases') ? [rel('a/v1.1.0', '- feat: a'), rel('b/v1.1.0', '- feat: b')] : notFound(),
    );
    const notes = await collectReleaseNotes({ github, log }, [
      { module: 'github.com/acme/mono/a', from: 'v1.0.0', to: 'v1.1.0' },
      { module: 'github.com/acme/mono/b', from: 'v1.0.0', to: 'v1.1.0' },
    ]);
    expect(github.calls.filter((c) => c.route.endsWith('/releases'))).toHaveLength(1);
    expect(notes.map((n) => n.items.map((i) => i.text))).toEqual([['A'], ['B']]);
  });
});

describe('helpers', () => {
  it('treats a body that only points at the changelog as no notes', () => {
    expect(isUsefulBody('')).toBe(false);
    expect(isUsefulBody('<!-- generated -->\n')).toBe(false);
    expect(isUsefulBody('See [CHANGELOG.md](https://github.com/o/r/blob/main/CHANGELOG.md) for details.')).toBe(false);
    expect(isUsefulBody('- fix: x\n\nSee CHANGELOG.md')).toBe(true);
    expect(isUsefulBody('Bug fixes only.')).toBe(true);
  });

  it('recognises primary and secondary rate limits', () => {
    const err = (status: number, headers: Record<string, string>, message = 'x') => ({
      status,
      message,
      response: { headers, data: { message } },
    });
    expect(rateLimitOf(err(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' }))).toMatchObject({
      kind: 'primary',
      resetAt: 1700000000,
    });
    expect(rateLimitOf(err(403, {}, 'You have exceeded a secondary rate limit'))).toMatchObject({ kind: 'secondary' });
    expect(rateLimitOf(err(429, {}))).toMatchObject({ kind: 'secondary' });
    expect(rateLimitOf(err(403, { 'retry-after': '30' }))).toMatchObject({ kind: 'secondary' });
    expect(rateLimitOf(err(403, {}, 'Resource not accessible by integration'))).toBeNull();
    expect(rateLimitOf(err(404, { 'x-ratelimit-remaining': '0' }))).toBeNull();
  });
});
