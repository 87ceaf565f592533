/**
 * No accepted command is lost to Redis: a comment command answered 200 and queued is gone with
 * its job when Redis restarts empty, and GitHub will not send it again (the delivery succeeded).
 * GitHub still holds the comment, and the app's 👀 on it says whether the command was taken up:
 * the command stage reacts before anything else. So on every reconciliation (start-up, the
 * healer's, the daily one) the app reads each repository's comments of the last day and queues
 * again each command on one of its open pull requests or its dashboard issue that has no 👀 from
 * the app and comes from someone who may command it. The job id is the one the webhook path
 * gives the same comment, so a command still queued is not doubled, and the 👀 marks it done
 * for every later reconciliation.
 *
 * The cost is bounded: one listing of recent comments per repository, and per candidate comment
 * (a mention, not by a bot) at most one look at its issue, its reactions and its author's
 * permission; past `maxRequests` the pass stops and says so (the next reconciliation goes on,
 * repositories in another order). The caller runs it only when Redis may have lost data.
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'probot';
import { mayContainCommand } from '../commands/parse.js';
import { MAX_COMMENT_BODY } from '../github-limits.js';
import type { GitHubAuth, GitHubClient } from '../github/app-auth.js';
import { mayCommand } from '../github/collaborator-permission.js';
import { botLogin, isBotLogin } from '../github/dashboard-issue.js';
import type { InstalledRepo } from '../github/list-installations.js';
import {
  getIssueSummary,
  hasReactionFrom,
  listRecentComments,
  type IssueSummary,
  type RecentComment,
} from '../github/recent-comments.js';
import { DASHBOARD_TITLE } from '../ignores/dashboard-state.js';
import { enqueueCommand } from '../queues/command-queue.js';
import { enqueueDashboardEdit } from '../queues/dashboard-edit-job.js';

export const RECOVER_MAX_AGE_MS = 24 * 3600_000;
/** GitHub requests one pass may make, over all installations. */
export const RECOVER_MAX_REQUESTS = 500;
/** Pages of recent comments read per repository. */
const MAX_COMMENT_PAGES = 3;

export interface RecoverDeps {
  auth: GitHubAuth;
  log: Logger;
  commandQueue: Queue;
  appSlug(): Promise<string>;
}

export interface RecoverOptions {
  now?: number;
  maxAgeMs?: number;
  maxRequests?: number;
}

export interface RecoverResult {
  repositories: number;
  /** Comments that looked like commands to the app, not by a bot, younger than the age bound. */
  candidates: number;
  /** Queued again (or found still queued under the same id). */
  queued: number;
  requests: number;
  /** The request bound stopped the pass before every repository was read. */
  truncated: boolean;
}

class Budget {
  spent = 0;
  constructor(readonly max: number) {}
  get left(): number {
    return this.max - this.spent;
  }
}

/** `listed`: each installation's repositories, as the reconciliation just listed them. */
export async function recoverCommands(
  deps: RecoverDeps,
  listed: ReadonlyMap<number, readonly InstalledRepo[]>,
  o: RecoverOptions = {},
): Promise<RecoverResult> {
  const now = o.now ?? Date.now();
  const maxAgeMs = o.maxAgeMs ?? RECOVER_MAX_AGE_MS;
  const budget = new Budget(o.maxRequests ?? RECOVER_MAX_REQUESTS);
  const result: RecoverResult = { repositories: 0, candidates: 0, queued: 0, requests: 0, truncated: false };
  for (const [installationId, repos] of listed) {
    if (budget.left <= 0) {
      result.truncated = true;
      break;
    }
    try {
      const github = await deps.auth.installation(installationId);
      // In a new order each pass: a pass the request bound cuts short does not always leave out the same ones.
      for (const repo of shuffled(repos)) {
        if (budget.left <= 0) {
          result.truncated = true;
          break;
        }
        result.repositories++;
        const scan = { github, installationId, repo, now, maxAgeMs, budget, result };
        await recoverRepo(deps, scan).catch((err: unknown) =>
          deps.log.warn(
            { err: { message: (err as Error).message }, installationId, repo: `${repo.owner}/${repo.name}` },
            'could not look for lost commands in a repository',
          ),
        );
      }
    } catch (err) {
      deps.log.warn(
        { err: { message: (err as Error).message }, installationId },
        'could not look for lost commands of an installation',
      );
    }
  }
  result.requests = budget.spent;
  if (result.queued || result.truncated) deps.log.info(result, 'commands recovered from GitHub');
  return result;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface RepoScan {
  github: GitHubClient;
  installationId: number;
  repo: InstalledRepo;
  now: number;
  maxAgeMs: number;
  budget: Budget;
  result: RecoverResult;
}

async function recoverRepo(deps: RecoverDeps, s: RepoScan): Promise<void> {
  const { github, repo, budget } = s;
  const { comments, pages } = await listRecentComments(
    github,
    repo.owner,
    repo.name,
    new Date(s.now - s.maxAgeMs),
    Math.max(1, Math.min(MAX_COMMENT_PAGES, budget.left)),
  );
  budget.spent += pages;
  const candidates = comments.filter(
    (c) => !c.authorIsBot && c.createdAt >= s.now - s.maxAgeMs && mayContainCommand(c.body),
  );
  s.result.candidates += candidates.length;
  if (!candidates.length) return;
  // Only now: most passes find no candidate and need not know who the app is.
  const slug = await deps.appSlug();
  const issues = new Map<number, IssueSummary>();
  const allowed = new Map<string, boolean>();
  for (const c of candidates) {
    // Each look below is one request; three at most for a comment.
    if (budget.left < 3) {
      s.result.truncated = true;
      return;
    }
    let issue = issues.get(c.issueNumber);
    if (!issue) {
      budget.spent++;
      issue = await getIssueSummary(github, repo.owner, repo.name, c.issueNumber);
      issues.set(c.issueNumber, issue);
    }
    if (!isOurs(issue, slug)) continue;
    if (c.eyes > 0) {
      budget.spent++;
      if (await hasReactionFrom(github, repo.owner, repo.name, c.id, 'eyes', botLogin(slug))) continue;
    }
    let may = allowed.get(c.author.toLowerCase());
    if (may === undefined) {
      budget.spent++;
      may = await mayCommand(github, repo.owner, repo.name, c.author);
      allowed.set(c.author.toLowerCase(), may);
    }
    if (!may) continue;
    await enqueue(deps.commandQueue, s, issue, c);
    s.result.queued++;
  }
}

/** An open pull request of the app, or its dashboard issue: where its commands are answered. */
function isOurs(issue: IssueSummary, slug: string): boolean {
  if (!issue.open || !isBotLogin(issue.author, slug)) return false;
  return issue.isPull || issue.title === DASHBOARD_TITLE;
}

/** The same job, under the same id, as the webhook handler (handlers/issue-comment-created.ts) queues. */
async function enqueue(queue: Queue, s: RepoScan, issue: IssueSummary, c: RecentComment): Promise<void> {
  const ref = { installationId: s.installationId, repositoryId: s.repo.id, owner: s.repo.owner, repo: s.repo.name };
  const body = c.body.slice(0, MAX_COMMENT_BODY);
  if (issue.isPull) {
    await enqueueCommand(queue, { ...ref, pullNumber: issue.number, commentId: c.id, author: c.author, body });
    return;
  }
  await enqueueDashboardEdit(queue, {
    ...ref,
    issueNumber: issue.number,
    sender: c.author,
    deliveryId: `recovered-${c.id}`,
    comment: { id: c.id, body },
  });
}
