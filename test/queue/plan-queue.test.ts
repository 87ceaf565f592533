/**
 * The `plan` queue contract the pipeline plugs into, on a real Redis: a scheduler's job reaches
 * the injected handler with ids only and a way to get an installation client; a failing handler
 * fails the job so BullMQ retries it; data that does not fit fails without retries; enqueuing
 * the same commanded run twice collapses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import type { PlanHandler, PlanJobContext } from '../../src/pipeline/plan-handler.js';
import { createPlanProcessor } from '../../src/pipeline/run-plan.js';
import { enqueuePlan, PLAN_QUEUE } from '../../src/queues/plan-queue.js';
import { upsertWithPattern } from '../../src/queues/repo-schedulers.js';
import { recordingAuth, silentLogger } from '../support/queue-fakes.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

let redis: Redis;
let redisUrl: string;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = redisClient(redisUrl);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await redis.quit();
});

function setup(handler: PlanHandler, calls: number[] = []) {
  const prefix = uniquePrefix('plan');
  const workerRedis = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(PLAN_QUEUE, { connection: redis, prefix });
  const worker = new Worker(
    PLAN_QUEUE,
    createPlanProcessor({ planHandler: handler, auth: recordingAuth(calls), log: silentLogger }),
    { connection: workerRedis, prefix },
  );
  opened.push(worker, queue, { close: async () => void (await workerRedis.quit()) });
  return { queue, worker };
}

function settled(worker: Worker, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const done = (job: Job | undefined) => {
      if (job?.id === jobId) resolve(job);
    };
    worker.on('completed', done);
    worker.on('failed', done);
  });
}

const data = { installationId: 5, repositoryId: 50, owner: 'acme', repo: 'shop' };

describe('plan queue', () => {
  it("a scheduler's job reaches the handler with ids only and an installation client on demand", async () => {
    const seen: PlanJobContext[] = [];
    const calls: number[] = [];
    const { queue, worker } = setup(async (ctx) => {
      seen.push(ctx);
      const client = await ctx.github();
      return { client };
    }, calls);
    const finished = new Promise<Job>((resolve) => worker.on('completed', (job) => resolve(job)));
    // Every second, so the test does not wait for the 1st or 15th.
    await upsertWithPattern(queue, data, '* * * * * *', 'UTC');
    const job = await finished;
    await queue.removeJobScheduler('repo:5:50');
    expect(seen[0]?.data).toEqual(data);
    expect(seen[0]?.job.repeatJobKey).toBe('repo:5:50');
    expect(calls).toEqual([5]);
    expect(job.returnvalue).toEqual({ client: { installation: 5 } });
  });

  it('a handler that throws fails the attempt and leaves the job to be retried', async () => {
    const { queue, worker } = setup(async () => {
      throw new Error('proxy unreachable');
    });
    const job = await enqueuePlan(queue, data, 'command-1', { backoff: { type: 'fixed', delay: 60_000 } });
    const failed = await settled(worker, String(job.id));
    expect(failed.failedReason).toBe('proxy unreachable');
    expect(await queue.getJobState(String(job.id))).toBe('delayed');
  });

  it('job data that does not fit fails at once, without retries, and never reaches the handler', async () => {
    let called = false;
    const { queue, worker } = setup(async () => {
      called = true;
    });
    const job = await queue.add('plan', { installationId: 'five', token: 'ghs_x' }, { jobId: 'bad-data', attempts: 5 });
    const failed = await settled(worker, String(job.id));
    expect(failed.failedReason).toMatch(/plan job data does not fit its schema: installationId/);
    expect(await queue.getJobState('bad-data')).toBe('failed');
    expect(called).toBe(false);
  });

  it('the same commanded run enqueued twice is one job', async () => {
    const prefix = uniquePrefix('plan-dup');
    const queue = new Queue(PLAN_QUEUE, { connection: redis, prefix });
    opened.push(queue);
    const a = await enqueuePlan(queue, data, 'comment 42');
    const b = await enqueuePlan(queue, data, 'comment 42');
    expect(a.id).toBe('plan-5-50-comment_42');
    expect(b.id).toBe(a.id);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });
});
