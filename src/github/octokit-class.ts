/**
 * The app's Octokit: Probot's, except that a rate limit is never waited out inside a request.
 * Octokit's throttling plugin would sleep until a secondary limit's Retry-After or the quota's
 * reset and try again, and the retry plugin would resend a 429 after a backoff: either keeps the
 * job running (past BullMQ's job lock) while doing nothing. Here the error reaches the job at
 * once, and the worker moves the job back and pauses its installation (server/pause-on-rate-limit.ts).
 * Writes are not spaced here: the plugin's limiters live in one process, so two workers would
 * write for one installation at twice GitHub's rate. server/write-spacing.ts spaces them through
 * Redis instead, and the plugin's write and notification limiters are replaced by ones that pass
 * every request straight on, so no write is spaced twice.
 */
import { ProbotOctokit } from 'probot';

const noRetry = (): boolean => false;
/** The retry plugin's default list, plus 429: a rate limit is the worker's to handle. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/** Stands in for a Bottleneck group in the plugin's `write` and `notifications` slots: no wait. */
const unspaced = {
  key: () => ({
    schedule: <T>(_options: unknown, task: (...args: unknown[]) => T, ...args: unknown[]): T => task(...args),
  }),
};

type Options = Record<string, unknown> & { throttle?: Record<string, unknown>; retry?: Record<string, unknown> };

export const StewardOctokit = ProbotOctokit.defaults((options: Options) => ({
  ...options,
  throttle: {
    ...options.throttle,
    onRateLimit: noRetry,
    onSecondaryRateLimit: noRetry,
    write: unspaced,
    notifications: unspaced,
  },
  retry: { ...options.retry, doNotRetry: DO_NOT_RETRY },
}));
