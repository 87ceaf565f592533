/**
 * A finished impact run is reported under the repository lock publish holds while it starts the
 * matrix, on the real Redis: while the lock is taken the report waits (delayed, no attempt used),
 * and it runs once the lock is free.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import { createImpactProcessor } from '../../src/pipeline/run-impact.js';
import { enqueueImpact, IMPACT_QUEUE, type ImpactJobData } from '../../src/queues/impact-queue.js';
import { repoLocked } from '../../src/server/repo-locked.js';
import { tryLock, unlock } from '../../src/redis/lock.js';
import { repoLockKey } from '../../src/redis/repo-lock.js';
import { recordingAuth, silentLogger } from '../support/queue-fakes.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

let redisUrl: string;
let redis: Redis;

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = redisClient(redisUrl);
});

afterAll(async () => {
  await redis.quit();
});

const RUN: ImpactJobData = {
  kind: 'run-completed',
  installationId: 7,
  repositoryId: 42,
  owner: 'acme',
  repo: 'shop',
  runId: 9001,
  runAttempt: 1,
  // Not a correlated run name: the report ends at once as "not ours", without any GitHub call.
  runName: 'CI',
  headBranch: 'gomod-steward/all',
  conclusion: 'success',
  htmlUrl: 'https://github.com/acme/shop/actions/runs/9001',
  pullNumbers: [],
};

describe('impact reports and the repository lock', () => {
  it('waits while publish holds the lock, then reports; the wait uses no attempt', async () => {
    const prefix = uniquePrefix('impact-lock');
    const key = repoLockKey(prefix, RUN.repositoryId);
    const held = await tryLock(redis, key, 30_000);
    expect(held).toBeDefined();

    const installations: number[] = [];
    const queue = new Queue(IMPACT_QUEUE, { connection: redis, prefix });
    const workerRedis = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker(
      IMPACT_QUEUE,
      repoLocked(IMPACT_QUEUE, createImpactProcessor({ auth: recordingAuth(installations), log: silentLogger }), {
        redis,
        prefix,
        retryDelayMs: 300,
      }),
      { connection: workerRedis, prefix },
    );
    const completed = new Promise<unknown>((resolve) => worker.on('completed', (_job, result) => resolve(result)));
    try {
      const job = await enqueueImpact(queue, RUN, 'delivery-1');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await job.getState()).toBe('delayed');
      expect(installations).toEqual([]);

      await unlock(redis, key, held!);
      const result = await completed;
      expect(result).toEqual({ outcome: 'ignored', reason: 'not-ours' });
      expect(installations).toEqual([7]);
      const done = await queue.getJob(job.id!);
      expect(done?.attemptsMade).toBe(1);
      expect(await redis.exists(key)).toBe(0);
    } finally {
      await worker.close();
      await queue.close();
      await workerRedis.quit();
    }
  });
});
