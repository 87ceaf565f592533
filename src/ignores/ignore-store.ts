/**
 * Ignore decisions made by commands, kept in the dashboard issue (the durable copy) and cached in
 * Redis (a copy that may be lost at any time). Writers serialise per repository with a Redis
 * lock, then read the issue, change the state, write it and read it back: a write that another
 * writer (a person editing the issue, a lock that expired) overtook is done again on top of it.
 */
import type { RedisConnection } from '../redis/connection.js';
import type { IgnoreRule } from '../config/defaults.js';
import { StewardError } from '../errors.js';
import type { GitHubClient } from '../github/app-auth.js';
import {
  createDashboardIssue,
  findDashboardIssue,
  getDashboardIssue,
  updateIssueBody,
  type DashboardIssue,
} from '../github/dashboard-issue.js';
import type { RepoRef } from '../repo-ref.js';
import { DASHBOARD_TITLE, readState, writeState } from './dashboard-state.js';
import { toRule } from './ignore-rules.js';
import { withLock, type LockOptions } from '../redis/lock.js';
import type { DashboardState, RecordedIgnore } from './types.js';

/** The recorded decisions of a repository, straight from its dashboard issue (none when it has none). */
export async function readIgnoreRecords(
  github: GitHubClient,
  owner: string,
  repo: string,
  appSlug: string,
): Promise<RecordedIgnore[]> {
  const issue = await findDashboardIssue(github, owner, repo, appSlug, DASHBOARD_TITLE);
  return readState(issue?.body).ignores;
}

/** The recorded decisions as config-shaped rules, for `mergeIgnoreRules` with the config's `ignore`. */
export async function readIgnores(
  github: GitHubClient,
  owner: string,
  repo: string,
  appSlug: string,
): Promise<IgnoreRule[]> {
  return (await readIgnoreRecords(github, owner, repo, appSlug)).map(toRule);
}

/**
 * `readIgnores` in the shape the pipeline's `PipelineDeps.readIgnores` takes, with the slug
 * resolved when first needed (the same resolver the command worker uses).
 */
export function ignoresReader(
  appSlug: () => Promise<string>,
): (github: GitHubClient, owner: string, repo: string) => Promise<IgnoreRule[]> {
  return async (github, owner, repo) => readIgnores(github, owner, repo, await appSlug());
}

export interface IgnoreStore {
  github: GitHubClient;
  redis: RedisConnection;
  /** Key prefix (the queues' prefix). */
  prefix: string;
  appSlug: string;
  lock?: LockOptions;
}

/** How long a cached copy is trusted: a person may edit the issue by hand. */
const CACHE_TTL_S = 600;

const cacheKey = (s: IgnoreStore, ref: RepoRef) => `${s.prefix}:ignores:${ref.repositoryId}`;
const issueKey = (s: IgnoreStore, ref: RepoRef) => `${s.prefix}:dashboard-issue:${ref.repositoryId}`;
const lockKey = (s: IgnoreStore, ref: RepoRef) => `${s.prefix}:lock:dashboard:${ref.repositoryId}`;

/** Like `readIgnoreRecords`, answered from Redis while the cached copy is fresh. */
export async function readIgnoreRecordsCached(s: IgnoreStore, ref: RepoRef): Promise<RecordedIgnore[]> {
  const cached = await s.redis.get(cacheKey(s, ref));
  if (cached !== null) {
    try {
      return readState(cached).ignores;
    } catch {
      // A cache written by another version: read GitHub.
    }
  }
  const issue = await locate(s, ref);
  const ignores = readState(issue?.body).ignores;
  if (issue) await s.redis.set(cacheKey(s, ref), stateBlockOf(issue.body), 'EX', CACHE_TTL_S);
  return ignores;
}

export class DashboardConflictError extends StewardError {
  readonly code = 'dashboard-conflict';
}

export interface IgnoreUpdate {
  before: RecordedIgnore[];
  after: RecordedIgnore[];
  issueNumber: number | undefined;
}

const ATTEMPTS = 3;

/**
 * Applies `change` to the recorded decisions. `change` must be idempotent (add if missing,
 * remove if present): it is applied again on top of a concurrent edit. No issue is created for a
 * change that changes nothing.
 */
