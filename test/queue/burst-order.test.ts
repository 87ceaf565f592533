/**
 * A burst of many installations' runs in one worker, on the real Redis and the GitHub stand-in:
 * publish jobs, which spend most of their time waiting for their installation's write slots,
 * run side by side across installations (one installation's spaced writes do not hold the
 * others' back), and a plan that only rewrites a dashboard yields to runs that may open a PR.
 * The stages are wired from the runtime's own table (server/stages.ts), as workers.ts does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker, type Processor } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import { enqueuePlan, PLAN_QUEUE, type PlanJobData } from '../../src/queues/plan-queue.js';
import { PUBLISH_QUEUE } from '../../src/queues/publish-queue.js';
import { repoLocked } from '../../src/server/repo-locked.js';
import { applyConcurrency, STAGES } from '../../src/server/stages.js';
import { workerAuth } from '../../src/server/worker-auth.js';
import type { StandIn } from '../stand-in/stand-in.js';
import { standInProbot } from '../support/app-harness.js';
import { silentLogger } from '../support/queue-fakes.js';
import { startQueueStandIn, stopQueueStandIn } from '../support/queue-stand-in.js';
import { uniquePrefix } from '../support/redis.js';

const APP_ID = 7709;
/** More installations than the publish stage used to run at once (8). */
const INSTALLATIONS = 20;
const FIRST = 600;

let redisUrl: string;
let redis: Redis;
let gh: StandIn;

beforeAll(async () => {
  ({ redisUrl, redis, gh } = await startQueueStandIn(
    APP_ID,
    Array.from({ length: INSTALLATIONS }, (_, i) => ({ owner: `o${i}`, id: 9_000 + i, installationId: FIRST + i })),
  ));
}, 60_000);

afterAll(async () => {
  await stopQueueStandIn({ redis, gh });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a burst in one worker', () => {
  it('runs many installations’ publishes side by side, each installation’s writes still spaced', async () => {
    const prefix = uniquePrefix('burst-publish');
    const stage = STAGES.find((s) => s.queue === PUBLISH_QUEUE)!;
    const auth = workerAuth(standInProbot(gh.apiUrl, APP_ID), { redis, prefix, log: silentLogger });
    // Tokens first: the burst below is about the jobs, not minting tokens.
    await Promise.all(Array.from({ length: INSTALLATIONS }, (_, i) => auth.installation(FIRST + i)));
    // A publish as the stage's jobs are, for timing: two writes of its installation (the commit
    // and the PR, say), each waiting for its slot. How many run at once is counted, not timed: a
    // loaded machine stretches the wall clock, never the number of jobs under way together.
    let running = 0;
    let most = 0;
    const publishLike: Processor = async (job) => {
      most = Math.max(most, ++running);
      try {
        const { installationId, owner } = job.data as { installationId: number; owner: string };
        const client = await auth.installation(installationId);
        for (const part of ['tree', 'pull'])
          await client.rest.git.createBlob({ owner, repo: 'svc', content: `${job.id} ${part}\n`, encoding: 'utf-8' });
      } finally {
        running--;
      }
    };
    const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(PUBLISH_QUEUE, { connection: redis, prefix });
    const worker = new Worker(PUBLISH_QUEUE, repoLocked(PUBLISH_QUEUE, publishLike, { redis, prefix }), {
      connection,
      prefix,
      concurrency: stage.concurrency({ plan: 2 }),
      autorun: false,
    });
    try {
      for (let i = 0; i < INSTALLATIONS; i++)
        await queue.add('publish', { installationId: FIRST + i, repositoryId: 9_000 + i, owner: `o${i}`, repo: 'svc' });
      const t0 = Date.now();
      void worker.run();
      for (let t = 0; (await queue.getJobCounts('completed')).completed! < INSTALLATIONS && t < 400; t++)
        await sleep(50);
      expect((await queue.getJobCounts('completed')).completed).toBe(INSTALLATIONS);
      // Every installation's two writes, a spacing apart...
      for (let i = 0; i < INSTALLATIONS; i++) {
        const at = gh.exchanges
          .filter((e) => e.principal === `installation ${FIRST + i}` && e.method === 'POST' && e.at >= t0)
          .map((e) => e.at)
          .sort((a, b) => a - b);
        expect(at).toHaveLength(2);
        expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(995);
      }
      // ...and all installations under way at once, where eight slots held the other twelve
      // back for a whole spacing.
      expect(most).toBe(INSTALLATIONS);
      expect(gh.violations).toEqual([]);
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  }, 60_000);

  it('takes scheduled runs before plans that only rewrite a dashboard', async () => {
    const prefix = uniquePrefix('burst-plan');
    const queue = new Queue(PLAN_QUEUE, { connection: redis, prefix });
    const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    const order: string[] = [];
    const worker = new Worker(
      PLAN_QUEUE,
      async (job) => {
        const data = job.data as PlanJobData;
        order.push(`${data.refresh ? 'refresh' : 'run'} ${data.repositoryId}`);
      },
      { connection, prefix, concurrency: 1, autorun: false },
    );
    try {
      const ref = (repositoryId: number) => ({
        installationId: 7,
        repositoryId,
        owner: 'acme',
        repo: `r${repositoryId}`,
      });
      // Publishes finished first and queued their refreshes; then the burst's runs came due.
      await enqueuePlan(queue, { ...ref(1), refresh: true }, 'dashboard-1');
      await enqueuePlan(queue, { ...ref(2), refresh: true }, 'dashboard-2');
      await queue.add('plan', ref(3));
      await enqueuePlan(queue, ref(4), 'run-4');
      void worker.run();
      for (let t = 0; order.length < 4 && t < 200; t++) await sleep(25);
      expect(order).toEqual(['run 3', 'run 4', 'refresh 1', 'refresh 2']);
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('runs two applies per core: go waits on the proxy and the disk part of the time', () => {
    expect(applyConcurrency({ plan: 2 }, 2)).toBe(4);
    expect(applyConcurrency({ plan: 1 }, 2)).toBe(2);
    expect(applyConcurrency({ plan: 8 }, 2)).toBe(4);
    expect(applyConcurrency({ plan: 2, apply: 1 }, 2)).toBe(1);
  });
});
