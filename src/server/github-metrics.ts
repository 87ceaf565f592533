/**
 * GitHub on /metrics: requests by method and status, and the primary rate limit left per
 * installation as GitHub's response headers report it. An Octokit plugin, so every client the
 * app makes (app, installation) is counted without a call site knowing.
 */
import type { Octokit } from '@octokit/core';
import { Counter, Gauge } from 'prom-client';
import { METRIC_PREFIX, type Metrics } from './metrics.js';

/** Installations with a rate-limit series at most; the least recently seen one is dropped beyond it. */
export const MAX_INSTALLATION_SERIES = 100;

type Headers = Record<string, string | number | undefined>;

export function githubMetricsPlugin(metrics: Metrics) {
  const requests = new Counter({
    name: `${METRIC_PREFIX}github_requests_total`,
    help: 'Requests to the GitHub API, by method and response status (0: no response).',
    labelNames: ['method', 'status'] as const,
    registers: [metrics.registry],
  });
  const remaining = new Gauge({
    name: `${METRIC_PREFIX}github_rate_limit_remaining`,
    help: `Requests left in the primary rate limit window, per installation ("app" for the app itself; the ${MAX_INSTALLATION_SERIES} most recently seen).`,
    labelNames: ['installation'] as const,
    registers: [metrics.registry],
  });
  const seen = new Map<string, true>();
  const record = (installation: string, method: string, status: number, headers: Headers | undefined) => {
    requests.inc({ method, status: String(status) });
    const left = Number(headers?.['x-ratelimit-remaining']);
    if (headers?.['x-ratelimit-remaining'] === undefined || !Number.isFinite(left)) return;
    seen.delete(installation);
    seen.set(installation, true);
    remaining.set({ installation }, left);
    if (seen.size > MAX_INSTALLATION_SERIES) {
      const oldest = seen.keys().next().value as string;
      seen.delete(oldest);
      remaining.remove({ installation: oldest });
    }
  };

  return (octokit: Octokit, options: { auth?: unknown }) => {
    const id = (options.auth as { installationId?: unknown } | undefined)?.installationId;
    const installation = typeof id === 'number' || typeof id === 'string' ? String(id) : 'app';
    octokit.hook.after('request', (response, opts) => {
      record(installation, String(opts.method), response.status, response.headers as Headers);
    });
    octokit.hook.error('request', (error, opts) => {
      const e = error as { status?: number; response?: { headers?: Headers } };
      record(installation, String(opts.method), typeof e.status === 'number' ? e.status : 0, e.response?.headers);
      throw error;
    });
  };
}
