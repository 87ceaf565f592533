import type { Context } from 'probot';
import { enqueueGovernance } from '../queues/governance-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { parsePayload, pullRequestPayload } from './payloads.js';

/**
 * A pull request opened, pushed to or reopened gets the governance check run on its head. The
 * payload does not list files, so whether it changes go.mod, go.sum or go.work is the worker's
 * to ask; the bot's own pull requests are checked like anyone's.
 */
export function onPullRequest(deps: HandlerDeps) {
  return async (context: Context<'pull_request'>): Promise<void> => {
    const p = parsePayload(pullRequestPayload, 'pull_request', context.payload);
    await enqueueGovernance(deps.queues.governance, {
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      headSha: p.pull_request.head.sha,
      baseSha: p.pull_request.base.sha,
      pullNumber: p.pull_request.number,
    });
    deps.metrics.delivery('pull_request', 'queued');
  };
}