export async function updateIgnores(
  s: IgnoreStore,
  ref: RepoRef,
  change: (current: RecordedIgnore[]) => RecordedIgnore[],
): Promise<IgnoreUpdate> {
  return withLock(
    s.redis,
    lockKey(s, ref),
    async () => {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const issue = await locate(s, ref);
        const state = readState(issue?.body);
        const before = state.ignores;
        const after = change(before);
        if (JSON.stringify(after) === JSON.stringify(before)) return { before, after, issueNumber: issue?.number };
        const body = writeState(issue?.body, { ...state, ignores: after });
        let number: number;
        if (issue) {
          await updateIssueBody(s.github, ref.owner, ref.repo, issue.number, body);
          number = issue.number;
        } else {
          number = (await createDashboardIssue(s.github, ref.owner, ref.repo, DASHBOARD_TITLE, body)).number;
          await s.redis.set(issueKey(s, ref), String(number), 'EX', 7 * 24 * 3600);
        }
        const check = await getDashboardIssue(s.github, ref.owner, ref.repo, number, s.appSlug, DASHBOARD_TITLE);
        if (check && JSON.stringify(readState(check.body).ignores) === JSON.stringify(after)) {
          await s.redis.set(cacheKey(s, ref), stateBlockOf(check.body), 'EX', CACHE_TTL_S);
          return { before, after, issueNumber: number };
        }
        await s.redis.del(cacheKey(s, ref), issueKey(s, ref));
      }
      throw new DashboardConflictError(
        `the dashboard issue of ${ref.owner}/${ref.repo} kept changing under the update; try again`,
      );
    },
    s.lock,
  );
}

/**
 * Writes the whole dashboard body: `render` gets the current state (and body) and returns the new
 * body, which must carry that state (renderDashboardBody does). Under the same lock as ignore
 * updates, looking before creating, so a retried job or two runs at once rewrite the one issue and
 * never make a second. A broken state block throws `DashboardStateError`: nothing is written over it.
 */
export async function rewriteDashboard(
  s: IgnoreStore,
  ref: RepoRef,
  render: (state: DashboardState, body: string | undefined) => string,
): Promise<{ issueNumber: number; created: boolean; changed: boolean }> {
  return withLock(
    s.redis,
    lockKey(s, ref),
    async () => {
      const issue = await locate(s, ref);
      const body = render(readState(issue?.body), issue?.body);
      if (issue) {
        if (issue.body === body) return { issueNumber: issue.number, created: false, changed: false };
        await updateIssueBody(s.github, ref.owner, ref.repo, issue.number, body);
        await s.redis.set(cacheKey(s, ref), stateBlockOf(body), 'EX', CACHE_TTL_S);
        return { issueNumber: issue.number, created: false, changed: true };
      }
      const number = (await createDashboardIssue(s.github, ref.owner, ref.repo, DASHBOARD_TITLE, body)).number;
      await s.redis.set(issueKey(s, ref), String(number), 'EX', 7 * 24 * 3600);
      return { issueNumber: number, created: true, changed: true };
    },
    s.lock,
  );
}

/** The dashboard issue: the cached number when it still names ours, else a fresh lookup. */
async function locate(s: IgnoreStore, ref: RepoRef): Promise<DashboardIssue | undefined> {
  const cached = Number(await s.redis.get(issueKey(s, ref)));
  if (Number.isInteger(cached) && cached > 0) {
    const issue = await getDashboardIssue(s.github, ref.owner, ref.repo, cached, s.appSlug, DASHBOARD_TITLE);
    if (issue) return issue;
  }
  const found = await findDashboardIssue(s.github, ref.owner, ref.repo, s.appSlug, DASHBOARD_TITLE);
  if (found) await s.redis.set(issueKey(s, ref), String(found.number), 'EX', 7 * 24 * 3600);
  else await s.redis.del(issueKey(s, ref));
  return found;
}

/** Only the state block is cached: the body may be long and says nothing more. */
function stateBlockOf(body: string): string {
  return writeState('', readState(body));
}
