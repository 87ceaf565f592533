/**
 * GitHub's secondary rate limit asks the client to back off for a while. Sleeping inside a job
 * would hold a worker slot and its lock; instead the queue's worker is paused through BullMQ's
 * rate limiter and the job goes back to wait, untouched (no attempt used).
 */
import { Worker, type Job, type Processor } from 'bullmq';
import { rateLimitPause } from '../github/rate-limit.js';

export function pauseOnSecondaryRateLimit<T, R>(
  processor: Processor<T, R>,
  worker: () => Worker | undefined,
): Processor<T, R> {
  return async (job: Job<T, R>, token?: string, signal?: AbortSignal) => {
    try {
      return await processor(job, token, signal);
    } catch (err) {
      const pause = rateLimitPause(err);
      const w = worker();
      if (pause === undefined || !w) throw err;
      await w.rateLimit(pause);
      throw Worker.RateLimitError();
    }
  };
}
