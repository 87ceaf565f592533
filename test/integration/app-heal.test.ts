/**
 * Schedules heal without a restart: with the app running (in process, its own redis-server so a
 * FLUSHALL touches no other test file), Redis loses everything; the worker's own timer notices
 * (the reconcile scheduler is gone) and a reconciliation against GitHub (nock, held to its
 * OpenAPI description) rebuilds every repository scheduler with the same timing, within 60 s.
 * A restart of Redis (a new run_id) triggers the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { RECONCILE_SCHEDULER_ID } from '../../src/queues/installation-queue.js';
import {
  installByWebhook,
  mockConfigFile,
  mockHookDeliveries,
  mockInstallationRepos,
  mockInstallations,
  startTestApp,
  type TestApp,
} from '../support/app-harness.js';
import { redisClient, startPrivateRedis, type PrivateRedis } from '../support/redis.js';

let app: TestApp | undefined;
let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

afterAll(async () => {
  await redis.stop();
});

/** What GitHub answers to a reconciliation: the installation and its repositories, none with a config. */
function mockReconcile(t: TestApp, installationId: number, repos: { id: number; owner: string; name: string }[]) {
  mockHookDeliveries(t.gh);
  mockInstallations(t.gh, [installationId]);
  mockInstallationRepos(t.gh, repos);
  for (const r of repos) mockConfigFile(t.gh, r.owner, r.name, null);
}

async function until(what: string, ok: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - t0;
}

describe('self-healing schedules', () => {
  it('FLUSHALL with the app running: every scheduler is back within 60 s, with the same timing, no restart', async () => {
    app = await startTestApp({ redisUrl: redis.url });
    const t = app;
    const first = await installByWebhook(t);
    const before = new Map((await t.schedulers()).map((s) => [s.id, s.pattern]));
    expect(before.size).toBe(3);

    mockReconcile(t, first.installationId, first.repos);
    const admin = redisClient(redis.url);
    await admin.flushall();
    expect(await t.schedulers()).toEqual([]);
    const took = await until('schedulers restored', async () => (await t.schedulers()).length === 3, 60_000);
    await t.idle(30_000);
    const after = new Map((await t.schedulers()).map((s) => [s.id, s.pattern]));
    expect(after).toEqual(before);
    expect(await t.runtime.queues.installation.getJobScheduler(RECONCILE_SCHEDULER_ID)).toBeTruthy();
    expect(took).toBeLessThan(60_000);
    expect(t.gh.violations).toEqual([]);
    await admin.quit();
  }, 120_000);

  it('Redis restarted empty (a new run_id, no keys): a reconciliation rebuilds the schedulers without a restart', async () => {
    app = await startTestApp({ redisUrl: redis.url });
    const t = app;
    const first = await installByWebhook(t);
    expect(await t.schedulers()).toHaveLength(3);
    // Let the healer read the first run_id before Redis goes.
    await new Promise((r) => setTimeout(r, 1_000));

    mockReconcile(t, first.installationId, first.repos);
    await redis.stop();
    await redis.restart();
    await until('schedulers restored', async () => (await t.schedulers().catch(() => [])).length === 3, 60_000);
    expect(t.gh.violations).toEqual([]);
  }, 120_000);
});
