/**
 * A comment on the dashboard issue that addresses the app. `run` does what the run-now box does;
 * `help` is answered; every other command belongs on a bot PR and the reply says so. Only people
 * with write access may run; the 👀 / 👍 / 😕 reactions follow the PR commands'.
 */
import type { Logger } from 'probot';
import { parseCommands } from '../commands/parse.js';
import { renderHelp } from '../commands/help.js';
import type { GitHubClient } from '../github/app-auth.js';
import { mayCommand } from '../github/collaborator-permission.js';
import { reactToComment } from '../github/comment-reactions.js';
import { commentOnIssue } from '../github/issue-comments.js';
import { enqueuePlan } from '../queues/plan-queue.js';
import type { RepoRef } from '../repo-ref.js';
import type { StageDeps } from './deps.js';

export type DashboardCommentResult =
  { outcome: 'not-addressed' | 'refused' } | { outcome: 'answered'; ran: boolean; planJob?: string };

export async function runDashboardComment(
  deps: Pick<StageDeps, 'queues'>,
  github: GitHubClient,
  appSlug: string,
  ref: RepoRef,
  issueNumber: number,
  sender: string,
  comment: { id: number; body: string },
  log: Logger,
): Promise<DashboardCommentResult> {
  const { owner, repo } = ref;
  const { commands } = parseCommands(comment.body, appSlug);
  if (!commands.length) return { outcome: 'not-addressed' };
  await reactToComment(github, owner, repo, comment.id, 'eyes');
  if (!(await mayCommand(github, owner, repo, sender))) {
    await commentOnIssue(
      github,
      owner,
      repo,
      issueNumber,
      `Sorry @${sender}, only people with write access to this repository can give me commands. A maintainer can repeat the command if it should be done.`,
    );
    await reactToComment(github, owner, repo, comment.id, 'confused');
    return { outcome: 'refused' };
  }
  const run = commands.some((c) => c.kind === 'run');
  const other = commands.filter((c) => c.kind !== 'run' && c.kind !== 'help');
  const lines: string[] = [];
  let planJob: string | undefined;
  if (run) {
    planJob = String(
      (await enqueuePlan(deps.queues.plan, { ...ref, asked: `run-${comment.id}` }, `run-${comment.id}`)).id,
    );
    lines.push('A run of the whole repository is queued; this issue is rewritten when it is done.');
  }
  if (other.length)
    lines.push(
      'On this issue I only understand `run` and `help`; the other commands work on my pull requests. Tick a box above to act on a group or an ignore decision.',
    );
  if (commands.some((c) => c.kind === 'help') || other.length) lines.push('', renderHelp(appSlug));
  await commentOnIssue(github, owner, repo, issueNumber, `@${sender} ${lines.join('\n')}`);
  await reactToComment(github, owner, repo, comment.id, other.length ? 'confused' : '+1');
  log.info({ issue: issueNumber, run, planJob }, 'dashboard comment answered');
  return { outcome: 'answered', ran: run, ...(planJob ? { planJob } : {}) };
}
