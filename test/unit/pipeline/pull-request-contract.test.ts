/** The PR contract: metadata round trip, sections rewritten in place, body size, groups, declined versions. */
import { describe, expect, it } from '@jest/globals';
import { groupUpdatesIntoPulls, majorGroupName } from '../../../src/pipeline/groups.js';
import { withoutDeclined } from '../../../src/pull-request/declined.js';
import { MAX_BODY, renderBody } from '../../../src/pull-request/body.js';
import { branchName, pullTitle } from '../../../src/pull-request/branch.js';
import { readMeta, renderMeta, writeMeta, type PullMeta } from '../../../src/pull-request/meta.js';
import { readSection, replaceSection, wrapSection } from '../../../src/pull-request/sections.js';
import type { PlanUpdate } from '../../../src/planner/plan-schema.js';

const meta: PullMeta = {
  v: 1,
  base: 'main',
  group: 'all',
  baseSha: 'a'.repeat(40),
  headSha: 'b'.repeat(40),
  updates: [{ module: 'github.com/x/y', to: 'v1.2.0', kind: 'minor', dirs: [{ dir: 'svc/a', from: 'v1.1.0' }] }],
  affected: ['svc/a'],
  services: ['svc/a'],
};

const upd = (module: string, kind: PlanUpdate['kind'] = 'minor', to = 'v1.1.0'): PlanUpdate => ({
  module,
  to,
  kind,
  dirs: [{ dir: '.', from: 'v1.0.0' }],
});

describe('hidden metadata', () => {
  it('round-trips through a body and is found after edits around it', () => {
    const body = `hello\n\n${renderMeta(meta)}\n\nfooter`;
    expect(readMeta(body)).toEqual(meta);
    expect(readMeta(writeMeta(body, { ...meta, headSha: 'c'.repeat(40) }))?.headSha).toBe('c'.repeat(40));
    expect(writeMeta('no meta yet', meta)).toContain('<!-- gomod-steward:meta ');
  });

  it('cannot be closed early by a module path or version holding "-->"', () => {
    const nasty = { ...meta, updates: [{ ...meta.updates[0]!, module: 'example.com/a-->b' }] };
    const body = renderMeta(nasty);
    expect(body.indexOf('-->')).toBe(body.length - 3);
    expect(readMeta(body)?.updates[0]?.module).toBe('example.com/a-->b');
  });

  it('rejects blocks that do not fit the shape (a hand-edited body)', () => {
    expect(readMeta('<!-- gomod-steward:meta {"v":1} -->')).toBeUndefined();
    expect(readMeta('<!-- gomod-steward:meta not json -->')).toBeUndefined();
    expect(readMeta(null)).toBeUndefined();
  });
});

describe('sections', () => {
  it('rewrites one section in place and leaves the others byte for byte', () => {
    const body = [wrapSection('summary', 'S'), wrapSection('impact', 'old'), wrapSection('commands', 'C')].join('\n\n');
    const next = replaceSection(body, 'impact', 'new');
    expect(readSection(next, 'impact')).toBe('new');
    expect(next.replace('new', 'old')).toBe(body);
  });

  it('inserts a missing section before the next one in order', () => {
    const body = [wrapSection('summary', 'S'), wrapSection('commands', 'C')].join('\n\n');
    const next = replaceSection(body, 'release-notes', 'R');
    expect(next.indexOf('R')).toBeLessThan(next.indexOf('section commands'));
    expect(next.indexOf('R')).toBeGreaterThan(next.indexOf('section summary'));
  });
});

