/**
 * One pipeline stage per repository at a time, any number of repositories in parallel. A Redis
 * lock (SET NX PX with a random token, renewed while the stage runs, released only by its
 * holder) rather than one queue per repository: BullMQ's groups are not in the open-source
 * edition. A job that finds the lock taken is put back as delayed, not failed and not slept on.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface RepoLockOptions {
  /** Held this long without renewal before another worker may take it (a crashed holder). */
  ttlMs?: number;
  /** How long a job that found the lock taken waits before it tries again. */
  retryDelayMs?: number;
}

export function repoLockKey(prefix: string, repositoryId: number): string {
  return `${prefix}:lock:repo:${repositoryId}`;
}

export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<string | undefined> {
  const token = randomUUID();
  return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : undefined;
}

export async function unlock(redis: Redis, key: string, token: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, token);
}

/**
 * Runs `fn` holding the repository's lock. When another stage holds it, the job moves back to
 * the delayed set and BullMQ runs it again later (DelayedError: no attempt is used up).
 */
export async function withRepoLock<T>(
  redis: Redis,
  key: string,
  job: Job,
  jobToken: string | undefined,
  fn: () => Promise<T>,
  opts: RepoLockOptions = {},
): Promise<T> {
  const ttlMs = opts.ttlMs ?? 120_000;
  const token = await tryLock(redis, key, ttlMs);
  if (!token) {
    await job.moveToDelayed(Date.now() + (opts.retryDelayMs ?? 15_000), jobToken);
    throw new DelayedError();
  }
  const timer = setInterval(() => void redis.eval(RENEW, 1, key, token, String(ttlMs)).catch(() => undefined), Math.max(1_000, ttlMs / 3));
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    await unlock(redis, key, token).catch(() => undefined);
  }
}
