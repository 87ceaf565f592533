/**
 * Runs of the pipeline that must not repeat themselves: a duplicated run, a crash between the
 * commit and the pull request followed by BullMQ's retry, and a repository with nothing due,
 * which must cost no clone and only a handful of GitHub requests. GitHub is the git-backed
 * stand-in behind nock, every request and reply checked against GitHub's OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueuePlan } from '../../src/queues/plan-queue.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { FakeRepo } from '../stand-in/fake-repo.js';
import { writeTree } from './apply-fixtures.js';

const INSTALLATION = 78;
const BRANCH = 'gomod-steward/main/all';

let app: TestApp;
const fakes: FakeRepo[] = [];
let nextId = 9100;

/** A small real module: chi and x/text pinned back, so upgrades are due. */
const SMALL = {
  'go.mod': 'module example.com/small\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n',
  'main.go': 'package main\n\nimport "golang.org/x/text/language"\n\nfunc main() { _ = language.English }\n',
};

async function fakeRepo(name: string, files: Record<string, string>): Promise<FakeRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-src-'));
  try {
    await writeTree(dir, files);
    const fake = await FakeRepo.fromDir(dir, { owner: 'acme', name, id: nextId++, installationId: INSTALLATION });
    fakes.push(fake);
    return fake;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const refOf = (f: FakeRepo) => ({
  installationId: INSTALLATION,
  repositoryId: f.o.id,
  owner: f.o.owner,
  repo: f.o.name,
});

/** What each stage returned or why it failed, so a failure says where the run stopped. */
async function stageReport(repositoryId: number): Promise<string> {
  const q = app.runtime.queues;
  const out: unknown[] = [];
  for (const queue of [q.plan, q.apply, q.publish]) {
    for (const j of await queue.getJobs(['completed', 'failed', 'delayed', 'waiting'])) {
      if ((j.data as { repositoryId?: number }).repositoryId === repositoryId)
        out.push({ queue: queue.name, id: j.id, returned: j.returnvalue, failedReason: j.failedReason });
    }
  }
  return JSON.stringify(out);
}

beforeAll(async () => {
  app = await startTestApp({
    pipeline: { cloneUrl: (_owner, repo) => fakes.find((f) => f.o.name === repo)!.store.dir },
    // The slug is configured, as APP_SLUG allows: request budgets below must not depend on
    // whether an earlier test happened to look it up with GET /app already.
    env: { APP_SLUG: 'gomod-steward' },
  });
  app.gh.fallback((req) => {
    const own = fakes.find((f) => req.path === `/repos/${f.fullName}` || req.path.startsWith(`/repos/${f.fullName}/`));
    return (own ?? fakes[0]!).handler(req);
  });
});

afterAll(async () => {
  await app?.stop();
  for (const f of fakes) await f.remove();
});

describe('a duplicated run', () => {
  it('two plan jobs for the same base collapse into one apply: one PR, one commit', async () => {
    const fake = await fakeRepo('dup', SMALL);
    const base = (await fake.branchHead('main'))!;
    await Promise.all([
      enqueuePlan(app.runtime.queues.plan, refOf(fake), 'scheduled'),
      enqueuePlan(app.runtime.queues.plan, refOf(fake), 'delivery-redelivered'),
    ]);
    await app.settled(180_000);
    expect(fake.pulls).toHaveLength(1);
    expect(await fake.store.log(`${BRANCH}`)).toEqual([(await fake.branchHead(BRANCH))!, base]);
    const applied = await app.runtime.queues.apply.getJobs(['completed']);
    expect(applied.filter((j) => j.data.repositoryId === fake.o.id)).toHaveLength(1);
    expect(app.gh.violations).toEqual([]);
  }, 200_000);
});

describe('a pull request closed without merging', () => {
  it("is the user's no: the next run does not propose those versions again", async () => {
    const fake = fakes.find((f) => f.o.name === 'dup')!;
    fake.pulls[0]!.state = 'closed';
    const before = app.gh.requests.length;
    await enqueuePlan(app.runtime.queues.plan, refOf(fake), 'after-close');
    await app.settled(60_000);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]!.state).toBe('closed');
    const [plan] = (await app.runtime.queues.plan.getJobs(['completed'])).filter(
      (j) => j.id === `plan-${INSTALLATION}-${fake.o.id}-after-close`,
    );
    expect(plan?.returnvalue).toEqual({ due: false, reason: 'all-declined' });
    expect(app.gh.requests.slice(before).some((r) => r.method === 'POST')).toBe(false);
  }, 60_000);
});

