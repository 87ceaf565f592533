/**
 * What users live through, end to end: the app runs as in production (its own process, a real
 * Redis, the real Go toolchain and module proxy) against the GitHub stand-in, which keeps real
 * git repositories, runs the impact workflow's steps for real and answers only as GitHub's
 * OpenAPI description allows. The scenarios run in order on one installation, as a team's
 * weeks would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import { readMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import { startChildRecorder, secretForms, type ChildRecorder } from '../support/child-recorder.js';
import { EXAMPLE_DIR, go } from '../support/go-cli.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { addRepositories, comment, closePull, install, pushCommit } from '../stand-in/events.js';
import type { FakePull, FakeRepo } from '../stand-in/fake-repo.js';
import { startScenario, type Scenario } from '../stand-in/scenario.js';

const INSTALLATION = 77;
const WORKFLOW = readFileSync(new URL('../../templates/gomod-impact.yml', import.meta.url), 'utf8');
const RETRY_SERVICE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));
const IMPACT = 'gomod-steward / impact';

let s: Scenario;
let commerce: FakeRepo;
let retry: FakeRepo;

let recorder: ChildRecorder;
let work: string;
const REDIS_PASSWORD = `redis-${randomBytes(12).toString('hex')}`;
const OTHER_PROXY_SECRET = `other-host-${randomBytes(12).toString('hex')}`;

/** The app's Redis with a password: a user of its own on the test Redis (ACL), so the password can be looked for. */
async function redisUrlWithPassword(): Promise<string> {
  const url = new URL(await isolatedRedisUrl());
  const admin = new Redis(url.toString());
  try {
    await admin.call('ACL', 'SETUSER', 'steward', 'on', `>${REDIS_PASSWORD}`, '~*', '&*', '+@all');
  } finally {
    await admin.quit();
  }
  url.username = 'steward';
  url.password = REDIS_PASSWORD;
  return url.toString();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scenarios-'));
  recorder = await startChildRecorder(work);
  s = await startScenario({
    redisUrl: await redisUrlWithPassword(),
    appEnv: {
      // Every go and git the app starts goes through the recorder (see the last test).
      PATH: `${recorder.bin}:${process.env.PATH}`,
      // Credentials for a proxy the app never uses: go must not receive them either.
      GOPROXY_AUTH: `proxy.other.example=ci:${OTHER_PROXY_SECRET}`,
    },
  });
  const extra = { '.github/workflows/gomod-impact.yml': WORKFLOW };
  commerce = await s.gh.addRepo(
    EXAMPLE_DIR,
    { owner: 'acme', name: 'commerce-platform', id: 9001, installationId: INSTALLATION },
    extra,
  );
  retry = await s.gh.addRepo(
    RETRY_SERVICE,
    { owner: 'acme', name: 'retry-service', id: 9002, installationId: INSTALLATION },
    extra,
  );
  for (const r of [commerce, retry]) r.issues.permissions.set('octo-dev', 'write');
}, 60_000);

