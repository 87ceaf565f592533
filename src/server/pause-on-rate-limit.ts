/**
 * GitHub's secondary rate limit and an exhausted quota ask the client to back off for a while.
 * Sleeping inside a job would hold a worker slot and its locks, and outlive BullMQ's job lock;
 * instead the job goes back to the delayed set until the pause ends (no attempt used), and the
 * pause is recorded for its installation (redis/installation-pause.ts), so every worker holds
 * back that installation's other jobs before they send anything, while other installations'
 * jobs run on. A job that names no installation pauses its queue's worker through BullMQ.
 */
import { DelayedError, Worker, type Job, type Processor } from 'bullmq';
import type { RedisConnection } from '../redis/connection.js';
import { z } from 'zod';
import { rateLimitPause } from '../github/rate-limit.js';
import { installationPausedUntil, pauseInstallation } from '../redis/installation-pause.js';

const ofInstallation = z.object({ installationId: z.number().int().positive() });

function installationOf(data: unknown): number | undefined {
  const parsed = ofInstallation.safeParse(data);
  return parsed.success ? parsed.data.installationId : undefined;
}

export function pauseOnRateLimit<T, R>(
  processor: Processor<T, R>,
  deps: { redis: RedisConnection; prefix: string; worker: () => Worker | undefined },
): Processor<T, R> {
  return async (job: Job<T, R>, token?: string, signal?: AbortSignal) => {
    const installationId = installationOf(job.data);
    if (installationId !== undefined) {
      const until = await installationPausedUntil(deps.redis, deps.prefix, installationId);
      if (until !== undefined) {
        await job.moveToDelayed(until, token);
        throw new DelayedError();
      }
    }
    try {
      return await processor(job, token, signal);
    } catch (err) {
      const pause = rateLimitPause(err);
      if (pause === undefined) throw err;
      if (installationId !== undefined) {
        const until = await pauseInstallation(deps.redis, deps.prefix, installationId, pause);
        await job.moveToDelayed(until, token);
        throw new DelayedError();
      }
      const w = deps.worker();
      if (!w) throw err;
      await w.rateLimit(pause);
      throw Worker.RateLimitError();
    }
  };
}
