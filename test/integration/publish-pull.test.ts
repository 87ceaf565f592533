/**
 * publishPull's refusals and options against the git-backed stand-in repository behind nock
 * (every request and reply checked against GitHub's OpenAPI description): the
 * open-pull-requests limit, a bot branch someone else pushed to (left alone), `recreate`
 * (force) discarding those commits, and the configured reviewers split into users and teams.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProbotOctokit } from 'probot';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { publishPull, type PublishInput } from '../../src/pull-request/publish-pull.js';
import { FakeRepo } from '../stand-in/fake-repo.js';
import { mockGitHub, type GitHubMock } from '../support/github-openapi.js';
import { writeTree } from './apply-fixtures.js';
import { SMALL_GO_MOD, smallPublishInput } from './publish-fixtures.js';

let nextId = 9300;

let gh: GitHubMock;
let fake: FakeRepo;
let github: GitHubClient;
let baseSha: string;

beforeEach(async () => {
  nock.disableNetConnect();
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-publish-'));
  try {
    await writeTree(dir, { 'go.mod': SMALL_GO_MOD });
    fake = await FakeRepo.fromDir(dir, { owner: 'acme', name: 'small', id: nextId++, installationId: 79 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  baseSha = (await fake.branchHead('main'))!;
  gh = mockGitHub();
  gh.fallback(fake.handler);
  github = new ProbotOctokit({
    auth: { token: 'ghs_publish' },
    throttle: { enabled: false },
    retry: { enabled: false },
  });
});

afterEach(async () => {
  const violations = [...gh.violations];
  nock.cleanAll();
  await fake.remove();
  expect(violations).toEqual([]);
});

afterAll(() => {
  nock.enableNetConnect();
});

/** publishPull's input for `group`, bumping x/text to `to` in go.mod. */
function input(group: string, to: string, over: Partial<PublishInput> = {}): Promise<PublishInput> {
  return smallPublishInput(fake, github, group, to, { baseSha, ...over });
}

const posts = (suffix: string) =>
  gh.requests.filter((r) => r.method === 'POST' && r.path === `/repos/acme/small${suffix}`);

/** A commit of someone else's on top of `branch`, as a push would leave it. */
async function pushByOthers(branch: string): Promise<string> {
  const head = (await fake.branchHead(branch))!;
  const { sha: tree } = await fake.store.listTree(head, false);
  const sha = await fake.store.writeCommit(tree, [head], 'a fix of my own\n');
  await fake.store.setRef(`refs/heads/${branch}`, sha);
  return sha;
}

describe('open-pull-requests-limit', () => {
  it('opens no new PR, and creates no branch or commit, once the limit is reached', async () => {
    const first = await publishPull(
      await input('a', 'v0.15.0', { config: { labels: [], reviewers: [], openPullRequestsLimit: 1 } }),
    );
    expect(first).toMatchObject({ kind: 'published', created: true });
    const commitsBefore = posts('/git/commits').length;

    const second = await publishPull(
      await input('b', 'v0.15.0', { config: { labels: [], reviewers: [], openPullRequestsLimit: 1 } }),
    );
    expect(second).toEqual({ kind: 'limit-reached', open: 1 });
    expect(fake.openPulls().map((p) => p.head)).toEqual(['gomod-steward/main/a']);
    expect(await fake.branchHead('gomod-steward/main/b')).toBeUndefined();
    expect(posts('/git/commits')).toHaveLength(commitsBefore);
  });

  it('still brings its own open PR up to date at the limit', async () => {
    const config = { labels: [], reviewers: [], openPullRequestsLimit: 1 };
    const first = await publishPull(await input('a', 'v0.15.0', { config }));
    const again = await publishPull(await input('a', 'v0.16.0', { config }));
    expect(again).toMatchObject({ kind: 'published', created: false, committed: true });
    expect(again.kind === 'published' && first.kind === 'published' && again.pr === first.pr).toBe(true);
    expect(fake.openPulls()).toHaveLength(1);
  });

  it('with a limit of 0 opens none at all', async () => {
    const r = await publishPull(
      await input('a', 'v0.15.0', { config: { labels: [], reviewers: [], openPullRequestsLimit: 0 } }),
    );
    expect(r).toEqual({ kind: 'limit-reached', open: 0 });
    expect(fake.pulls).toHaveLength(0);
  });
});