describe('a secondary rate limit', () => {
  it('pauses the installation: the job moves back until Retry-After and runs again afterwards, attempt not spent', async () => {
    const fake = await fakeRepo('limited', {
      'go.mod': 'module example.com/limited\n\ngo 1.22\n',
      '.github/gomod-steward.yml': 'enabled: true\n',
    });
    fake.failNext('GET', /\/git\/trees\//, {
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest',
      },
      headers: { 'retry-after': '1' },
    });
    await enqueuePlan(app.runtime.queues.plan, refOf(fake), 'scheduled');
    await app.settled(30_000);
    const [plan] = (await app.runtime.queues.plan.getJobs(['completed'])).filter(
      (j) => j.data.repositoryId === fake.o.id,
    );
    expect(plan?.returnvalue).toEqual({ due: false, reason: 'nothing-due' });
    // BullMQ counts the attempt that completed; the rate-limited one is not counted.
    expect(plan?.attemptsMade).toBe(1);
    expect(app.gh.requests.filter((r) => r.path.startsWith(`/repos/${fake.fullName}/git/trees/`))).toHaveLength(2);
  }, 60_000);
});

describe('a crash between the commit and the pull request', () => {
  it('the retried publish job finds its commit, adds none, and opens the one PR', async () => {
    const fake = await fakeRepo('crash', SMALL);
    const base = (await fake.branchHead('main'))!;
    fake.failNext('POST', /\/pulls$/, {
      status: 403,
      body: { message: 'Forbidden', documentation_url: 'https://docs.github.com/rest' },
    });
    await enqueuePlan(app.runtime.queues.plan, refOf(fake), 'scheduled');
    await app.settled(180_000);
    const [publish] = (await app.runtime.queues.publish.getJobs(['completed'])).filter(
      (j) => j.data.repositoryId === fake.o.id,
    );
    if (!publish) throw new Error(`no completed publish job; the stages said: ${await stageReport(fake.o.id)}`);
    expect(publish.attemptsMade).toBe(2);
    expect(fake.pulls).toHaveLength(1);
    const commits = await fake.store.log(BRANCH);
    expect(commits).toHaveLength(2);
    expect(commits[1]).toBe(base);
    expect(
      app.gh.requests.filter((r) => r.method === 'POST' && r.path === `/repos/${fake.fullName}/git/commits`),
    ).toHaveLength(1);
  }, 200_000);
});

describe('a repository with nothing due', () => {
  it('is planned through the API alone: no clone, at most 3 + (go.mod/go.work files) requests', async () => {
    const fake = await fakeRepo('quiet', {
      'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': 'module example.com/quiet/a\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n',
      'b/go.mod': 'module example.com/quiet/b\n\ngo 1.22\n\nrequire golang.org/x/sync v0.5.0\n',
      'b/vendor/golang.org/x/sync/go.mod': 'module golang.org/x/sync\n',
      '.github/gomod-steward.yml': 'ignore:\n  - dependency: "golang.org/x/*"\n',
    });
    const before = app.gh.requests.length;
    await enqueuePlan(app.runtime.queues.plan, refOf(fake), 'scheduled');
    await app.settled(60_000);
    const made = app.gh.requests.slice(before);
    // token + config + default branch (repository, ref) + tree + 3 files (go.work, a/go.mod,
    // b/go.mod; vendor is not read) + recorded ignores (dashboard issue) + declined versions
    // (closed PRs): every input is read before the one plan. Then the dashboard is written: the
    // open bot PRs, the issue looked up again under its lock, and created.
    // Empty within the budget; past it, the requests that went over are printed.
    expect(made.slice(7 + 3 + 3).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(made.filter((r) => r.method === 'POST' && r.path.endsWith('/issues'))).toHaveLength(1);
    expect(
      made.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`).filter((r) => r.includes('/git/blobs/')),
    ).toHaveLength(3);
    const applied = await app.runtime.queues.apply.getJobs(['completed', 'waiting', 'active', 'failed']);
    expect(applied.filter((j) => j.data.repositoryId === fake.o.id)).toHaveLength(0);
    expect(fake.pulls).toHaveLength(0);
  }, 60_000);
});
