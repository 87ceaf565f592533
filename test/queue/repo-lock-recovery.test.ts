/**
 * The repository lock is tied to the live job (real Redis): its lease is short, so a dead
 * holder's lock lapses within 30 s; and the same job, recovered by BullMQ after its worker died,
 * takes its own lock over at once, while another job of that repository still waits its turn.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import { APPLY_QUEUE } from '../../src/queues/apply-queue.js';
import { repoLockKey, REPO_LOCK_TTL_MS, withRepoLock } from '../../src/redis/repo-lock.js';
import { repoLocked } from '../../src/server/repo-locked.js';
import { STAGES } from '../../src/server/stages.js';
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

const DATA = { installationId: 1, repositoryId: 77, owner: 'o', repo: 'r' };

describe('the repository lock after a worker dies', () => {
  it('apply and publish hold a lease of at most 30 s, renewed while the job runs', async () => {
    for (const name of ['apply', 'publish'])
      expect(STAGES.find((s) => s.queue === name)?.repoLock?.ttlMs).toBeUndefined();
    expect(REPO_LOCK_TTL_MS).toBeLessThanOrEqual(30_000);
    const prefix = uniquePrefix('lease');
    const key = repoLockKey(prefix, 5);
    const job = { id: 'j1', queueName: APPLY_QUEUE } as unknown as Job;
    const ttls: number[] = [];
    await withRepoLock(
      redis,
      key,
      job,
      undefined,
      async () => {
        for (let i = 0; i < 3; i++) {
          ttls.push(await redis.pttl(key));
          await new Promise((r) => setTimeout(r, 1_200));
        }
      },
      { ttlMs: 3_000 },
    );
    // Renewed every second: the lease never ran down below two seconds over three and a half.
    expect(Math.min(...ttls)).toBeGreaterThan(1_000);
    expect(await redis.exists(key)).toBe(0);
  });

  it("a recovered job takes over its dead run's lock at once; another job of the repository waits", async () => {
    const prefix = uniquePrefix('recovered');
    const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(APPLY_QUEUE, { connection, prefix });
    const started: { id: string; at: number }[] = [];
    const key = repoLockKey(prefix, DATA.repositoryId);
    // What a worker killed mid-job leaves: the lock, named after its job, with most of its lease.
    await redis.set(key, `job|${APPLY_QUEUE}|apply-recovered|deadbeef`, 'PX', 30_000);
    const worker = new Worker(
      APPLY_QUEUE,
      repoLocked(
        APPLY_QUEUE,
        async (job) => {
          started.push({ id: String(job.id), at: Date.now() });
          return 'ok';
        },
        { redis, prefix, retryDelayMs: 200 },
      ),
      { connection, prefix, concurrency: 2 },
    );
    try {
      const t0 = Date.now();
      await queue.add('apply', DATA, { jobId: 'apply-other' });
      await queue.add('apply', DATA, { jobId: 'apply-recovered' });
      const until = Date.now() + 20_000;
      while (started.length < 2) {
        if (Date.now() > until) throw new Error(`only ${JSON.stringify(started)} ran`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // The recovered job did not wait out the 30 s lease; the other one ran after it, not before.
      expect(started[0]?.id).toBe('apply-recovered');
      expect(started[0]!.at - t0).toBeLessThan(10_000);
      expect(started[1]?.id).toBe('apply-other');
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  });
});
