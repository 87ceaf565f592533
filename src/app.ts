/**
 * The Probot app: which webhook goes to which handler, nothing else. Handlers validate the
 * payload and enqueue; the work happens in the queues' workers.
 */
import type { ApplicationFunction } from 'probot';
import type { HandlerDeps } from './handlers/handler-deps.js';
import { onInstallationCreated } from './handlers/installation-created.js';
import { onInstallationDeleted } from './handlers/installation-deleted.js';
import { onIssueCommentCreated } from './handlers/issue-comment-created.js';
import { onIssuesEdited } from './handlers/issues-edited.js';
import { onInstallationSuspend, onInstallationUnsuspend } from './handlers/installation-suspended.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onPush } from './handlers/push.js';
import { onRepositoriesAdded } from './handlers/repositories-added.js';
import { onRepositoriesRemoved } from './handlers/repositories-removed.js';
import { onCheckRunRerequested } from './handlers/check-run-rerequested.js';
import { onWorkflowRunCompleted } from './handlers/workflow-run-completed.js';
import { MalformedPayloadError } from './handlers/malformed-payload-error.js';

export type AppDeps = HandlerDeps;

export function createApp(deps: AppDeps): ApplicationFunction {
  return (app) => {
    app.on('installation.created', onInstallationCreated(deps));
    app.on('installation.deleted', onInstallationDeleted(deps));
    app.on('installation.suspend', onInstallationSuspend(deps));
    app.on('installation.unsuspend', onInstallationUnsuspend(deps));
    app.on('installation_repositories.added', onRepositoriesAdded(deps));
    app.on('installation_repositories.removed', onRepositoriesRemoved(deps));
    app.on('push', onPush(deps));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], onPullRequest(deps));
    app.on('workflow_run.completed', onWorkflowRunCompleted(deps));
    app.on('check_run.rerequested', onCheckRunRerequested(deps));
    app.on('issue_comment.created', onIssueCommentCreated(deps));
    app.on('issues.edited', onIssuesEdited(deps));
    app.onError((error) => {
      const first = [...error.errors][0] as { status?: unknown } | undefined;
      const status = typeof first?.status === 'number' ? first.status : 500;
      deps.metrics.webhookError(status);
      if (first instanceof MalformedPayloadError) {
        deps.metrics.delivery(error.event?.name ?? 'unknown', 'rejected', 'malformed');
      }
    });
  };
}
