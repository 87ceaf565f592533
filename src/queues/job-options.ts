/**
 * Retry and retention shared by our queues. Failures are retried with backoff by BullMQ (a
 * processor throws, it never swallows); finished jobs are kept long enough to inspect and
 * to let a deterministic job id collapse a redelivered webhook, then trimmed.
 */
import type { JobsOptions } from 'bullmq';

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

export const RETENTION = {
  removeOnComplete: { age: DAY_S, count: 1000 },
  removeOnFail: { age: 7 * DAY_S, count: 5000 },
} as const satisfies Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'>;

/** Short GitHub/Redis work: a few quick retries. */
export const QUICK_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  ...RETENTION,
} as const satisfies JobsOptions;
