/**
 * The whole pull request body for examples/commerce-platform, as publish writes it: the plan
 * recorded from `gomod-steward plan --json` on the example (test/fixtures/commerce-plan.json),
 * release notes from sample upstream releases served through nock (checked against GitHub's
 * OpenAPI description), every other upstream answering 404. The snapshot is what a reviewer
 * reads; read it when it changes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { renderImpactSection } from '../../src/impact/render-section.js';
import { selectServices } from '../../src/impact/services.js';
import { releaseNotesPart } from '../../src/pipeline/release-notes-part.js';
import { MAX_BODY, renderBody } from '../../src/pull-request/body.js';
import { META_VERSION, type PullMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { updateStep } from '../../src/gomod/update-kind.js';
import { planSchema, type Plan } from '../../src/planner/plan-schema.js';
import { documentedExample, mockGitHub, type GitHubMock } from '../support/github-openapi.js';
import { silentLogger } from '../support/queue-fakes.js';

const plan = JSON.parse(readFileSync(new URL('../fixtures/commerce-plan.json', import.meta.url), 'utf8')) as Plan;

function release(owner: string, repo: string, tag: string, body: string, id: number): Record<string, unknown> {
  const base = (documentedExample('get', `/repos/${owner}/${repo}/releases`, 200) as Record<string, unknown>[])[0]!;
  return {
    ...base,
    id,
    tag_name: tag,
    name: tag,
    body,
    draft: false,
    prerelease: false,
    html_url: `https://github.com/${owner}/${repo}/releases/tag/${tag}`,
    published_at: '2026-10-01T00:00:00Z',
  };
}

const SAMPLES: Record<string, Record<string, unknown>[]> = {
  'redis/go-redis': [
    release(
      'redis',
      'go-redis',
      'v9.18.0',
      "## What's Changed\n### 🚀 New Features\n* feat(client): add `MaxConcurrentDials` option by @alice in https://github.com/redis/go-redis/pull/3500\n### 🐛 Bug Fixes\n* fix(pool): close stale connections on reconnect by @bob in https://github.com/redis/go-redis/pull/3511\n\n**Full Changelog**: https://github.com/redis/go-redis/compare/v9.17.0...v9.18.0",
      1,
    ),
    release(
      'redis',
      'go-redis',
      'v9.17.0',
      '## Breaking changes\n* `Options.ReadBufferSize` default is now 32 KiB (#3401)\n## Security\n* Do not log AUTH passwords at debug level (GHSA-92cp-5422-2mw7) by @carol in #3410\n## Features\n* Add `HGETDEL` command (#3399)',
      2,
    ),
    release('redis', 'go-redis', 'v9.7.0', 'older than the current version: must not appear', 3),
  ],
  'go-sql-driver/mysql': [
    release(
      'go-sql-driver',
      'mysql',
      'v1.9.3',
      '## Changes\n- Fix `interpolateParams` with `Time` values before 1970 (#1690)\n- Drop support for Go 1.21 (#1680)',
      4,
    ),
  ],
};

let gh: GitHubMock;
let body: string;

beforeAll(async () => {
  nock.disableNetConnect();
  gh = mockGitHub();
  gh.fallback((req) => {
    const m = req.path.match(/^\/repos\/([^/]+\/[^/]+)\/releases$/);
    if (m && SAMPLES[m[1]!]) return { status: 200, body: SAMPLES[m[1]!] };
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  });
  const github: GitHubClient = new ProbotOctokit({
    auth: { token: 'ghs_body' },
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  const services = selectServices(plan.affected, null, (d) => d.startsWith('services/'));
  const meta: PullMeta = {
    v: META_VERSION,
    base: 'main',
    group: 'all',
    baseSha: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
    headSha: '9a8b7c6d5e4f30219a8b7c6d5e4f30219a8b7c6d',
    updates: plan.updates,
    affected: plan.affected,
    services,
  };
  const bodyWith = (notes: { section: string; highlights: string }) =>
    renderBody({
      meta,
      carried: plan.carried,
      failed: [],
      skipped: plan.skipped,
      highlights: notes.highlights,
      impact: renderImpactSection(meta),
      releaseNotes: notes.section,
      commands: '### Commands\n\nComment `@gomod-steward help`.',
    });
  const notes = await releaseNotesPart()(meta, {
    github,
    log: silentLogger,
    budget: MAX_BODY - bodyWith({ section: '', highlights: '' }).length - 3000,
  });
  body = bodyWith(notes);
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('the PR body for the example monorepo', () => {
  it('is what a reviewer reads (snapshot)', () => {
    expect(body).toMatchSnapshot();
  });

  it('lifts breaking and security items into the summary and keeps upstream mentions inert', () => {
    const summary = readSection(body, 'summary')!;
    expect(summary).toContain('GHSA-92cp-5422-2mw7');
    expect(summary).toContain('ReadBufferSize');
    expect(body).not.toMatch(/(^|[^\w`])@(alice|bob|carol)\b/);
    expect(body).not.toContain('must not appear');
  });

  it("gives every upgraded module a line in the release notes, and fits GitHub's limit", () => {
    const notes = readSection(body, 'release-notes')!;
    for (const u of plan.updates) expect(notes).toContain(u.module);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(gh.violations).toEqual([]);
  });

  it('reads a recorded plan that still fits the plan schema and the current kind rules', () => {
    expect(planSchema.parse(plan)).toEqual(plan);
    for (const u of plan.updates) {
      const { kind, mayBreak } = u;
      expect({ kind, mayBreak }).toEqual(
        updateStep(
          u.dirs.map((d) => d.from),
          u.to,
        ),
      );
    }
  });

  it('marks the v0 minors "v0: may break" in the Direct upgrades table, and only those', () => {
    const marked = readSection(body, 'direct')!
      .split('\n')
      .filter((l) => l.includes('v0: may break'));
    expect(marked).toEqual([
      expect.stringMatching(/^\| `golang\.org\/x\/sync` \| `v0\.7\.0` → `v0\.11\.0` \| minor \(v0: may break\) \|/),
      expect.stringMatching(/^\| `golang\.org\/x\/text` \| `v0\.14\.0` → `v0\.22\.0` \| minor \(v0: may break\) \|/),
    ]);
  });
});
