/**
 * Reschedule jobs of one repository on a real Redis: a newer push replaces one still waiting
 * out its delay (the newest config wins), the same commit twice is one job, and different
 * repositories never fold into each other.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueueReschedule, RESCHEDULE_QUEUE } from '../../src/queues/reschedule-queue.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

let redis: Redis;

beforeAll(async () => {
  redis = redisClient(await isolatedRedisUrl());
});

afterAll(async () => {
  await redis.quit();
});

const repo = (repositoryId: number) => ({ installationId: 9, repositoryId, owner: 'acme', repo: `r${repositoryId}` });
const sha = (c: string) => c.repeat(40);

describe('reschedule queue', () => {
  it('a newer push replaces a waiting one; the same commit twice is one job; other repositories stay apart', async () => {
    const queue = new Queue(RESCHEDULE_QUEUE, { connection: redis, prefix: uniquePrefix('resched') });
    await enqueueReschedule(queue, { ...repo(1), sha: sha('a') }, sha('a'));
    await enqueueReschedule(queue, { ...repo(1), sha: sha('b') }, sha('b'));
    await enqueueReschedule(queue, { ...repo(1), sha: sha('b') }, sha('b'));
    await enqueueReschedule(queue, { ...repo(2), sha: sha('c') }, sha('c'));
    const delayed = await queue.getDelayed();
    expect(delayed.map((j) => [j.id, j.data.sha]).sort()).toEqual([
      [`reschedule-9-1-${sha('b')}`, sha('b')],
      [`reschedule-9-2-${sha('c')}`, sha('c')],
    ]);
    await queue.close();
  });
});
