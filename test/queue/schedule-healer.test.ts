/**
 * What the schedule healer notices, on a redis-server of the test's own that keeps its data
 * across a restart (append-only file): a restart alone (a new run_id, keys intact) queues a
 * reconciliation, as does a lost reconcile scheduler; a quiet Redis queues nothing until the
 * periodic one is due.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'probot';
import { ensureReconcileScheduler, INSTALLATION_QUEUE } from '../../src/queues/installation-queue.js';
import { startScheduleHealer } from '../../src/server/schedule-healer.js';
import { freePort } from '../support/free-port.js';
import { answersPing } from '../support/redis.js';

let port: number;
let dir: string;
let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir],
    { stdio: 'ignore' },
  );
  const until = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (Date.now() > until) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(): Promise<void> {
  const c = server;
  if (!c || c.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
  });
}

beforeAll(async () => {
  port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'healer-redis-'));
  await startServer();
});

afterAll(async () => {
  await stopServer();
});

const quiet = () => undefined;
const log = { warn: quiet, info: quiet, debug: quiet, error: quiet } as unknown as Logger;

describe('the schedule healer', () => {
  it('queues a reconciliation on a restart that kept the data, and on a lost reconcile scheduler; not otherwise', async () => {
    const redis = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null });
    const queue = new Queue(INSTALLATION_QUEUE, { connection: redis, prefix: 'heal' });
    await ensureReconcileScheduler(queue);
    const healer = startScheduleHealer({ redis, installationQueue: queue, log }, { checkMs: 3_600_000 });
    try {
      expect(await healer.check()).toBeUndefined();
      expect(await healer.check()).toBeUndefined();

      await stopServer();
      await startServer();
      const until = Date.now() + 15_000;
      while (redis.status !== 'ready') {
        if (Date.now() > until) throw new Error('client did not reconnect');
        await new Promise((r) => setTimeout(r, 50));
      }
      // The data survived the restart; only run_id tells.
      expect(await queue.getJobScheduler('reconcile-daily')).toBeTruthy();
      expect(await healer.check()).toBe('redis restarted');
      expect((await queue.getJobs(['waiting', 'prioritized'])).map((j) => j.name)).toContain('reconcile');
      expect(await healer.check()).toBeUndefined();

      await queue.removeJobScheduler('reconcile-daily');
      expect(await healer.check()).toBe('redis lost the schedulers');
      expect(await queue.getJobScheduler('reconcile-daily')).toBeTruthy();
    } finally {
      healer.stop();
      await queue.close();
      await redis.quit();
    }
  }, 60_000);
});
