/** The upstream upgrade guide of a major move: which file counts, and where it is looked for. */
import { describe, expect, it } from '@jest/globals';
import { collectReleaseNotes, renderReleaseNotes, type NotesOctokit } from '../../../src/release-notes/index.js';
import { pickGuide } from '../../../src/release-notes/upgrade-guide.js';

const log = { debug() {}, warn() {} };

describe('pickGuide', () => {
  it('knows the usual names, prefers one naming the new major, then the shortest path', () => {
    expect(pickGuide(['README.md', 'MIGRATION.md', 'go.mod'], 'v3')).toBe('MIGRATION.md');
    expect(pickGuide(['UPGRADING.md'], 'v2')).toBe('UPGRADING.md');
    expect(pickGuide(['docs/migrate-v1-to-v2.md', 'docs/migrate-v2-to-v3.md'], 'v3')).toBe('docs/migrate-v2-to-v3.md');
    expect(pickGuide(['doc/upgrade_guide.rst', 'MIGRATING.md'], 'v5')).toBe('MIGRATING.md');
    expect(pickGuide(['docs/v3-migration.md'], 'v3')).toBeUndefined();
    expect(pickGuide(['CHANGELOG.md', 'docs/migrations.go', 'migrations/0001.sql'], 'v3')).toBeUndefined();
    expect(pickGuide(['docs/migrate-v2-to-v30.md', 'docs/migrate-v2-to-v3.md'], 'v3')).toBe('docs/migrate-v2-to-v3.md');
  });
});

describe('collectReleaseNotes for a move to a new major path', () => {
  it("links the guide at the new version's tag, in the notes and their one-line form", async () => {
    const calls: string[] = [];
    const request = async (route: string, params: Record<string, unknown>) => {
      calls.push(`${route} ${String(params['path'] ?? '')}@${String(params['ref'] ?? '')}`);
      if (route.includes('/contents/') && params['path'] === 'docs' && params['ref'] === 'v3.1.0')
        return {
          data: [
            { name: 'index.md', path: 'docs/index.md', type: 'file' },
            { name: 'migrate-v2-to-v3.md', path: 'docs/migrate-v2-to-v3.md', type: 'file' },
          ],
          headers: {},
        };
      if (route.endsWith('/releases')) return { data: [], headers: {} };
      throw Object.assign(new Error('Not Found'), { status: 404 });
    };
    const github = { request: request as unknown as NotesOctokit['request'] };
    const [notes] = await collectReleaseNotes({ github, log }, [
      { module: 'github.com/acme/cli/v3', from: 'v2.27.0', to: 'v3.1.0', newMajor: true },
    ]);
    expect(notes!.guide).toEqual({
      path: 'docs/migrate-v2-to-v3.md',
      url: 'https://github.com/acme/cli/blob/v3.1.0/docs/migrate-v2-to-v3.md',
    });
    expect(renderReleaseNotes([notes!], 20_000)).toContain(
      '**Upgrade guide:** [`docs/migrate-v2-to-v3.md`](https://github.com/acme/cli/blob/v3.1.0/docs/migrate-v2-to-v3.md)',
    );
    // A same-path update does not look.
    calls.length = 0;
    const [plain] = await collectReleaseNotes({ github, log }, [
      { module: 'github.com/acme/cli/v3', from: 'v3.0.0', to: 'v3.1.0' },
    ]);
    expect(plain!.guide).toBeUndefined();
    expect(calls.filter((c) => c.includes(' docs@'))).toEqual([]);
  });
});
