/**
 * Installation webhooks → one BullMQ job scheduler per repository, on the real Redis. Deliveries
 * are real signed HTTP requests carrying payloads from @octokit/webhooks-examples; GitHub is nock,
 * every exchange checked against GitHub's OpenAPI description. The oracle for a schedule is
 * cron-parser (the library BullMQ computes the next run with): the scheduler's next run must be
 * the first time its pattern matches, on the days and hour the config's schedule names.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CronExpressionParser } from 'cron-parser';
import type { RepoSchedulerInfo } from '../../src/queues/repo-schedulers.js';
import {
  mockConfigFile,
  mockInstallationRepos,
  mockInstallationToken,
  startTestApp,
  type TestApp,
} from '../support/app-harness.js';
import { redisClient } from '../support/redis.js';
import { examplePayload, listedRepo } from '../support/webhooks.js';

const REPOS = [
  { id: 186853002, name: 'Hello-World' },
  { id: 501, name: 'commerce-platform' },
  { id: 502, name: 'payments' },
];

let app: TestApp;

beforeEach(async () => {
  app = await startTestApp();
});

afterEach(async () => {
  await app.stop();
});

function installationCreated(repos = REPOS): {
  payload: Record<string, unknown>;
  installationId: number;
  owner: string;
} {
  const payload = examplePayload('installation', 'created');
  const installation = payload['installation'] as { id: number; account: { login: string } };
  const [template] = payload['repositories'] as Record<string, unknown>[];
  payload['repositories'] = repos.map((r) => listedRepo(template ?? {}, r.id, installation.account.login, r.name));
  return { payload, installationId: installation.id, owner: installation.account.login };
}

async function install(repos = REPOS) {
  const created = installationCreated(repos);
  mockInstallationToken(app.gh, created.installationId);
  for (const r of repos) mockConfigFile(app.gh, created.owner, r.name, null);
  const res = await app.send('installation', created.payload);
  expect(res.status).toBe(200);
  await app.idle();
  app.gh.done();
  return created;
}

/** Checks a scheduler against its schedule with cron-parser; returns the next run as a zoned date. */
function expectRunsAsScheduled(s: RepoSchedulerInfo, tz: string, days: { dom?: number[]; dow?: number[] }) {
  expect(s.pattern).toMatch(/^\d{1,2} \d{1,2} 5 \S+ \* \S+$/);
  expect(s.tz).toBe(tz);
  const [second, minute] = (s.pattern ?? '').split(' ').map(Number);
  expect(second).toBeLessThan(60);
  expect(minute).toBeLessThan(60);
  const next = CronExpressionParser.parse(s.pattern ?? '', { tz, currentDate: new Date(Date.now() - 1000) }).next();
  expect(s.next).toBe(next.getTime());
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hour12: false,
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
      .formatToParts(new Date(s.next ?? 0))
      .map((p) => [p.type, p.value]),
  );
  expect(Number(parts['hour'])).toBe(5);
  expect(Number(parts['minute'])).toBe(minute);
  if (days.dom) expect(days.dom).toContain(Number(parts['day']));
  if (days.dow)
    expect(days.dow.map((d) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d])).toContain(parts['weekday']);
}

