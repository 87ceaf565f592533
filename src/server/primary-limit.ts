/**
 * The primary rate limit is respected before GitHub refuses anything: every answer to an
 * installation's client carries `x-ratelimit-remaining` and `x-ratelimit-reset`, and once what is
 * left falls under a reserve the installation is paused until the window resets — the same
 * per-installation pause a secondary limit sets (redis/installation-pause.ts), so every worker
 * holds back that installation's next jobs while other installations go on. The reserve is what
 * jobs already running may still spend to finish: they are not interrupted, so no half-written
 * pull request waits an hour.
 */
import type { RedisConnection } from '../redis/connection.js';
import type { Logger } from 'probot';
import { hookInstallationClients, type GitHubAuth } from '../github/app-auth.js';
import { pauseInstallation } from '../redis/installation-pause.js';

/** At least this many requests are kept back, or this share of the window's limit when larger. */
export const RESERVE_REQUESTS = 50;
export const RESERVE_SHARE = 0.02;
/** GitHub's primary window is an hour; a reset further out than that is not believed. */
const MAX_PAUSE_MS = 61 * 60_000;

type Headers = Record<string, string | number | undefined>;

/** The reserve for a window of `limit` requests (unknown limit: the fixed reserve). */
export function reserveFor(limit: number | undefined): number {
  return Math.max(RESERVE_REQUESTS, Number.isFinite(limit) ? Math.ceil((limit as number) * RESERVE_SHARE) : 0);
}

/**
 * How long to pause after an answer with these headers: until the window resets when what is
 * left is under the reserve; undefined while there is room (or the headers are absent).
 */
export function primaryPauseMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const raw = headers?.['x-ratelimit-remaining'];
  const remaining = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(remaining)) return undefined;
  const limit = headers?.['x-ratelimit-limit'] === undefined ? undefined : Number(headers['x-ratelimit-limit']);
  if (remaining >= reserveFor(limit)) return undefined;
  const reset = Number(headers?.['x-ratelimit-reset']);
  // No reset said: a minute, then the next answer tells again.
  const ms = Number.isFinite(reset) ? reset * 1000 - now : 60_000;
  return Math.min(MAX_PAUSE_MS, Math.max(1_000, Math.ceil(ms)));
}

export interface PrimaryLimitDeps {
  redis: RedisConnection;
  prefix: string;
  log: Logger;
}

/**
 * `auth` whose installation clients watch their answers. A client is shared by the jobs of its
 * installation (github/app-auth.ts), so it is hooked once; the pause is recorded before the
 * request's caller goes on, so the installation's next job already sees it.
 */
export function watchPrimaryLimit(auth: GitHubAuth, deps: PrimaryLimitDeps): GitHubAuth {
  const paused = new Map<number, number>();
  const note = async (installationId: number, headers: Headers | undefined) => {
    const ms = primaryPauseMs(headers);
    if (ms === undefined) return;
    const until = Date.now() + ms;
    // One write per window and process is enough: later answers of the same window say the same.
    if ((paused.get(installationId) ?? 0) >= until - 1_000) return;
    paused.set(installationId, until);
    try {
      await pauseInstallation(deps.redis, deps.prefix, installationId, ms);
      deps.log.warn(
        { installationId, remaining: headers?.['x-ratelimit-remaining'], pauseMs: ms },
        'primary rate limit nearly spent: installation paused until the window resets',
      );
    } catch (err) {
      paused.delete(installationId);
      deps.log.warn({ err: { message: (err as Error).message }, installationId }, 'could not record the pause');
    }
  };
  return hookInstallationClients(auth, (client, installationId) => {
    client.hook.after('request', async (response) => {
      await note(installationId, response.headers as Headers);
    });
    client.hook.error('request', async (error) => {
      await note(installationId, (error as { response?: { headers?: Headers } }).response?.headers);
      throw error;
    });
  });
}
