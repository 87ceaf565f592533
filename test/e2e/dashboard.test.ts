/**
 * The dependency dashboard, end to end: the app as in production against the GitHub stand-in,
 * with a real Redis, the real Go toolchain and module proxy. Install → the first run opens a PR
 * and writes the dashboard; a ticked pending group runs that group; a tick by someone without
 * write access is reset and answered; an unignore tick restores the update on the next run; the
 * dashboard stays one issue, also when a job is retried; ticking the go-line box opens a separate PR
 * raising the go line whose tree Go builds and finds tidy, a second tick changes nothing, and once
 * that PR is merged the next run proposes what it unlocked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compareGoVersions } from '../../src/gomod/go-version.js';
import { compareModuleVersions } from '../../src/gomod/version.js';
import { readState } from '../../src/ignores/dashboard-state.js';
import { readMeta } from '../../src/pull-request/meta.js';
import { writeTree } from '../integration/apply-fixtures.js';
import { go as goCmd } from '../support/go-cli.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { closePull, comment, editIssue, install } from '../stand-in/events.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { startScenario, type Scenario } from '../stand-in/scenario.js';

const pexec = promisify(execFile);
const INSTALLATION = 88;
const GO_LINE_BRANCH = 'gomod-steward/main/go-line';
const TITLE = 'gomod-steward dashboard';

/** Module a: three dependencies pinned back; module b: x/text older still (version drift). */
const FILES = {
  '.github/gomod-steward.yml':
    'groups:\n  - name: mod\n    patterns: ["golang.org/x/mod"]\nopen-pull-requests-limit: 1\n',
  'a/go.mod':
    'module example.com/dash/a\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/mod v0.14.0\n\tgolang.org/x/sync v0.5.0\n\tgolang.org/x/text v0.14.0\n)\n',
  'a/main.go':
    'package main\n\nimport (\n\t"golang.org/x/mod/semver"\n\t"golang.org/x/sync/errgroup"\n\t"golang.org/x/text/language"\n)\n\nfunc main() {\n\tvar g errgroup.Group\n\t_ = g.Wait()\n\t_ = semver.IsValid("v1.0.0")\n\t_ = language.English\n}\n',
  'b/go.mod': 'module example.com/dash/b\n\ngo 1.22\n\nrequire golang.org/x/text v0.13.0\n',
  'b/b.go': 'package b\n\nimport "golang.org/x/text/language"\n\nvar Tag = language.English\n',
};

let s: Scenario;
let repo: FakeRepo;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'dashboard-e2e-'));
  await writeTree(join(work, 'src'), FILES);
  s = await startScenario({ redisUrl: await isolatedRedisUrl() });
  repo = await s.gh.addRepo(join(work, 'src'), { owner: 'acme', name: 'dash', id: 9301, installationId: INSTALLATION });
  repo.issues.permissions.set('octo-dev', 'write');
  repo.issues.permissions.set('octo-reader', 'read');
}, 60_000);

