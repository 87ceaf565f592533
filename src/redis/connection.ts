/**
 * Redis connections. Workers wait through a Redis outage (BullMQ needs
 * `maxRetriesPerRequest: null` for them); the webhook path fails fast instead, so a delivery is
 * answered with an error rather than held until GitHub gives up on it.
 */
import { Redis } from 'ioredis';
import { StewardError } from '../errors.js';

export type RedisRole = 'producer' | 'worker';

export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectionName: `gomod-steward-${role}`,
    // Many deliveries enqueue at once: one write for all their commands instead of one each.
    enableAutoPipelining: role === 'producer',
    // Capped backoff: reconnect forever, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}

/** Resolves once the connection is usable; a producer without an offline queue must wait for this. */
export async function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new RedisUnavailableError(`Redis did not become ready within ${timeoutMs} ms`));
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