describe('body', () => {
  const base = { meta, failed: [], skipped: [], impact: 'I', releaseNotes: 'R', commands: 'C' };

  it("stays under GitHub's limit by shortening the carried list first", () => {
    const carried = Array.from({ length: 3000 }, (_, i) => ({
      dir: `mod${i % 40}`,
      module: `example.com/dependency/number${i}`,
      from: 'v1.0.0',
      to: 'v1.0.1',
    }));
    const body = renderBody({ ...base, carried });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(readSection(body, 'carried')).toContain('3000 changes');
    expect(readMeta(body)).toEqual(meta);
  });

  it('says what Go refused and what the go-directive guard held back', () => {
    const body = renderBody({
      ...base,
      carried: [],
      failed: [{ dir: 'svc/b', kind: 'go-module-not-found', error: 'module x: not found\nmore' }],
      skipped: [{ module: 'github.com/z/z', dir: 'svc/a', reason: 'needs-newer-go', detail: 'v2.0.0 needs go 1.25' }],
    });
    const summary = readSection(body, 'summary')!;
    expect(summary).toContain('`svc/b`: module x: not found');
    expect(summary).toContain('`github.com/z/z` in `svc/a`: v2.0.0 needs go 1.25');
  });

  it('marks a v0 minor "v0: may break" in the Direct upgrades table and keeps mayBreak in the metadata', () => {
    const v0: PullMeta = {
      ...meta,
      updates: [
        {
          module: 'github.com/meilisearch/meilisearch-go',
          to: 'v0.37.0',
          kind: 'minor',
          mayBreak: true,
          dirs: [{ dir: 'svc/a', from: 'v0.30.0' }],
        },
        { module: 'example.org/p', to: 'v0.3.2', kind: 'patch', dirs: [{ dir: 'svc/a', from: 'v0.3.1' }] },
        ...meta.updates,
      ],
    };
    const body = renderBody({ ...base, meta: v0, carried: [] });
    expect(readSection(body, 'direct')!.split('\n').slice(2)).toEqual([
      '| Module | From → To | Kind | Modules |',
      '| --- | --- | --- | --- |',
      '| `github.com/meilisearch/meilisearch-go` | `v0.30.0` → `v0.37.0` | minor (v0: may break) | `svc/a` |',
      '| `example.org/p` | `v0.3.1` → `v0.3.2` | patch | `svc/a` |',
      '| `github.com/x/y` | `v1.1.0` → `v1.2.0` | minor | `svc/a` |',
    ]);
    expect(readMeta(body)).toEqual(v0);
  });
});

describe('groups and names', () => {
  it('puts config groups first-match, majors alone, and the rest in the default group', () => {
    const groups = groupUpdatesIntoPulls(
      [
        upd('go.opentelemetry.io/otel'),
        upd('github.com/a/b'),
        upd('github.com/c/d', 'major', 'v3.0.0+incompatible'),
        upd('go.opentelemetry.io/otel/trace'),
      ],
      [{ name: 'observability', patterns: ['go.opentelemetry.io/*'] }],
    );
    expect(groups.map((g) => [g.name, g.updates.map((u) => u.module)])).toEqual([
      ['observability', ['go.opentelemetry.io/otel', 'go.opentelemetry.io/otel/trace']],
      ['all', ['github.com/a/b']],
      [majorGroupName('github.com/c/d'), ['github.com/c/d']],
    ]);
    expect(majorGroupName('github.com/C/d')).toBe('major-github.com-c-d');
  });

  it('names branches and titles deterministically', () => {
    expect(branchName('main')).toBe('gomod-steward/main/all');
    expect(branchName('release/1.x', 'observability')).toBe('gomod-steward/release/1.x/observability');
    expect(pullTitle()).toBe('chore(deps): upgrade Go dependencies');
    expect(pullTitle('observability')).toBe('chore(deps): upgrade Go dependencies (observability group)');
  });

  it('drops exactly the versions declined on closed PRs; newer ones are proposed', () => {
    const { kept, dropped } = withoutDeclined(
      [upd('github.com/a/b', 'minor', 'v1.2.0'), upd('github.com/c/d', 'minor', 'v1.5.0')],
      new Set(['github.com/a/b@v1.2.0', 'github.com/c/d@v1.4.0']),
    );
    expect(dropped.map((u) => u.module)).toEqual(['github.com/a/b']);
    expect(kept.map((u) => u.module)).toEqual(['github.com/c/d']);
  });
});