afterAll(async () => {
  await s?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function impactCheck(repo: FakeRepo, pull: FakePull) {
  const head = await repo.branchHead(pull.head);
  return repo.checkRuns.filter((c) => c.name === IMPACT && c.headSha === head).at(-1);
}

async function fire(repo: FakeRepo): Promise<void> {
  await s.watch.fireSchedule(repo.o.installationId, repo.o.id);
}

describe('install, schedule, pull request, impact matrix', () => {
  it('an installation schedules the repositories; the scheduled run opens one PR whose matrix ends green', async () => {
    const delivery = await install(s.gh, INSTALLATION);
    expect(delivery.delivered).toBe(true);
    await fire(commerce);
    await s.until(
      async () =>
        commerce.pulls.length === 1 && (await impactCheck(commerce, commerce.pulls[0]!))?.status === 'completed',
      'the PR and its finished matrix',
    );

    const pr = commerce.pulls[0]!;
    expect(pr).toMatchObject({
      head: 'gomod-steward/main/all',
      base: 'main',
      state: 'open',
      title: 'chore(deps): upgrade Go dependencies',
    });
    // The runner really ran the template's steps, one job per service.
    const [run] = commerce.actions.runs;
    expect(run?.jobs.map((j) => j.name).sort()).toEqual([
      'impact (services/inventory-service)',
      'impact (services/order-service)',
      'impact (services/payment-service)',
    ]);
    for (const job of run!.jobs) {
      expect(job.steps.map((st) => st.name)).toEqual(expect.arrayContaining(['go vet', 'go test -race', 'go build']));
      expect(job.log).toMatch(/go (vet|test|build)|ok\s+example\.com/);
    }
    const check = await impactCheck(commerce, pr);
    expect(check).toMatchObject({ status: 'completed', conclusion: run!.conclusion });
    expect(run!.conclusion).toBe('success');
    expect(pr.labels).toEqual(expect.arrayContaining(['dependencies', 'go', 'impact: passed']));
    const meta = readMeta(pr.body);
    expect(meta?.impact).toMatchObject({ status: 'completed', conclusion: 'success', runIds: [run!.id] });
    expect(readSection(pr.body, 'impact')).toMatch(/services\/order-service/);
    expect(s.gh.violations).toEqual([]);
    expect(s.gh.webhooks.failed()).toEqual([]);
  }, 900_000);
});

describe('the base moves', () => {
  it('`@gomod-steward rebase` puts the same PR on the new base and runs the matrix again', async () => {
    const pr = commerce.pulls[0]!;
    const oldHead = await commerce.branchHead(pr.head);
    const { sha: newBase } = await pushCommit(s.gh, commerce, {
      files: { 'docs/ONCALL.md': '# On call\n\nPage the platform team.\n' },
      message: 'docs: on-call page',
    });
    const asked = await comment(s.gh, commerce, pr.number, 'octo-dev', '@gomod-steward rebase');
    expect(asked.delivered).toBe(true);
    await s.until(async () => {
      const head = await commerce.branchHead(pr.head);
      if (!head || head === oldHead) return false;
      return (await impactCheck(commerce, pr))?.status === 'completed';
    }, 'the rebased branch and its matrix');

    const head = (await commerce.branchHead(pr.head))!;
    expect((await commerce.store.readCommit(head))?.parents).toEqual([newBase]);
    expect(commerce.pulls).toHaveLength(1);
    const c = commerce.issues.comments.find((x) => x.body === '@gomod-steward rebase')!;
    // 👀 on receipt, 👍 once the command was carried out.
    expect(c.reactions).toEqual([
      { content: 'eyes', user: s.gh.botLogin },
      { content: '+1', user: s.gh.botLogin },
    ]);
    expect(
      commerce.issues.commentsOn(pr.number).some((x) => x.user === s.gh.botLogin && x.body.includes('@octo-dev')),
    ).toBe(true);
    expect((await impactCheck(commerce, pr))?.conclusion).toBe('success');
    expect(commerce.actions.runs).toHaveLength(2);
    expect(s.gh.violations).toEqual([]);
  }, 600_000);
});

describe('ignores and declined PRs', () => {
  it('a major update gets a PR of its own; `ignore this major version` closes it and the next run does not propose it again', async () => {
    await fire(retry);
    // The minor, the major of BurntSushi/toml (same path), and backoff/v4's move to a newer /vN path.
    await s.until(() => retry.pulls.length === 3, 'the minor PR and the two major PRs');
    const major = retry.pulls.find((p) =>
      readMeta(p.body)?.updates.some((u) => u.kind === 'major' && u.module === 'github.com/BurntSushi/toml'),
    )!;
    expect(major).toBeDefined();
    expect(readMeta(major.body)?.updates.map((u) => u.module)).toEqual(['github.com/BurntSushi/toml']);

    expect(
      (await comment(s.gh, retry, major.number, 'octo-dev', '@gomod-steward ignore this major version')).delivered,
    ).toBe(true);
    await s.until(() => major.state === 'closed', 'the ignored major PR closed');
    const dashboard = retry.issues.issues.find((i) => i.user === s.gh.botLogin);
    expect(dashboard?.body).toMatch(/BurntSushi\/toml/);
    const reply = retry.issues.commentsOn(major.number).find((x) => x.user === s.gh.botLogin);
    expect(reply?.body).toMatch(/ignore/i);

    const before = retry.pulls.length;
    await fire(retry);
    await s.until(() => true, 'the next scheduled run');
    expect(retry.pulls).toHaveLength(before);
    expect(
      retry.openPulls().every((p) => !readMeta(p.body)?.updates.some((u) => u.module === 'github.com/BurntSushi/toml')),
    ).toBe(true);
  }, 600_000);

  it("a major that moves to a new module path and breaks the build is a draft labelled breaking, with Go's errors; closed, it is not proposed again", async () => {
    const moved = retry.pulls.find((p) => readMeta(p.body)?.updates.some((u) => u.newPath))!;
    const update = readMeta(moved.body)!.updates[0]!;
    expect(update).toMatchObject({ module: 'github.com/cenkalti/backoff/v4', kind: 'major' });
    expect(update.newPath).toMatch(/^github\.com\/cenkalti\/backoff\/v([5-9]|\d{2,})$/);
    expect(moved).toMatchObject({
      state: 'open',
      draft: true,
      head: `gomod-steward/main/major-github.com-cenkalti-backoff-v4`,
    });
    expect(moved.labels).toEqual(expect.arrayContaining(['dependencies', 'go', 'breaking']));
    // The branch imports the new path; Go's own build of it fails with the lines the summary quotes.
    const head = (await retry.branchHead(moved.head))!;
    const dir = await mkdtemp(join(work, 'moved-'));
    for (const f of ['go.mod', 'go.sum', 'cmd/retry/main.go']) {
      await mkdir(join(dir, f, '..'), { recursive: true });
      await writeFile(join(dir, f), await retry.store.git(['show', `${head}:${f}`]));
    }
    expect(await readFile(join(dir, 'cmd/retry/main.go'), 'utf8')).toContain(`"${update.newPath}"`);
    expect(await readFile(join(dir, 'go.mod'), 'utf8')).not.toContain('github.com/cenkalti/backoff/v4 ');
    const built = await go(['build', '-o', devNull, './...'], dir).then(
      () => '',
      (err: { stderr?: string }) => err.stderr ?? '',
    );
    const errors = built.split('\n').filter((l) => /^cmd\/retry\/main\.go:\d+:\d+: /.test(l));
    expect(errors.length).toBeGreaterThan(0);
    const summary = readSection(moved.body, 'summary')!;
    expect(summary).toMatch(/Does not build yet/);
    for (const line of errors.slice(0, 5)) expect(summary).toContain(line);
    expect(s.gh.violations).toEqual([]);

    await closePull(s.gh, retry, moved.number, 'octo-dev');
    const before = retry.pulls.length;
    await fire(retry);
    await s.until(() => true, 'the run after the draft was closed');
    expect(retry.pulls).toHaveLength(before);
    expect(retry.openPulls().some((p) => readMeta(p.body)?.updates.some((u) => u.newPath))).toBe(false);
  }, 600_000);

  it('a PR closed by a person is not proposed again for the same versions', async () => {
    const group = retry.openPulls()[0]!;
    await closePull(s.gh, retry, group.number, 'octo-dev');
    const before = retry.pulls.length;
    await fire(retry);
    await s.until(() => true, 'the run after the close');
    expect(retry.pulls).toHaveLength(before);
    expect(retry.openPulls()).toEqual([]);
    expect(s.gh.violations).toEqual([]);
  }, 600_000);
});

describe('faults at every step', () => {
  it('5xx, secondary rate limits, 422, slow answers, dropped connections and lost deliveries end with one PR, a green matrix and no lost job', async () => {
    const config = 'update-types: [minor, patch]\nimpact:\n  automerge: minor\n';
    const third = await s.gh.addRepo(
      RETRY_SERVICE,
      { owner: 'acme', name: 'retry-worker', id: 9003, installationId: INSTALLATION },
      { '.github/workflows/gomod-impact.yml': WORKFLOW, '.github/gomod-steward.yml': config },
    );
    third.issues.permissions.set('octo-dev', 'write');
    // Auto-merge is allowed and the base wants one approval: a green matrix enables auto-merge.
    Object.assign(third.mergeRules, { allowAutoMerge: true, requiredApprovals: 1 });
    const repo = '/repos/acme/retry-worker';
    const f = s.gh.faults;
    f.serverError('GET', new RegExp(`^${repo}/git/trees/[0-9a-f]{40}$`)) // plan: reading the tree at the default branch's head
      .drop('GET', new RegExp(`^${repo}/contents/`)) // plan: the config
      .slow('GET', new RegExp(`^${repo}/git/blobs/`), 3_000) // plan: go.mod blobs
      .serverError('POST', new RegExp(`^${repo}/git/trees$`), 1, 503) // publish: the tree, small files inline
      .secondaryRateLimit('POST', new RegExp(`^${repo}/git/commits$`), 1) // publish: the commit
      .serverError('POST', new RegExp(`^${repo}/pulls$`), 1, 502) // publish: the PR
      .secondaryRateLimit('POST', new RegExp(`^${repo}/actions/workflows/[^/]+/dispatches$`), 1) // impact: dispatch
      .serverError('GET', new RegExp(`^${repo}/actions/runs/\\d+/jobs$`), 1, 500) // impact: reading the results
      .serverError('POST', /^\/graphql$/, 1, 502); // impact: enabling auto-merge, after the check and body are written
    f.unprocessable('POST', new RegExp(`^${repo}/check-runs$`), 'Validation Failed'); // impact: the check run
    // The repository is added to the installation, but that delivery is lost on the way; GitHub's
    // redelivery (same GUID) then reaches the app.
    s.gh.webhooks.lose('installation_repositories', 'before-app');
    s.gh.webhooks.lose('workflow_run', 'after-app');
    expect((await addRepositories(s.gh, INSTALLATION, [third])).delivered).toBe(false);
    expect(await s.gh.webhooks.redeliverFailed()).toBe(1);
    expect(s.gh.webhooks.failed()).toEqual([]);

    await fire(third);
    await s.until(
      async () => third.pulls.length >= 1 && (await impactCheck(third, third.pulls[0]!))?.status === 'completed',
      'the PR through the faults',
      { retries: true },
    );
    // The run's webhook reached the app but its answer was lost: GitHub's redelivery keeps the GUID.
    expect(s.gh.webhooks.failed().map((d) => d.event)).toEqual(['workflow_run']);
    expect(await s.gh.webhooks.redeliverFailed()).toBe(1);
    await s.until(() => true, 'the redelivery');

    expect(third.pulls).toHaveLength(1);
    expect(await s.watch.failed()).toEqual([]);
    expect(f.pending()).toEqual([]);
    expect((await impactCheck(third, third.pulls[0]!))?.conclusion).toBe('success');
    expect(third.actions.runs).toHaveLength(1);
    // The retried report enabled auto-merge though its first attempt had already written the body;
    // GitHub merges once the approval arrives.
    const pr = third.pulls[0]!;
    expect(pr.autoMerge).toEqual({ by: s.gh.botLogin, method: 'merge' });
    await third.approve(pr.number, 'octo-lead');
    expect(pr).toMatchObject({ state: 'closed', merged: true });
    // One commit on the branch over the base, however often publishing was retried.
    const head = (await third.branchHead(third.pulls[0]!.head))!;
    expect((await third.store.log(head)).length).toBe(2);
    expect(s.gh.violations).toEqual([]);
  }, 600_000);
});

describe('secrets', () => {
  it('no go or git child of the app, in any of the scenarios above, received a secret in its environment or arguments', async () => {
    const records = await recorder.records();
    // The scenarios ran plan, apply, publish and commands: go and git both ran many times.
    expect(records.filter((r) => r.command === 'go').length).toBeGreaterThan(20);
    expect(records.filter((r) => r.command === 'git').length).toBeGreaterThan(3);
    const secrets: [string, string][] = [
      ['the private key', s.secrets.privateKey],
      ['the webhook secret', s.secrets.webhookSecret],
      ['the Redis password', REDIS_PASSWORD],
      ['a proxy credential for another host', OTHER_PROXY_SECRET],
      ...s.gh.issuedTokens().flatMap((t): [string, string][] => [
        ['an installation token', t],
        ['an installation token as a git header', `x-access-token:${t}`],
      ]),
    ];
    expect(secrets.filter(([what]) => what === 'an installation token').length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const r of records) {
      const seen = [...r.argv, ...Object.entries(r.env).map(([k, v]) => `${k}=${v}`)];
      for (const [what, secret] of secrets) {
        const form = secretForms(secret).find((f) => seen.some((x) => x.includes(f)));
        if (form) leaks.push(`${what} reached \`${r.command} ${r.argv.slice(0, 3).join(' ')}\``);
      }
    }
    expect(leaks).toEqual([]);
  });
});
