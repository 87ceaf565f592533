/**
 * Job data comes back from Redis, written by whichever version of the app enqueued it: every
 * processor checks it against its queue's schema first.
 */
import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/** Data that does not fit will never fit, so the job fails without retries. */
export function parseJobData<S extends z.ZodType>(schema: S, data: unknown, queue: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new UnrecoverableError(
    `${queue} job data does not fit its schema: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`,
  );
}
