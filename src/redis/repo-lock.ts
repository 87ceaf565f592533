/**
 * One pipeline stage per repository at a time, any number of repositories in parallel: a Redis
 * lock (lock.ts), renewed while the stage runs, rather than one queue per repository —
 * BullMQ's groups are not in the open-source edition. A job that finds the lock taken is put
 * back as delayed, not failed and not slept on.
 *
 * The lock is tied to the live job: a short lease (30 s) renewed every third of it while the job
 * runs, so a killed worker's lock lapses within seconds of its last renewal; and the holder's
 * token names its job, so the same job recovered by BullMQ after its worker died (stalled) takes
 * its own lock over at once instead of waiting the lease out.
 */
import { randomBytes } from 'node:crypto';
import { DelayedError, type Job } from 'bullmq';
import type { RedisConnection } from './connection.js';
import { renewLock, unlock } from './lock.js';

export const REPO_LOCK_TTL_MS = 30_000;
export const REPO_LOCK_RETRY_MS = 5_000;

/** Takes the lock when free, or when the one holding it is an earlier run of this very job. */
const TAKE =
  "local v = redis.call('get', KEYS[1]) " +
  'if (not v) or string.sub(v, 1, string.len(ARGV[2])) == ARGV[2] then ' +
  "redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3]) return 1 end return 0";

async function takeForJob(redis: RedisConnection, key: string, job: Job, ttlMs: number): Promise<string | undefined> {
  const owner = `job|${job.queueName}|${job.id}|`;
  const token = `${owner}${randomBytes(12).toString('hex')}`;
  return (await redis.eval(TAKE, 1, key, token, owner, String(ttlMs))) === 1 ? token : undefined;
}

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
  redis: RedisConnection,
  key: string,
  job: Job,
  jobToken: string | undefined,
  fn: () => Promise<T>,
  opts: RepoLockOptions = {},
): Promise<T> {
  const ttlMs = opts.ttlMs ?? REPO_LOCK_TTL_MS;
  const token = await takeForJob(redis, key, job, ttlMs);
  if (!token) {
    await job.moveToDelayed(Date.now() + (opts.retryDelayMs ?? REPO_LOCK_RETRY_MS), jobToken);
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
