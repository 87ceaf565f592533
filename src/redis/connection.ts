/**
 * Redis connections. Workers wait through a Redis outage (BullMQ needs
 * `maxRetriesPerRequest: null` for them); the webhook path fails fast instead, so a delivery is
 * answered with an error rather than held until GitHub gives up on it.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { StewardError } from '../errors.js';
import { databaseOf, describeTarget, sentinelOptions, type RedisTarget } from './redis-target.js';

export type RedisRole = 'producer' | 'worker';

export function createRedis(target: string | RedisTarget, role: RedisRole): Redis {
  const t = typeof target === 'string' ? { url: target } : target;
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectionName: `gomod-steward-${role}`,
    // Many deliveries enqueue at once: one write for all their commands instead of one each.
    enableAutoPipelining: role === 'producer',
    // Capped backoff: reconnect forever, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  };
  const sentinel = sentinelOptions(t);
  return sentinel ? new Redis({ ...options, ...sentinel }) : new Redis(t.url, options);
}

/**
 * A URL's database index that the server does not have (`/16` on a Redis with 16) fails the
 * start-up in one line, instead of ioredis logging the refusal and quietly using database 0.
 */
export async function checkDatabase(redis: Redis, target: string | RedisTarget): Promise<void> {
  const t = typeof target === 'string' ? { url: target } : target;
  const db = databaseOf(t.url);
  if (db === 0) return;
  try {
    await redis.select(db);
  } catch (err) {
    throw new RedisConfigError(
      `REDIS_URL ${describeTarget(t)}: database ${db} cannot be selected (${(err as Error).message.replace(/^ERR /, '')}); ` +
        'use an index below the server\'s "databases" setting (16 by default)',
    );
  }
}

/** Resolves once the connection is usable; a producer without an offline queue must wait for this. */
export async function whenReady(redis: Redis, timeoutMs: number, target?: string | RedisTarget): Promise<void> {
  const where =
    target === undefined
      ? 'Redis'
      : `Redis at ${describeTarget(typeof target === 'string' ? { url: target } : target)}`;
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new RedisUnavailableError(`${where} did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/** PING with a deadline: true when Redis answered in time. */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      redis.ping(),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    return answer === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Quits politely, or drops the socket when Redis is gone and QUIT would wait for it. */
export async function quitRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

export class RedisUnavailableError extends StewardError {
  readonly code = 'redis-unavailable';
}

export class RedisConfigError extends StewardError {
  readonly code = 'redis-config';
}