describe('installation webhooks', () => {
  it('installing on three repositories creates three twice-monthly schedulers whose jobs carry ids only', async () => {
    const { installationId, owner } = await install();
    const schedulers = await app.schedulers();
    expect(schedulers.map((s) => s.id).sort()).toEqual(REPOS.map((r) => `repo:${installationId}:${r.id}`).sort());
    for (const s of schedulers) {
      expectRunsAsScheduled(s, 'UTC', { dom: [1, 15] });
      expect(s.pattern?.split(' ').slice(2).join(' ')).toBe('5 1,15 * *');
      const repo = REPOS.find((r) => r.id === s.repositoryId);
      expect(s.data).toEqual({ installationId, repositoryId: repo?.id, owner, repo: repo?.name });
    }
    const json = await app.runtime.queues.plan.getJobScheduler(schedulers[0]?.id ?? '');
    expect(json?.name).toBe('plan');
    expect(Object.keys(json?.template?.data ?? {}).sort()).toEqual(['installationId', 'owner', 'repo', 'repositoryId']);

    // Each scheduler has its next plan job waiting, each repository's daily security check too, and
    // each repository its jittered first run within seconds (queues/first-run.ts), all with the
    // same ids-only data.
    const delayed = await app.runtime.queues.plan.getDelayed();
    expect(delayed.map((j) => j.name).sort()).toEqual(['plan', 'plan', 'plan', 'security', 'security', 'security']);
    const first = (await app.runtime.queues.plan.getJobs(['completed'])).filter((j) => j.id?.includes('-first-run-'));
    expect(first.map((j) => j.data.repositoryId).sort()).toEqual(REPOS.map((r) => r.id).sort());
    for (const j of first) expect(j.opts.delay).toBeLessThan(3 * 4_000);
    for (const job of [...delayed, ...first])
      expect(Object.keys(job.data).sort()).toEqual(['installationId', 'owner', 'repo', 'repositoryId']);

    // No token anywhere in Redis: not in job data, templates, results or logs.
    const token = `ghs_test${installationId}token`;
    expect(await redisContains(app, token)).toBe(false);
  });

  it('the jitter is stable: after a flush, a fresh process gives every repository the same pattern', async () => {
    await install();
    const before = new Map((await app.schedulers()).map((s) => [s.id, s.pattern]));
    await app.stop();
    const flush = redisClient(app.redisUrl);
    await flush.flushdb();
    await flush.quit();
    app = await startTestApp({ redisUrl: app.redisUrl, prefix: app.prefix });
    expect(await app.schedulers()).toEqual([]);
    await install();
    expect(new Map((await app.schedulers()).map((s) => [s.id, s.pattern]))).toEqual(before);
  });

  it('a redelivered installation webhook (same delivery id) queues nothing new', async () => {
    const created = installationCreated();
    mockInstallationToken(app.gh, created.installationId);
    for (const r of REPOS) mockConfigFile(app.gh, created.owner, r.name, null);
    const id = 'd1f0c7a0-0000-4000-8000-000000000001';
    expect((await app.send('installation', created.payload, { id })).status).toBe(200);
    await app.idle();
    expect((await app.send('installation', created.payload, { id })).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect(await app.runtime.queues.installation.getJobCounts('completed')).toEqual({ completed: 1 });
    expect(await app.schedulers()).toHaveLength(3);
  });

  it('uninstalling removes every scheduler of the installation and its pending plan jobs', async () => {
    const { installationId } = await install();
    const deleted = examplePayload('installation', 'deleted');
    (deleted['installation'] as { id: number }).id = installationId;
    expect((await app.send('installation', deleted)).status).toBe(200);
    await app.idle();
    expect(await app.schedulers()).toEqual([]);
    expect(await app.runtime.queues.plan.getDelayed()).toEqual([]);
  });

  it('repositories removed from the installation lose their schedulers; the others stay', async () => {
    const { installationId } = await install();
    const removed = examplePayload('installation_repositories', 'removed');
    (removed['installation'] as { id: number }).id = installationId;
    const [template] = removed['repositories_removed'] as Record<string, unknown>[];
    removed['repositories_removed'] = [listedRepo(template ?? {}, 501, 'Codertocat', 'commerce-platform')];
    // GitHub's list now, without the removed one.
    mockInstallationRepos(
      app.gh,
      REPOS.filter((r) => r.id !== 501).map((r) => ({ id: r.id, owner: 'Codertocat', name: r.name })),
    );
    expect((await app.send('installation_repositories', removed)).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect((await app.schedulers()).map((s) => s.repositoryId).sort()).toEqual([186853002, 502]);
  });

  it('out of order: removed, then a stale added for the same repository, leaves no scheduler GitHub does not list', async () => {
    const { installationId, owner } = await install();
    const remaining = REPOS.filter((r) => r.id !== 501).map((r) => ({ id: r.id, owner, name: r.name }));
    const removed = examplePayload('installation_repositories', 'removed');
    (removed['installation'] as { id: number }).id = installationId;
    const [rTemplate] = removed['repositories_removed'] as Record<string, unknown>[];
    removed['repositories_removed'] = [listedRepo(rTemplate ?? {}, 501, owner, 'commerce-platform')];
    const added = examplePayload('installation_repositories', 'added');
    (added['installation'] as { id: number }).id = installationId;
    const [aTemplate] = added['repositories_added'] as Record<string, unknown>[];
    added['repositories_added'] = [listedRepo(aTemplate ?? {}, 501, owner, 'commerce-platform')];
    // GitHub no longer lists 501 at either delivery (the added one was older than the removal).
    mockInstallationRepos(app.gh, remaining);
    mockInstallationRepos(app.gh, remaining);
    expect((await app.send('installation_repositories', removed)).status).toBe(200);
    await app.idle();
    expect((await app.send('installation_repositories', added)).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect((await app.schedulers()).map((s) => s.repositoryId).sort()).toEqual([186853002, 502]);
  });

  it('out of order: a stale removed for a repository GitHub lists again keeps its scheduler', async () => {
    const { installationId, owner } = await install();
    const removed = examplePayload('installation_repositories', 'removed');
    (removed['installation'] as { id: number }).id = installationId;
    const [template] = removed['repositories_removed'] as Record<string, unknown>[];
    removed['repositories_removed'] = [listedRepo(template ?? {}, 501, owner, 'commerce-platform')];
    mockInstallationRepos(
      app.gh,
      REPOS.map((r) => ({ id: r.id, owner, name: r.name })),
    );
    expect((await app.send('installation_repositories', removed)).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect((await app.schedulers()).map((s) => s.repositoryId).sort()).toEqual([186853002, 501, 502]);
  });

  it('repositories added to an installation are scheduled from their own config', async () => {
    const added = examplePayload('installation_repositories', 'added');
    const installationId = (added['installation'] as { id: number }).id;
    const [repo] = added['repositories_added'] as { id: number; full_name: string }[];
    const [owner = '', name = ''] = (repo?.full_name ?? '').split('/');
    mockInstallationToken(app.gh, installationId);
    mockInstallationRepos(app.gh, [{ id: repo?.id ?? 0, owner, name }]);
    mockConfigFile(app.gh, owner, name, 'schedule: monthly\ntimezone: Asia/Tokyo\n');
    expect((await app.send('installation_repositories', added)).status).toBe(200);
    await app.idle();
    app.gh.done();
    const [s] = await app.schedulers();
    expect(s?.id).toBe(`repo:${installationId}:${repo?.id}`);
    expectRunsAsScheduled(s as RepoSchedulerInfo, 'Asia/Tokyo', { dom: [1] });
  });

  it('a repository whose config says enabled: false gets no scheduler', async () => {
    const created = installationCreated(REPOS.slice(0, 2));
    mockInstallationToken(app.gh, created.installationId);
    mockConfigFile(app.gh, created.owner, 'Hello-World', null);
    mockConfigFile(app.gh, created.owner, 'commerce-platform', 'enabled: false\n');
    expect((await app.send('installation', created.payload)).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect((await app.schedulers()).map((s) => s.repositoryId)).toEqual([186853002]);
  });

  it('suspending removes the schedulers; unsuspending lists the repositories through the API and restores them', async () => {
    const unsuspend = examplePayload('installation', 'unsuspend');
    const installationId = (unsuspend['installation'] as { id: number }).id;
    const repos = [
      { id: 901, owner: 'Codertocat', name: 'alpha' },
      { id: 902, owner: 'Codertocat', name: 'beta' },
    ];
    mockInstallationToken(app.gh, installationId);
    mockInstallationRepos(app.gh, repos);
    for (const r of repos) mockConfigFile(app.gh, r.owner, r.name, null);
    expect((await app.send('installation', unsuspend)).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect((await app.schedulers()).map((s) => s.id).sort()).toEqual([
      `repo:${installationId}:901`,
      `repo:${installationId}:902`,
    ]);

    const suspend = examplePayload('installation', 'suspend');
    expect((suspend['installation'] as { id: number }).id).toBe(installationId);
    expect((await app.send('installation', suspend)).status).toBe(200);
    await app.idle();
    expect(await app.schedulers()).toEqual([]);
  });
});

/** Whether any value under the app's prefix contains `needle`. */
async function redisContains(t: TestApp, needle: string): Promise<boolean> {
  const keys = await t.redis.keys(`${t.prefix}:*`);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    const type = await t.redis.type(key);
    let values: string[] = [];
    if (type === 'string') values = [(await t.redis.get(key)) ?? ''];
    else if (type === 'hash') values = Object.entries(await t.redis.hgetall(key)).flat();
    else if (type === 'list') values = await t.redis.lrange(key, 0, -1);
    else if (type === 'set') values = await t.redis.smembers(key);
    else if (type === 'zset') values = await t.redis.zrange(key, 0, -1);
    else if (type === 'stream') values = (await t.redis.xrange(key, '-', '+')).flatMap(([, fields]) => fields);
    if (values.some((v) => v.includes(needle))) return true;
  }
  return false;
}
