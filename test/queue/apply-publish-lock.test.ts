/**
 * Apply and publish of one repository never run at once, on the real Redis: both stages are
 * wired from the runtime's own table (server/stages.ts) through repoLocked, as workers.ts does,
 * with recording processors in place of the pipeline. Another repository is not held up.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker, type Processor } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import { APPLY_QUEUE } from '../../src/queues/apply-queue.js';
import { PUBLISH_QUEUE } from '../../src/queues/publish-queue.js';
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

interface Span {
  queue: string;
  repositoryId: number;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

describe('the repository lock between apply and publish', () => {
  it('serialises apply and publish of the same repository, and not of another one', async () => {
    const prefix = uniquePrefix('apply-publish-lock');
    const spans: Span[] = [];
    const recording =
      (queue: string): Processor =>
      async (job) => {
        const start = Date.now();
        await sleep(700);
        spans.push({
          queue,
          repositoryId: (job.data as { repositoryId: number }).repositoryId,
          start,
          end: Date.now(),
        });
        return 'ok';
      };

    const connections: Redis[] = [];
    const queues: Queue[] = [];
    const workers: Worker[] = [];
    try {
      for (const name of [APPLY_QUEUE, PUBLISH_QUEUE]) {
        const stage = STAGES.find((s) => s.queue === name)!;
        // The runtime's own choice: a stage without repoLock would run unlocked and fail below.
        expect({ name, locked: stage.repoLock !== undefined }).toEqual({ name, locked: true });
        const processor = stage.repoLock
          ? repoLocked(name, recording(name), { redis, prefix, ...stage.repoLock, retryDelayMs: 100 })
          : recording(name);
        const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
        connections.push(connection);
        queues.push(new Queue(name, { connection: redis, prefix }));
        workers.push(new Worker(name, processor, { connection, prefix, concurrency: stage.concurrency({ plan: 1 }) }));
      }
      const [apply, publish] = queues as [Queue, Queue];
      const ref = (repositoryId: number) => ({
        installationId: 7,
        repositoryId,
        owner: 'acme',
        repo: `r${repositoryId}`,
      });
      const jobs: [Queue, string][] = [
        [apply, (await apply.add('apply', ref(42))).id!],
        [publish, (await publish.add('publish', ref(42))).id!],
        [publish, (await publish.add('publish', ref(43))).id!],
      ];
      for (let t = 0; spans.length < jobs.length && t < 200; t++) await sleep(50);

      expect(spans).toHaveLength(3);
      const same = spans.filter((s) => s.repositoryId === 42);
      expect(same.map((s) => s.queue).sort()).toEqual([APPLY_QUEUE, PUBLISH_QUEUE].sort());
      expect(overlap(same[0]!, same[1]!)).toBe(false);
      // Repository 43 took its own lock: it ran alongside one of 42's jobs.
      const other = spans.find((s) => s.repositoryId === 43)!;
      expect(same.some((s) => overlap(s, other))).toBe(true);
      // Waiting for the lock used no attempt.
      for (const [q, id] of jobs) expect((await q.getJob(id))?.attemptsMade).toBe(1);
    } finally {
      for (const w of workers) await w.close();
      for (const q of queues) await q.close();
      for (const c of connections) await c.quit();
    }
  }, 30_000);
});
