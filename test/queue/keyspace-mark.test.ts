/**
 * The mark that says Redis lost nothing since it was set (real Redis): there after setting, gone
 * after the keyspace is flushed, and not believed when it names another Redis run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { keyspaceMarkKey, mayHaveLostData, setKeyspaceMark } from '../../src/redis/keyspace-mark.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

let redis: Redis;

beforeAll(async () => {
  redis = redisClient(await isolatedRedisUrl());
});

afterAll(async () => {
  await redis.quit();
});

describe('keyspace mark', () => {
  it('answers "maybe lost" with no mark, after a flush and for a mark of another run; not after a mark of this run', async () => {
    const prefix = uniquePrefix('mark');
    expect(await mayHaveLostData(redis, prefix, 'x')).toBe(true);
    await setKeyspaceMark(redis, prefix, 'x', 60_000);
    expect(await mayHaveLostData(redis, prefix, 'x')).toBe(false);
    expect(await mayHaveLostData(redis, prefix, 'y')).toBe(true);
    expect(await redis.pttl(keyspaceMarkKey(prefix, 'x'))).toBeGreaterThan(50_000);
    await redis.flushdb();
    expect(await mayHaveLostData(redis, prefix, 'x')).toBe(true);
    await redis.set(keyspaceMarkKey(prefix, 'x'), 'a-run-before-a-restart');
    expect(await mayHaveLostData(redis, prefix, 'x')).toBe(true);
  });
});
