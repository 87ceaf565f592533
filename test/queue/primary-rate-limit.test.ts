/**
 * The primary rate limit is respected before GitHub refuses anything (real Redis, the app's own
 * Probot and Octokit against the GitHub stand-in answering with low `x-ratelimit-remaining`
 * headers for one installation). The job that read the low count finishes (the reserve is for
 * it); the installation's next job waits in the delayed set until the window resets and sends
 * nothing meanwhile; another installation with room runs on and is not paused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import { probotAuth } from '../../src/github/app-auth.js';
import { installationPauseKey } from '../../src/redis/installation-pause.js';
import { pauseOnRateLimit } from '../../src/server/pause-on-rate-limit.js';
import { primaryPauseMs, reserveFor, watchPrimaryLimit } from '../../src/server/primary-limit.js';
import type { StandIn } from '../stand-in/stand-in.js';
import { standInProbot } from '../support/app-harness.js';
import { silentLogger } from '../support/queue-fakes.js';
import { startQueueStandIn, stopQueueStandIn } from '../support/queue-stand-in.js';
import { uniquePrefix } from '../support/redis.js';

const APP_ID = 7707;
const LOW = 41;
const ROOMY = 42;

let redisUrl: string;
let redis: Redis;
let gh: StandIn;

beforeAll(async () => {
  ({ redisUrl, redis, gh } = await startQueueStandIn(APP_ID, [
    { owner: 'low', id: 4101, installationId: LOW },
    { owner: 'roomy', id: 4201, installationId: ROOMY },
  ]));
});

afterAll(async () => {
  await stopQueueStandIn({ redis, gh });
});

describe('the reserve', () => {
  it('is 50 requests or 2% of the window, whichever is more; a pause lasts until the reset', () => {
    expect(reserveFor(5000)).toBe(100);
    expect(reserveFor(1000)).toBe(50);
    expect(reserveFor(undefined)).toBe(50);
    const now = 1_700_000_000_000;
    const reset = String(now / 1000 + 600);
    expect(primaryPauseMs({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '100' }, now)).toBeUndefined();
    expect(
      primaryPauseMs({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': reset }, now),
    ).toBe(600_000);
    expect(primaryPauseMs({ 'x-ratelimit-remaining': '49', 'x-ratelimit-reset': reset }, now)).toBe(600_000);
    expect(primaryPauseMs({}, now)).toBeUndefined();
  });
});

describe('an installation whose primary limit is nearly spent', () => {
  it('is paused until the reset before GitHub refuses; the running job finishes; another installation runs', async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 40;
    gh.primaryLimits.set(LOW, { limit: 5000, remaining: 103, resetAt });
    gh.primaryLimits.set(ROOMY, { limit: 5000, remaining: 4000, resetAt });
    const prefix = uniquePrefix('primary-limit');
    const auth = watchPrimaryLimit(probotAuth(standInProbot(gh.apiUrl, APP_ID)), { redis, prefix, log: silentLogger });
    const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('publish', { connection, prefix });
    const finished: { id: string; at: number }[] = [];
    const processor = async (job: { id?: string; data: { installationId: number; owner: string } }) => {
      const client = await auth.installation(job.data.installationId);
      // Four reads: 102, 101, 100 left (the reserve is 100), then 99: under it, and the job still finishes.
      for (let i = 0; i < 4; i++) await client.rest.pulls.list({ owner: job.data.owner, repo: 'svc' });
      finished.push({ id: String(job.id), at: Date.now() });
      return 'done';
    };
    const worker: Worker = new Worker('publish', pauseOnRateLimit(processor, { redis, prefix, worker: () => worker }), {
      connection,
      prefix,
      concurrency: 1,
    });
    const data = (installationId: number, owner: string) => ({ installationId, repositoryId: 1, owner, repo: 'svc' });
    try {
      await queue.add('publish', data(LOW, 'low'), { jobId: 'low-1' });
      await queue.add('publish', data(LOW, 'low'), { jobId: 'low-2' });
      await queue.add('publish', data(ROOMY, 'roomy'), { jobId: 'roomy-1' });
      await queue.add('publish', data(ROOMY, 'roomy'), { jobId: 'roomy-2' });
      const deadline = Date.now() + 30_000;
      while ((await queue.getJobState('roomy-2')) !== 'completed') {
        if (Date.now() > deadline) throw new Error(`roomy-2 did not complete: ${JSON.stringify(finished)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await queue.getJobState('low-1')).toBe('completed');
      const low2 = await queue.getJob('low-2');
      expect(await low2?.getState()).toBe('delayed');
      expect(low2!.timestamp + (low2!.delay ?? 0)).toBeGreaterThanOrEqual(resetAt * 1000 - 3_000);
      // Nothing of the paused installation reached GitHub after its running job ended.
      const lowRequests = gh.exchanges.filter((e) => e.principal === `installation ${LOW}`);
      expect(lowRequests).toHaveLength(4);
      expect(gh.primaryLimits.get(LOW)!.remaining).toBe(99);
      const pttl = await redis.pttl(installationPauseKey(prefix, LOW));
      expect(pttl).toBeGreaterThan(25_000);
      expect(pttl).toBeLessThanOrEqual(41_000);
      expect(await redis.exists(installationPauseKey(prefix, ROOMY))).toBe(0);
      expect(gh.exchanges.filter((e) => e.principal === `installation ${ROOMY}`)).toHaveLength(8);
      expect(gh.violations).toEqual([]);
    } finally {
      await worker.close(true);
      await queue.close();
      await connection.quit();
    }
  }, 60_000);
});
