import type { Context } from 'probot';
import type { z } from 'zod';
import { GOVERNANCE_CHECK_NAME } from '../github/governance-check-run.js';
import { IMPACT_CHECK_NAME } from '../impact/check-output.js';
import { enqueueGovernance } from '../queues/governance-queue.js';
import { enqueueImpact } from '../queues/impact-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { checkRunRerequestedPayload, parsePayload, pushParent } from './payloads.js';

type CheckRunRerequested = z.infer<typeof checkRunRerequestedPayload>;

/**
 * "Re-run" on the impact check starts the matrix again on the PR's current head; on the
 * governance check it checks the same commit again, in a new check run.
 */
export function onCheckRunRerequested(deps: HandlerDeps) {
  return async (context: Context<'check_run.rerequested'>): Promise<void> => {
    const p = parsePayload(checkRunRerequestedPayload, 'check_run', context.payload);
    if (p.check_run.name === GOVERNANCE_CHECK_NAME) return rerunGovernance(deps, p);
    if (p.check_run.name !== IMPACT_CHECK_NAME) return deps.metrics.delivery('check_run', 'skipped', 'not-impact');
    const data = {
      kind: 'rerun' as const,
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      checkRunId: p.check_run.id,
      pullNumbers: p.check_run.pull_requests.map((pr) => pr.number),
      headBranch: p.check_run.check_suite?.head_branch ?? null,
    };
    await enqueueImpact(deps.queues.impact, data, context.id);
    deps.metrics.delivery('check_run', 'queued');
  };
}

async function rerunGovernance(deps: HandlerDeps, p: CheckRunRerequested): Promise<void> {
  const run = p.check_run;
  const pull = run.pull_requests[0];
  // "Newly added" is judged against what the first run used: the pull request's base, or the push's parent.
  const baseSha = pull ? (pull.base?.sha ?? null) : pushParent(run.check_suite?.before);
  await enqueueGovernance(deps.queues.governance, {
    installationId: p.installation.id,
    repositoryId: p.repository.id,
    owner: p.repository.owner.login,
    repo: p.repository.name,
    headSha: run.head_sha,
    baseSha,
    pullNumber: pull?.number ?? null,
    rerunOf: run.id,
  });
  deps.metrics.delivery('check_run', 'queued');
}
