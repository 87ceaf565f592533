/**
 * One pipeline stage per repository at a time, any number of repositories in parallel: a Redis
 * lock (lock.ts), renewed while the stage runs, rather than one queue per repository —
 * BullMQ's groups are not in the open-source edition. A job that finds the lock taken is put
 * back as delayed, not failed and not slept on.
 */
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { renewLock, tryLock, unlock } from './lock.js';

export interface RepoLockOptions {
  /** Held this long without renewal before another worker may take it (a crashed holder). */
  ttlMs?: number;
  /** How long a job that found the lock taken waits before it tries again. */
  retryDelayMs?: number;
}

export function repoLockKey(prefix: string, repositoryId: number): string {
  return `${prefix}:lock:repo:${repositoryId}`;
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
  const timer = setInterval(
    () => void renewLock(redis, key, token, ttlMs).catch(() => undefined),
    Math.max(1_000, ttlMs / 3),
  );
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    await unlock(redis, key, token).catch(() => undefined);
  }
}
