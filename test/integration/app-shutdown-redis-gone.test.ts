/**
 * Shutdown does not depend on Redis: with the app's Redis killed after start (a private
 * redis-server, so no other test file loses its Redis), SIGTERM still ends the process within
 * SHUTDOWN_GRACE_SECONDS, whether a job was running or the process was idle.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { spawnApp, testPrivateKey } from '../support/app-harness.js';
import { freePort } from '../support/free-port.js';
import { startPrivateRedis, uniquePrefix, type PrivateRedis } from '../support/redis.js';
import { untilReady } from '../support/until-ready.js';

const GRACE_SECONDS = 4;
const DATA = { installationId: 1, repositoryId: 2, owner: 'o', repo: 'r' };

let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterAll(async () => {
  await redis.stop();
});

async function startApp(role: string, withJob: boolean) {
  await redis.restart();
  const prefix = uniquePrefix('redis-gone');
  const port = await freePort();
  if (withJob) {
    const { Redis } = await import('ioredis');
    const conn = new Redis(redis.url, { maxRetriesPerRequest: 2 });
    const queue = new Queue('plan', { connection: conn, prefix });
    await queue.add('plan', DATA, { jobId: 'plan-long', attempts: 1 });
    await queue.close();
    await conn.quit();
  }
  const app = spawnApp(
    {
      APP_ID: '1',
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: 'x',
      REDIS_URL: redis.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      TEST_PREFIX: prefix,
      ROLE: role,
      FAKE_PLAN_MS: '120000',
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    },
    'test/support/app-fake-main.ts',
  );
  await untilReady(`http://127.0.0.1:${port}`, { timeoutMs: 60_000 });
  if (withJob) await app.waitForLine(/^plan-started plan-long$/, 60_000);
  return { app, port };
}

describe('shutdown with Redis gone', () => {
  it.each([
    ['all', true],
    ['all', false],
    ['web', false],
    ['worker', true],
  ])(
    'ROLE=%s (job running: %s): SIGTERM after Redis died exits within the grace period',
    async (role, withJob) => {
      const { app, port } = await startApp(role, withJob);
      await redis.stop();
      // The process has noticed: its readiness says Redis is unreachable.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (r && r.status === 503) break;
        if (Date.now() > deadline) throw new Error('readiness never reported Redis down');
        await new Promise((res) => setTimeout(res, 200));
      }
      const t0 = Date.now();
      app.child.kill('SIGTERM');
      // A process that ignores SIGTERM is killed after a while, so the test fails rather than hangs.
      const guard = setTimeout(() => app.child.kill('SIGKILL'), GRACE_SECONDS * 1000 + 15_000);
      const { code, signal } = await app.exited;
      clearTimeout(guard);
      const took = Date.now() - t0;
      expect(signal).toBeNull();
      expect(code).not.toBeNull();
      // The grace period, plus a second for the process to wind down on a loaded machine.
      expect(took).toBeLessThan(GRACE_SECONDS * 1000 + 1_500);
    },
    120_000,
  );
});
