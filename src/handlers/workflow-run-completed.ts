import type { Context } from 'probot';
import { parseRunName } from '../impact/correlation.js';
import { enqueueImpact } from '../queues/impact-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { parsePayload, workflowRunCompletedPayload } from './payloads.js';

/**
 * A finished workflow run is ours when its run-name carries a gomod-steward correlation id (the
 * template puts it there); anything else is a counted skip. Which PR and which matrix it belongs
 * to is the worker's to find out.
 */
export function onWorkflowRunCompleted(deps: HandlerDeps) {
  return async (context: Context<'workflow_run.completed'>): Promise<void> => {
    const p = parsePayload(workflowRunCompletedPayload, 'workflow_run', context.payload);
    const run = p.workflow_run;
    if (!parseRunName(run.display_title)) return deps.metrics.delivery('workflow_run', 'skipped', 'not-impact');
    const data = {
      kind: 'run-completed' as const,
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      runId: run.id,
      runAttempt: run.run_attempt,
      runName: run.display_title ?? '',
      headBranch: run.head_branch,
      conclusion: run.conclusion,
      htmlUrl: run.html_url,
      pullNumbers: run.pull_requests.map((pr) => pr.number),
    };
    await enqueueImpact(deps.queues.impact, data, context.id);
    deps.metrics.delivery('workflow_run', 'queued');
  };
}