afterAll(async () => {
  await s?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const dashboards = () => repo.issues.issues.filter((i) => i.title === TITLE);
const dashboard = () => {
  const all = dashboards();
  expect(all).toHaveLength(1);
  return all[0]!;
};
const openPulls = () => repo.pulls.filter((p) => p.state === 'open');
const tick = (body: string, marker: string) => {
  const line = `- [ ] <!-- gomod-steward:box ${marker} -->`;
  expect(body).toContain(line);
  return body.replace(line, line.replace('[ ]', '[x]'));
};
const goLineBoxes = (body: string) =>
  [...body.matchAll(/<!-- gomod-steward:box go-line:(\d+\.\d+(?:\.\d+)?) -->/g)].map((m) => m[1]!);
const targetsOf = (head: string) =>
  new Map(
    (readMeta(repo.pulls.find((p) => p.head === head && p.state === 'open')?.body ?? '')?.updates ?? []).map((u) => [
      u.module,
      u.to,
    ]),
  );
const updatesOf = (head: string) =>
  (readMeta(repo.pulls.find((p) => p.head === head && p.state === 'open')?.body ?? '')?.updates ?? []).map(
    (u) => u.module,
  );

describe('the dependency dashboard', () => {
  it('install: the first run (no schedule fired) opens the PR and writes the dashboard', async () => {
    await install(s.gh, INSTALLATION);
    await s.until(() => openPulls().length === 1 && dashboards().length === 1, 'the first PR and the dashboard', {
      timeoutMs: 300_000,
    });
    // The open-PR limit of 1 lets one group through; the other waits, with its box.
    const pr = openPulls()[0]!;
    expect(pr.head).toBe('gomod-steward/main/mod');
    const body = dashboard().body;
    expect(body).toContain(`| #${pr.number} | mod |`);
    expect(body).toMatch(
      /<!-- gomod-steward:box run-group:all --> `all` group, 2 updates \(open-pull-requests-limit reached\)/,
    );
    expect(body).toContain('<!-- gomod-steward:box run-all --> **Run now**');
    // Drift from the build lists: x/text differs between a and b.
    expect(body).toMatch(/\| `golang\.org\/x\/text` \| v0\.14\.0 \| v0\.13\.0 \|/);
    expect(body).toContain('| `a` | 1.22 | — |');
    expect(readState(body)).toEqual({ v: 1, ignores: [] });
  }, 320_000);

  it('ticking a pending group runs that group; a retried job still leaves one dashboard', async () => {
    await closePull(s.gh, repo, openPulls()[0]!.number, 'octo-dev');
    // The first write of the unticked body fails: the job is retried and must not act twice or make a second issue.
    repo.failNext('PATCH', new RegExp(`/issues/${dashboard().number}$`), {
      status: 422,
      body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
    });
    await editIssue(s.gh, repo, dashboard().number, 'octo-dev', tick(dashboard().body, 'run-group:all'));
    await s.until(() => openPulls().some((p) => p.head === 'gomod-steward/main/all'), 'the all group PR', {
      timeoutMs: 300_000,
      retries: true,
    });
    expect(updatesOf('gomod-steward/main/all').sort()).toEqual(['golang.org/x/sync', 'golang.org/x/text']);
    const edits = (await s.watch.queue('command').getJobs(['completed'])).filter((j) => j.name === 'dashboard-edit');
    expect(edits).toHaveLength(1);
    expect(edits[0]!.attemptsMade).toBe(2);
    const body = dashboard().body;
    expect(body).not.toContain('- [x]');
    expect(body).toContain(`| #${openPulls()[0]!.number} | all |`);
    expect(body).toMatch(/## Declined[^#]*`golang\.org\/x\/mod`/); // declined on the closed PR
  }, 320_000);

  it('a tick by someone without write access is reset and answered', async () => {
    const pr = openPulls()[0]!;
    await comment(s.gh, repo, pr.number, 'octo-dev', '@gomod-steward ignore golang.org/x/sync');
    await s.until(() => updatesOf('gomod-steward/main/all').length === 1, 'the PR rebuilt without x/sync', {
      timeoutMs: 300_000,
    });
    expect(readState(dashboard().body).ignores.map((r) => r.dependency)).toEqual(['golang.org/x/sync']);
    const before = repo.issues.comments.length;
    await editIssue(
      s.gh,
      repo,
      dashboard().number,
      'octo-reader',
      tick(dashboard().body, 'unignore:golang.org%2Fx%2Fsync'),
    );
    await s.until(() => repo.issues.comments.length > before, 'the answer');
    expect(dashboard().body).not.toContain('- [x]');
    expect(readState(dashboard().body).ignores).toHaveLength(1);
    expect(repo.issues.comments.at(-1)!.body).toMatch(/^Sorry @octo-reader, only people with write access/);
  }, 320_000);

  it('an unignore tick restores the update on the next run', async () => {
    await editIssue(
      s.gh,
      repo,
      dashboard().number,
      'octo-dev',
      tick(dashboard().body, 'unignore:golang.org%2Fx%2Fsync'),
    );
    await s.until(() => updatesOf('gomod-steward/main/all').length === 2, 'x/sync back in the PR', {
      timeoutMs: 300_000,
    });
    expect(readState(dashboard().body).ignores).toEqual([]);
    expect(dashboard().body).not.toContain('- [x]');
    expect(dashboards()).toHaveLength(1);
  }, 320_000);
});

describe('the go-line box', () => {
  let go = '';

  it('ticking it opens a separate PR raising the go line; Go builds its tree and finds it tidy; a second tick changes nothing', async () => {
    const boxes = goLineBoxes(dashboard().body);
    expect(boxes.length).toBeGreaterThan(0);
    // The dashboard offers the go versions the held updates need, lowest first; take the highest.
    go = boxes.at(-1)!;
    expect(dashboard().body).toMatch(
      new RegExp(
        `go-line:${go.replace(/\./g, '\\.')} --> raising \`go\` to ${go.replace(/\./g, '\\.')} would unlock \\d+ updates? \\(in \`a\`, \`b\`\\)`,
      ),
    );
    const pullsBefore = openPulls().length;
    await editIssue(s.gh, repo, dashboard().number, 'octo-dev', tick(dashboard().body, `go-line:${go}`));
    await s.until(() => openPulls().some((p) => p.head === GO_LINE_BRANCH), 'the go-line PR', { timeoutMs: 300_000 });
    expect(openPulls()).toHaveLength(pullsBefore + 1);
    const pr = openPulls().find((p) => p.head === GO_LINE_BRANCH)!;
    expect(pr.title).toBe(`chore(go): raise the go line to ${go}`);
    expect(readMeta(pr.body)).toMatchObject({ group: 'go-line', updates: [], goLine: { go, toolchain: 'keep' } });
    expect(dashboard().body).not.toContain('- [x]');
    expect(dashboard().body).toContain(`| #${pr.number} | go-line | 0 |`);

    // The PR's tree, checked out from the stand-in: every module declares the new go line, Go
    // builds each without changing go.mod/go.sum, and tidy has nothing to add or remove.
    const tree = join(work, 'go-line-tree');
    await pexec('git', ['clone', '-q', '--branch', GO_LINE_BRANCH, repo.store.dir, tree]);
    for (const m of ['a', 'b']) {
      expect(await readFile(join(tree, m, 'go.mod'), 'utf8')).toMatch(
        new RegExp(`^go ${go.replace(/\./g, '\\.')}$`, 'm'),
      );
      await goCmd(['build', './...'], join(tree, m), { GOFLAGS: '-mod=readonly' });
      await goCmd(['mod', 'tidy', '-diff'], join(tree, m));
    }

    // A second tick of the same box: the same PR, no new commit.
    const head = await repo.branchHead(GO_LINE_BRANCH);
    const jobs = async () =>
      (await s.watch.queue('apply').getJobs(['completed'])).filter((j) => j.name === 'go-line').length;
    const done = await jobs();
    await editIssue(s.gh, repo, dashboard().number, 'octo-dev', tick(dashboard().body, `go-line:${go}`));
    await s.until(async () => (await jobs()) === done + 1, 'the second go-line job', { timeoutMs: 300_000 });
    expect(repo.pulls.filter((p) => p.head === GO_LINE_BRANCH)).toHaveLength(1);
    expect(await repo.branchHead(GO_LINE_BRANCH)).toBe(head);

    // `rebase` on it raises the same line again on the same base: still one PR, no new commit.
    await comment(s.gh, repo, pr.number, 'octo-dev', '@gomod-steward rebase');
    await s.until(async () => (await jobs()) === done + 2, 'the rebuilt go-line PR', { timeoutMs: 300_000 });
    expect(repo.pulls.filter((p) => p.head === GO_LINE_BRANCH)).toHaveLength(1);
    expect(await repo.branchHead(GO_LINE_BRANCH)).toBe(head);
  }, 620_000);

  it('after the go-line PR is merged, the next run proposes the updates it unlocked', async () => {
    const before = targetsOf('gomod-steward/main/all');
    const pr = openPulls().find((p) => p.head === GO_LINE_BRANCH)!;
    const merged = await repo.handler({
      method: 'PUT',
      path: `/repos/${repo.fullName}/pulls/${pr.number}/merge`,
      query: new URLSearchParams(),
      body: {},
    });
    expect(merged?.status).toBe(200);
    await editIssue(s.gh, repo, dashboard().number, 'octo-dev', tick(dashboard().body, 'run-all'));
    const moved = () =>
      [...targetsOf('gomod-steward/main/all')].some(
        ([m, to]) => !before.has(m) || compareModuleVersions(m, to, before.get(m)!) > 0,
      );
    await s.until(moved, 'the all PR with the unlocked versions', { timeoutMs: 300_000 });
    // Nothing the merged line allows is offered again.
    expect(goLineBoxes(dashboard().body).filter((v) => compareGoVersions(v, go) <= 0)).toEqual([]);
    expect(dashboards()).toHaveLength(1);
  }, 320_000);
});

describe('the dashboard issue as a place to talk to the app', () => {
  it('@gomod-steward run on the dashboard issue runs the repository now', async () => {
    const before = repo.issues.comments.length;
    await comment(s.gh, repo, dashboard().number, 'octo-dev', '@gomod-steward run');
    await s.until(() => repo.issues.comments.length > before, 'the answer', { timeoutMs: 120_000 });
    const c = repo.issues.comments.find((x) => x.issue === dashboard().number && x.user === 'octo-dev')!;
    expect(repo.issues.comments.at(-1)!.body).toMatch(/^@octo-dev A run of the whole repository is queued/);
    const runs = (await s.watch.queue('plan').getJobs(['completed'])).filter(
      (j) => j.id === `plan-${INSTALLATION}-9301-run-${c.id}`,
    );
    expect(runs).toHaveLength(1);
    expect(dashboards()).toHaveLength(1);
  }, 150_000);

  it('a tick under a state block broken by hand is refused with a comment, and nothing is done', async () => {
    const broken = tick(dashboard().body, 'run-all').replace(
      /<!-- gomod-steward:state \{/,
      '<!-- gomod-steward:state {oops',
    );
    const before = repo.issues.comments.length;
    const plans = (await s.watch.queue('plan').getJobs(['completed'])).length;
    await editIssue(s.gh, repo, dashboard().number, 'octo-dev', broken);
    await s.until(() => repo.issues.comments.length > before, 'the refusal', { timeoutMs: 60_000 });
    expect(repo.issues.comments.at(-1)!.body).toMatch(
      /^@octo-dev I did not act on the ticked box\(es\): the dashboard issue state block is not JSON/,
    );
    expect((await s.watch.queue('plan').getJobs(['completed'])).length).toBe(plans);
    expect(dashboard().body).toBe(broken);
  }, 90_000);
});