describe('a bot branch someone else pushed to', () => {
  it('is left alone: edited-by-others, no commit, no ref moved, the PR text untouched', async () => {
    const first = await publishPull(await input('all', 'v0.15.0'));
    if (first.kind !== 'published') throw new Error(`not published: ${first.kind}`);
    const theirs = await pushByOthers('gomod-steward/main/all');
    const body = fake.pulls[0]!.body;
    const requestsBefore = gh.requests.length;

    const again = await publishPull(await input('all', 'v0.16.0'));
    expect(again).toEqual({ kind: 'edited-by-others', pr: first.pr });
    expect(await fake.branchHead('gomod-steward/main/all')).toBe(theirs);
    expect(fake.pulls[0]!.body).toBe(body);
    // Only looks: finding the PR and reading the branch head.
    expect(gh.requests.slice(requestsBefore).map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('is rebuilt from the base by recreate (force): their commit is discarded, the same PR updated', async () => {
    const first = await publishPull(await input('all', 'v0.15.0'));
    if (first.kind !== 'published') throw new Error(`not published: ${first.kind}`);
    const theirs = await pushByOthers('gomod-steward/main/all');

    const again = await publishPull(await input('all', 'v0.16.0', { force: true }));
    expect(again).toMatchObject({ kind: 'published', pr: first.pr, created: false, committed: true });
    const log = await fake.store.log('gomod-steward/main/all');
    expect(log).not.toContain(theirs);
    expect(log.slice(0, 2)).toEqual([again.kind === 'published' ? again.commit : '', baseSha]);
    expect(fake.pulls).toHaveLength(1);
    // The PR's metadata now names the new head, so the next run is not "edited by others".
    const next = await publishPull(await input('all', 'v0.16.0'));
    expect(next).toMatchObject({ kind: 'published', committed: false });
  });
});

describe('configured reviewers', () => {
  it('are requested on a new PR, users and org/team split; not again when the PR is updated', async () => {
    const config = { labels: [], reviewers: ['octocat', 'acme/platform-team'], openPullRequestsLimit: 5 };
    const r = await publishPull(await input('all', 'v0.15.0', { config }));
    if (r.kind !== 'published') throw new Error(`not published: ${r.kind}`);
    expect(posts(`/pulls/${r.pr}/requested_reviewers`).map((q) => q.body)).toEqual([
      { reviewers: ['octocat'], team_reviewers: ['platform-team'] },
    ]);
    expect(fake.pulls[0]!.reviewers).toEqual(['octocat']);

    await publishPull(await input('all', 'v0.16.0', { config }));
    expect(posts(`/pulls/${r.pr}/requested_reviewers`)).toHaveLength(1);
  });

  it('are not requested when none are configured', async () => {
    const r = await publishPull(await input('all', 'v0.15.0'));
    expect(r).toMatchObject({ kind: 'published', created: true });
    expect(gh.requests.filter((q) => q.path.endsWith('/requested_reviewers'))).toEqual([]);
  });
});

describe('a major move that breaks the build', () => {
  it('opens a draft labelled breaking, with the compiler errors in the summary; a clean one opens ready', async () => {
    const errors =
      '# example.com/small\n./main.go:9:9: undefined: yaml.MapSlice\n./main.go:12:2: too many ``` backticks';
    const broken = await publishPull(
      await input('major-golang.org-x-text', 'v0.15.0', {
        config: { labels: ['dependencies'], reviewers: [], openPullRequestsLimit: 5 },
        breaking: [{ dir: '.', modules: ['golang.org/x/text/v2'], errors }],
        updates: [
          {
            module: 'golang.org/x/text',
            newPath: 'golang.org/x/text/v2',
            to: 'v2.0.0',
            kind: 'major',
            dirs: [{ dir: '.', from: 'v0.14.0' }],
          },
        ],
      }),
    );
    expect(broken).toMatchObject({ kind: 'published', created: true });
    const created = posts('/pulls').at(-1)!.body as { draft?: boolean };
    expect(created.draft).toBe(true);
    const pr = fake.pulls.at(-1)!;
    expect(pr).toMatchObject({ draft: true, labels: ['dependencies', 'breaking'] });
    // Every error line, inside a fence the errors' own backticks cannot close.
    expect(pr.body).toContain('Does not build yet');
    expect(pr.body).toContain(`\`\`\`\`text\n${errors}\n\`\`\`\``);
    // The direct upgrades name the path the module moves to, and so does the commit message.
    expect(pr.body).toContain('| `golang.org/x/text` | `v0.14.0` → `golang.org/x/text/v2` `v2.0.0` | major | `.` |');
    const head = (await fake.branchHead(pr.head))!;
    expect((await fake.store.readCommit(head))?.message).toContain(
      'golang.org/x/text v0.14.0 -> golang.org/x/text/v2 v2.0.0',
    );

    await publishPull(await input('clean', 'v0.15.0'));
    expect((posts('/pulls').at(-1)!.body as { draft?: boolean }).draft).toBeUndefined();
    expect(fake.pulls.at(-1)).toMatchObject({ labels: [] });
    expect(fake.pulls.at(-1)!.draft).toBeUndefined();
  });
});
