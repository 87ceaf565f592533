/**
 * GitHub's rate limits, read from a failed request: which limit (an exhausted quota, `primary`,
 * or a secondary limit) and how long GitHub asked us to back off. One reading for the whole app:
 * release notes stop asking when limited, a worker pauses its queue (server/), impact retries.
 */
const DEFAULT_PAUSE_MS = 60_000;
const MAX_PAUSE_MS = 15 * 60_000;

export class RateLimitedError extends Error {
  constructor(
    readonly kind: 'primary' | 'secondary',
    /** Seconds since the epoch when the primary limit resets, when GitHub said. */
    readonly resetAt?: number,
  ) {
    super(kind === 'primary' ? "GitHub's API rate limit was reached" : "GitHub's secondary rate limit was reached");
    this.name = 'RateLimitedError';
  }
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

function limitedStatus(err: unknown): ErrorLike | undefined {
  const e = err as ErrorLike | null;
  return e && (e.status === 403 || e.status === 429) ? e : undefined;
}

/** Whether an Octokit error is a rate limit, and which. */
export function rateLimitOf(err: unknown): RateLimitedError | null {
  const e = limitedStatus(err);
  if (!e) return null;
  const headers = e.response?.headers ?? {};
  const data = e.response?.data as { message?: unknown } | undefined;
  const message = `${typeof data?.message === 'string' ? data.message : ''} ${typeof e.message === 'string' ? e.message : ''}`;
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0')
    return new RateLimitedError('primary', Number.isFinite(reset) ? reset : undefined);
  if (/secondary rate limit|abuse detection/i.test(message) || headers['retry-after'] !== undefined)
    return new RateLimitedError('secondary');
  if (e.status === 429) return new RateLimitedError('secondary');
  if (/rate limit/i.test(message)) return new RateLimitedError('primary');
  return null;
}

/**
 * Milliseconds GitHub asked us to wait, when `err` is a secondary rate limit (403/429 saying so,
 * or with Retry-After) or an exhausted quota (`x-ratelimit-remaining: 0`); undefined otherwise.
 */
export function rateLimitPause(err: unknown, now: number = Date.now()): number | undefined {
  const e = limitedStatus(err);
  if (!e) return undefined;
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
