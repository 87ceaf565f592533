/**
 * A stage that runs holding its repository's lock (redis/repo-lock.ts): the job's repository is
 * read from its data, the lock taken, then the stage's processor runs. A job that finds the lock
 * taken goes back to the delayed set without using an attempt.
 */
import type { Processor } from 'bullmq';
import type { RedisConnection } from '../redis/connection.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { repoLockKey, withRepoLock, type RepoLockOptions } from '../redis/repo-lock.js';
import { repoRefSchema } from '../repo-ref.js';

const lockTarget = repoRefSchema.pick({ repositoryId: true });

export function repoLocked<T, R>(
  queue: string,
  processor: Processor<T, R>,
  lock: { redis: RedisConnection; prefix: string } & RepoLockOptions,
): Processor<T, R> {
  const { redis, prefix, ...opts } = lock;
  return async (job, token, signal) => {
    const { repositoryId } = parseJobData(lockTarget, job.data, queue);
    return withRepoLock(
      redis,
      repoLockKey(prefix, repositoryId),
      job,
      token,
      () => processor(job, token, signal),
      opts,
    );
  };
}
