/**
 * Graceful shutdown, with the app as a real process: SIGTERM stops accepting HTTP, lets the
 * plan job in flight finish, takes no new job, closes queues and Redis, and exits 0. A job
 * running past the grace period is aborted and the process still exits 0 in time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { spawnApp, testPrivateKey } from '../support/app-harness.js';
import { freePort } from '../support/free-port.js';
import { untilReady } from '../support/until-ready.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

const DATA = { installationId: 1, repositoryId: 2, owner: 'o', repo: 'r' };

let redisUrl: string;
let redis: Redis;

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = redisClient(redisUrl);
});

afterAll(async () => {
  await redis.quit();
});

function appEnv(prefix: string, port: number, extra: Record<string, string>): Record<string, string> {
  return {
    APP_ID: '1',
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: 'x',
    REDIS_URL: redisUrl,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    TEST_PREFIX: prefix,
    WORKER_CONCURRENCY: '1',
    ...extra,
  };
}

describe('graceful shutdown', () => {
  it('SIGTERM with a job in flight: HTTP closes, the job completes, no new job starts, exit 0', async () => {
    const prefix = uniquePrefix('shutdown');
    const queue = new Queue('plan', { connection: redis, prefix });
    await queue.add('plan', DATA, { jobId: 'plan-first', attempts: 1 });
    const port = await freePort();
    const app = spawnApp(
      appEnv(prefix, port, { ROLE: 'all', FAKE_PLAN_MS: '3000', SHUTDOWN_GRACE_SECONDS: '20' }),
      'test/support/app-fake-main.ts',
    );

    await app.waitForLine(/^plan-started plan-first$/);
    // The worker may take the job before the port listens; wait for readiness, then stop.
    await untilReady(`http://127.0.0.1:${port}`, { timeoutMs: 2_500 });
    const t0 = Date.now();
    app.child.kill('SIGTERM');
    // While the job drains, the port no longer accepts connections.
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    // A job queued while the worker drains is left for another process (plans run several at once,
    // so one queued before the signal would have started beside the first).
    await queue.add('plan', DATA, { jobId: 'plan-second', attempts: 1 });

    const { code, signal } = await app.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(app.stdout()).toMatch(/^plan-finished plan-first$/m);
    expect(app.stdout()).not.toMatch(/plan-started plan-second/);
    const first = await queue.getJob('plan-first');
    expect(await first?.getState()).toBe('completed');
    expect(first?.returnvalue).toEqual({ workedMs: 3000 });
    expect(await (await queue.getJob('plan-second'))?.getState()).toBe('waiting');
    // The app's Redis connections were quit, not left open (other test files use other databases).
    const db = new URL(redisUrl).pathname.slice(1);
    const clients = ((await redis.client('LIST')) as string).split('\n').filter((l) => l.includes(` db=${db} `));
    expect(clients.filter((l) => /name=gomod-steward-/.test(l))).toEqual([]);
    await queue.close();
  });

  it('a job running past the grace period is aborted and the process still exits 0 in time', async () => {
    const prefix = uniquePrefix('deadline');
    const queue = new Queue('plan', { connection: redis, prefix });
    await queue.add('plan', DATA, { jobId: 'plan-long', attempts: 1 });
    const app = spawnApp(
      appEnv(prefix, await freePort(), { ROLE: 'worker', FAKE_PLAN_MS: '60000', SHUTDOWN_GRACE_SECONDS: '1' }),
      'test/support/app-fake-main.ts',
    );

    await app.waitForLine(/^plan-started plan-long$/);
    const t0 = Date.now();
    app.child.kill('SIGTERM');
    const { code } = await app.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(app.stdout()).toMatch(/^plan-aborted plan-long$/m);
    expect(app.stdout()).not.toMatch(/plan-finished/);
    const job = await queue.getJob('plan-long');
    expect(await job?.getState()).not.toBe('completed');
    await queue.close();
  });
});
