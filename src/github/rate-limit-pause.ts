/**
 * How long GitHub asked us to back off, read from a failed request: a secondary rate limit
 * (403/429 saying so, or with Retry-After) or an exhausted quota (`x-ratelimit-remaining: 0`).
 */
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
