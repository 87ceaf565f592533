/**
 * Writes to GitHub spaced per installation across every worker process (redis/write-slot.ts):
 * content-creating requests a second apart, and those that notify people (issues, pull requests,
 * comments, reviews, merges, releases) three seconds apart, as GitHub asks of integrators. The
 * throttling plugin's own write spacing is turned off (github/octokit-class.ts) so writes are
 * not spaced twice; its handling of rate-limit answers stays. Reads are not spaced.
 * GitHub's guidance asks for two things of writes: requests made serially rather than
 * concurrently, and a second between mutative ones. Spacing starts alone would let a write
 * slower than the spacing overlap the next, and let a late send (a busy event loop) bring two
 * writes closer at GitHub than their slots were: an installation's writes are serial, and the
 * spacing runs from one's answer to the next one's start. That costs a write's latency per
 * write (GitHub answers writes in well under a second); in return the gap at GitHub is at least
 * the spacing whatever the delays on this side.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { hookInstallationClients, type GitHubAuth } from '../github/app-auth.js';
import type { RedisConnection } from '../redis/connection.js';
import { finishWrite, reserveWriteSlot, startWrite, type WriteSpacing } from '../redis/write-slot.js';

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

type Fetch = typeof globalThis.fetch;

/**
 * `auth` whose installation clients keep their installation's write spacing (redis/write-slot.ts)
 * on every write they send. A client is shared by its installation's jobs in a process
 * (github/app-auth.ts), so it is hooked once. The hook is the outermost: a write waits for its
 * reserved slot there, before Octokit's limiters and retries, so a waiting write holds none of
 * their places (nor a worker's other work: the job only awaits a timer). The request's own
 * `fetch` is wrapped too, beneath the retry plugin: a write leaves only when no other write of
 * its installation is unanswered and the last answer came a spacing ago, and a write the retry
 * plugin sends again after a 5xx takes a new slot of its own. That last check may still wait
 * (for an answer, or a timer that fired late) while holding the throttling plugin's place,
 * briefly: the slot reserved before it already took the spacing's worth.
 */
export function spaceWrites(auth: GitHubAuth, deps: WriteSpacingDeps): GitHubAuth {
  const spacing = {
    writeMs: deps.writeSpacingMs ?? WRITE_SPACING_MS,
    notifyMs: deps.notifySpacingMs ?? NOTIFY_SPACING_MS,
  };
  return hookInstallationClients(auth, (client, installationId) => {
    const reserve = async (notify: boolean) =>
      wait(await reserveWriteSlot(deps.redis, deps.prefix, installationId, { notify, spacing }));
    client.hook.before('request', async (options) => {
      const { write, notify } = writeKind(options.method, options.url);
      if (!write) return;
      await reserve(notify);
      const inner: Fetch = (options.request as { fetch?: Fetch } | undefined)?.fetch ?? globalThis.fetch;
      let sends = 0;
      const spacedFetch: Fetch = async (input, init) => {
        // The first send uses the slot reserved above; a resend lines up again.
        if (sends++ > 0) await reserve(notify);
        const startedAt = await start(deps, installationId, notify, spacing);
        try {
          return await inner(input, init);
        } finally {
          // The write went out: failing it now would have the retry plugin send it twice. A finish
          // Redis missed leaves the installation to the write's lease.
          await finishWrite(deps.redis, deps.prefix, installationId, { startedAt, notify, spacing }).catch(
            () => undefined,
          );
        }
      };
      // A request's own copy: the client's defaults are shared by all its requests.
      options.request = { ...options.request, fetch: spacedFetch };
    });
  });
}

async function start(deps: WriteSpacingDeps, installationId: number, notify: boolean, spacing: WriteSpacing) {
  for (;;) {
    const s = await startWrite(deps.redis, deps.prefix, installationId, { notify, spacing });
    if ('startedAt' in s) return s.startedAt;
    await wait(s.waitMs);
  }
}

async function wait(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
}
