/**
 * GitHub's secondary rate limit asks the client to back off for a while. Sleeping inside a job
 * would hold a worker slot and its lock; instead the queue's worker is paused through BullMQ's
 * rate limiter and the job goes back to wait, untouched (no attempt used).
 */
import { Worker, type Job, type Processor } from 'bullmq';

const DEFAULT_PAUSE_MS = 60_000;
const MAX_PAUSE_MS = 15 * 60_000;

/** Milliseconds GitHub asked us to wait, when `err` is a (secondary) rate limit; undefined otherwise. */
export function rateLimitPause(err: unknown, now: number = Date.now()): number | undefined {
  const e = err as { status?: unknown; message?: unknown; response?: { headers?: Record<string, unknown> } } | null;
  if (!e || (e.status !== 403 && e.status !== 429)) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const secondary = /secondary rate limit/i.test(String(e.message ?? ''));
  const exhausted = String(headers['x-ratelimit-remaining']) === '0';
  if (!secondary && !exhausted && !Number.isFinite(retryAfter)) return undefined;
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return clamp(retryAfter * 1000);
  const reset = Number(headers['x-ratelimit-reset']);
  if (exhausted && Number.isFinite(reset)) return clamp(reset * 1000 - now);
  return DEFAULT_PAUSE_MS;
}

function clamp(ms: number): number {
  return Math.min(MAX_PAUSE_MS, Math.max(1_000, Math.ceil(ms)));
}

export function pauseOnSecondaryRateLimit<T, R>(processor: Processor<T, R>, worker: () => Worker | undefined): Processor<T, R> {
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
