/**
 * Writes to GitHub spaced per installation across every worker process (redis/write-slot.ts):
 * content-creating requests a second apart, and those that notify people (issues, pull requests,
 * comments, reviews, merges, releases) three seconds apart, as GitHub asks of integrators. The
 * throttling plugin's own write spacing is turned off (github/octokit-class.ts) so writes are
 * not spaced twice; its handling of rate-limit answers stays. Reads are not spaced.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { hookInstallationClients, type GitHubAuth } from '../github/app-auth.js';
import type { RedisConnection } from '../redis/connection.js';
import { reserveWriteSlot } from '../redis/write-slot.js';

export const WRITE_SPACING_MS = 1_000;
export const NOTIFY_SPACING_MS = 3_000;

/** Request paths whose writes notify people (a route template or a filled-in path). */
const NOTIFYING = new RegExp(
  '^/repos/[^/]+/[^/]+/(?:' +
    [
      'issues',
      'issues/[^/]+/comments',
      'issues/[^/]+/sub_issues?(?:/priority)?',
      'pulls',
      'pulls/[^/]+/(?:comments|comments/[^/]+/replies|merge|requested_reviewers|reviews)',
      'commits/[^/]+/comments',
      'releases',
      'collaborators/[^/]+',
    ].join('|') +
    ')/?$',
  'i',
);

/** Token requests are the app's, not the installation's writes. */
const AUTH = /^\/app\/installations\/[^/]+\/access_tokens$/;

export interface WriteKind {
  write: boolean;
  notify: boolean;
}

/** Whether a request is a write to space, and whether it notifies people. */
export function writeKind(method: string | undefined, url: string | undefined): WriteKind {
  const m = (method ?? 'GET').toUpperCase();
  const path = (url ?? '').replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\?.*$/, '');
  // GraphQL goes a write's way too, as the throttling plugin spaced it: mutations are writes.
  const write = m !== 'GET' && m !== 'HEAD' && !AUTH.test(path);
  return { write, notify: write && NOTIFYING.test(path) };
}

export interface WriteSpacingDeps {
  redis: RedisConnection;
  prefix: string;
  writeSpacingMs?: number;
  notifySpacingMs?: number;
}

/**
 * `auth` whose installation clients wait for their installation's next write slot before each
 * write. A client is shared by its installation's jobs in a process (github/app-auth.ts), so it
 * is hooked once. The hook runs outside Octokit's retry plugin: a write resent after a 5xx waits
 * out the retry plugin's own backoff instead of a slot. Slots space the starts of writes; a
 * slow write may still be under way when the next one starts.
 */
export function spaceWrites(auth: GitHubAuth, deps: WriteSpacingDeps): GitHubAuth {
  const writeMs = deps.writeSpacingMs ?? WRITE_SPACING_MS;
  const notifyMs = deps.notifySpacingMs ?? NOTIFY_SPACING_MS;
  return hookInstallationClients(auth, (client, installationId) => {
    client.hook.before('request', async (options) => {
      const kind = writeKind(options.method, options.url);
      if (!kind.write) return;
      // The longer spacing first: a notifying write also takes a write slot, after it.
      if (kind.notify) await wait(await reserveWriteSlot(deps.redis, deps.prefix, 'notify', installationId, notifyMs));
      await wait(await reserveWriteSlot(deps.redis, deps.prefix, 'write', installationId, writeMs));
    });
  });
}

async function wait(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
}
