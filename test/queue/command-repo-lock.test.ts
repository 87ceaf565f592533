/**
 * The per-repository lock the ignore commands write the dashboard issue under, on the real Redis:
 * critical sections never overlap, only the holder releases, a crashed holder's lock expires.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { LockTimeoutError, withLock } from '../../src/redis/lock.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

let redis: Redis;

beforeAll(async () => {
  redis = redisClient(await isolatedRedisUrl());
});

afterAll(async () => {
  await redis.quit();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withLock', () => {
  it('runs concurrent critical sections one at a time, each read-modify-write seeing the last', async () => {
    const key = `${uniquePrefix('lock')}:k`;
    let inside = 0;
    let maxInside = 0;
    let shared: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withLock(redis, key, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          const read = [...shared];
          await sleep(15);
          shared = [...read, `w${i}`];
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(shared.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `w${i}`).sort());
    expect(await redis.exists(key)).toBe(0);
  });

  it('releases on failure, and the error propagates', async () => {
    const key = `${uniquePrefix('lock')}:k`;
    await expect(withLock(redis, key, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await redis.exists(key)).toBe(0);
  });

  it('a holder whose lock expired does not release its successor', async () => {
    const key = `${uniquePrefix('lock')}:k`;
    let successorHeld = false;
    await withLock(
      redis,
      key,
      async () => {
        await sleep(120);
        // Expired after 50 ms: another worker took it meanwhile.
        successorHeld = (await redis.set(key, 'successor', 'PX', 10_000, 'NX')) === 'OK';
      },
      { ttlMs: 50 },
    );
    expect(successorHeld).toBe(true);
    expect(await redis.get(key)).toBe('successor');
  });

  it('gives up after waitMs while someone else holds it', async () => {
    const key = `${uniquePrefix('lock')}:k`;
    await redis.set(key, 'someone', 'PX', 10_000);
    await expect(withLock(redis, key, async () => 'never', { waitMs: 150 })).rejects.toBeInstanceOf(LockTimeoutError);
    expect(await redis.get(key)).toBe('someone');
  });
});
