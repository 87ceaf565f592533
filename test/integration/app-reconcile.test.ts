/**
 * Redis holds no decision: after a flush, a worker starting up lists the app's installations and
 * their repositories through the API (paginated) and rebuilds every repository scheduler, with the
 * same stable jitter as before; schedulers GitHub no longer reports go. GitHub is nock, checked
 * against its OpenAPI description.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { probotAuth } from '../../src/github/app-auth.js';
import { reconcileSchedulers, ReconcileError } from '../../src/pipeline/reconcile-schedulers.js';
import { upsertRepoScheduler } from '../../src/queues/repo-schedulers.js';
import {
  installByWebhook,
  mockConfigFile,
  mockHookDeliveries,
  mockInstallationRepos,
  mockInstallations,
  mockInstallationToken,
  notFound,
  startTestApp,
  type TestApp,
} from '../support/app-harness.js';
import { redisClient } from '../support/redis.js';

const ACME = 4002;
const ACME_REPOS = [
  { id: 7001, owner: 'acme', name: 'platform' },
  { id: 7002, owner: 'acme', name: 'tools' },
];

let app: TestApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('reconciliation', () => {
  it('after a flush, start-up reconciliation restores every scheduler and removes stale ones', async () => {
    app = await startTestApp();
    const first = await installByWebhook(app);
    const before = new Map((await app.schedulers()).map((s) => [s.id, s.pattern]));
    expect(before.size).toBe(3);
    const { redisUrl, prefix } = app;
    await app.stop();

    const flush = redisClient(redisUrl);
    await flush.flushdb();
    await flush.quit();

    // What Redis knows after the flush, apart from nothing: schedulers GitHub does not report
    // (a repository no longer in the installation, an installation that is gone, a suspended
    // one) and one for a repository renamed since.
    const SUSPENDED = 4003;
    app = await startTestApp({ redisUrl, prefix });
    const plan = app.runtime.queues.plan;
    await upsertRepoScheduler(plan, {
      installationId: first.installationId,
      repositoryId: 999,
      owner: 'Codertocat',
      repo: 'gone',
    });
    await upsertRepoScheduler(plan, { installationId: 31337, repositoryId: 1, owner: 'nobody', repo: 'x' });
    await upsertRepoScheduler(plan, { installationId: SUSPENDED, repositoryId: 5, owner: 'frozen', repo: 'y' });
    await upsertRepoScheduler(
      plan,
      { installationId: ACME, repositoryId: 7002, owner: 'acme', repo: 'old-tools-name' },
      { schedule: 'weekly', timezone: 'UTC' },
    );
    const renamedPattern = (await app.schedulers()).find((s) => s.repositoryId === 7002)?.pattern;
    await app.stop();

    app = await startTestApp({
      redisUrl,
      prefix,
      reconcileOnStart: true,
      mocks: (gh) => {
        mockHookDeliveries(gh);
        mockInstallations(gh, [first.installationId, ACME, SUSPENDED], [SUSPENDED]);
        mockInstallationToken(gh, first.installationId);
        mockInstallationRepos(gh, first.repos);
        mockInstallationToken(gh, ACME);
        mockInstallationRepos(gh, ACME_REPOS, 1);
        // Missing ones are rebuilt from their config; the renamed one keeps its schedule.
        for (const r of first.repos) mockConfigFile(gh, r.owner, r.name, null);
        mockConfigFile(gh, 'acme', 'platform', null);
      },
    });
    await app.idle();
    app.gh.done();

    const after = await app.schedulers();
    expect(
      new Map(after.filter((s) => s.installationId === first.installationId).map((s) => [s.id, s.pattern])),
    ).toEqual(before);
    expect(after.map((s) => s.id).sort()).toEqual([...before.keys(), `repo:${ACME}:7001`, `repo:${ACME}:7002`].sort());
    const renamed = after.find((s) => s.repositoryId === 7002);
    expect(renamed?.data).toEqual({ installationId: ACME, repositoryId: 7002, owner: 'acme', repo: 'tools' });
    expect(renamed?.pattern).toBe(renamedPattern);
    // Every repository has its daily security check too; the stale ones lost theirs with them.
    const security = await app.runtime.queues.plan.getJobSchedulers(0, -1, true);
    expect(
      security
        .map((j) => j.id ?? j.key)
        .filter((id) => id.startsWith('security:'))
        .sort(),
    ).toEqual(after.map((x) => `security:${x.installationId}:${x.repositoryId}`).sort());

    // Each installation's repositories were listed with that installation's own token, all pages.
    const listings = app.gh.requests.filter((r) => r.path.startsWith('/installation/repositories'));
    expect(listings.map((r) => [r.headers['authorization'], r.path])).toEqual([
      [`token ghs_test${first.installationId}token`, '/installation/repositories?per_page=100'],
      [`token ghs_test${ACME}token`, '/installation/repositories?per_page=100'],
      [`token ghs_test${ACME}token`, '/installation/repositories?per_page=100&page=2'],
    ]);
    // The installation list itself is app-authenticated (a JWT, not a token).
    const listed = app.gh.requests.find((r) => r.path.startsWith('/app/installations?'));
    expect(String(listed?.headers['authorization'])).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i);
  });

  it('an installation whose repositories cannot be listed keeps its schedulers, and the run fails to be retried', async () => {
    app = await startTestApp();
    const plan = app.runtime.queues.plan;
    await upsertRepoScheduler(plan, { installationId: ACME, repositoryId: 7001, owner: 'acme', repo: 'platform' });
    await upsertRepoScheduler(plan, { installationId: 4005, repositoryId: 8001, owner: 'broken', repo: 'z' });
    await upsertRepoScheduler(plan, {
      installationId: 4005,
      repositoryId: 8002,
      owner: 'broken',
      repo: 'stale-or-not',
    });
    mockInstallations(app.gh, [4005, ACME]);
    app.gh.post('/app/installations/4005/access_tokens').reply(404, notFound());
    mockInstallationToken(app.gh, ACME);
    mockInstallationRepos(app.gh, []);

    const run = reconcileSchedulers(
      {
        planQueue: plan,
        rescheduleQueue: app.runtime.queues.reschedule,
        auth: probotAuth(app.runtime.probot),
        log: app.runtime.probot.log,
      },
      'test',
    );
    await expect(run).rejects.toBeInstanceOf(ReconcileError);
    await expect(run).rejects.toThrow(/installation\(s\) 4005/);
    app.gh.done();
    // ACME reports no repositories any more: its scheduler went. 4005 is untouched.
    expect((await app.schedulers()).map((s) => s.id).sort()).toEqual(['repo:4005:8001', 'repo:4005:8002']);
  });
});
