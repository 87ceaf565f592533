import type { Context } from 'probot';
import { mayContainCommand } from '../commands/parse.js';
import { MAX_COMMENT_BODY } from '../github-limits.js';
import { DASHBOARD_TITLE } from '../ignores/dashboard-state.js';
import { enqueueCommand } from '../queues/command-queue.js';
import { enqueueDashboardEdit } from '../queues/dashboard-edit-job.js';
import type { HandlerDeps } from './handler-deps.js';
import { isBotAccount, issueCommentPayload, parsePayload } from './payloads.js';

/**
 * A new comment on a pull request that may address the app: queue it for the command worker.
 * Only `created` is subscribed, so an edited comment never runs again. Bots (this app included)
 * are not listened to. The handler does not know the app's slug; the worker checks the mention.
 */
export function onIssueCommentCreated(deps: HandlerDeps) {
  return async (context: Context<'issue_comment.created'>): Promise<void> => {
    const p = parsePayload(issueCommentPayload, 'issue_comment.created', context.payload);
    const skip = (reason: string) => deps.metrics.delivery('issue_comment.created', 'skipped', reason);
    if (!p.issue.pull_request && p.issue.title !== DASHBOARD_TITLE) return skip('not-a-pull-request');
    if (isBotAccount(p.comment.user)) return skip('bot-author');
    if (!mayContainCommand(p.comment.body)) return skip('no-mention');
    if (!p.issue.pull_request) {
      // `@<app> run` on the dashboard issue: the dashboard job checks the issue is the app's.
      await enqueueDashboardEdit(deps.queues.command, {
        installationId: p.installation.id,
        repositoryId: p.repository.id,
        owner: p.repository.owner.login,
        repo: p.repository.name,
        issueNumber: p.issue.number,
        sender: p.comment.user.login,
        deliveryId: context.id,
        comment: { id: p.comment.id, body: p.comment.body.slice(0, MAX_COMMENT_BODY) },
      });
      return deps.metrics.delivery('issue_comment.created', 'queued');
    }
    await enqueueCommand(deps.queues.command, {
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      pullNumber: p.issue.number,
      commentId: p.comment.id,
      author: p.comment.user.login,
      body: p.comment.body.slice(0, MAX_COMMENT_BODY),
    });
    deps.metrics.delivery('issue_comment.created', 'queued');
  };
}
