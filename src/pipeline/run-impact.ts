/**
 * The `impact` stage: a finished impact workflow run reported on its PR, or the matrix rerun on a
 * "Re-run" click. Runs under the repository lock publish holds while it opens the PR and starts
 * its matrix (server/ wires the lock): a run can finish before publish has recorded which matrix
 * it started, and the report then waits for that record instead of finding none.
 */
import { jobLog } from './job-log.js';
import type { Processor } from 'bullmq';
import { completeImpact } from '../impact/complete-impact.js';
import { PullNotFoundError } from '../impact/errors.js';
import { rerunImpact } from '../impact/start-impact.js';
import { findOpenBotPull } from '../pull-request/bot-pull.js';
import { IMPACT_QUEUE, impactJobSchema, type ImpactJobData } from '../queues/impact-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { repoLabel } from '../repo-ref.js';
import type { StageDeps } from './deps.js';

export function createImpactProcessor(deps: Pick<StageDeps, 'auth' | 'log'>): Processor<ImpactJobData> {
  return async (job) => {
    const data = parseJobData(impactJobSchema, job.data, IMPACT_QUEUE);
    const log = jobLog(deps.log, IMPACT_QUEUE, job, data);
    const octokit = await deps.auth.installation(data.installationId);
    const { owner, repo } = data;
    if (data.kind === 'run-completed') {
      const r = await completeImpact(
        octokit,
        {
          owner,
          repo,
          runId: data.runId,
          runName: data.runName,
          headBranch: data.headBranch,
          conclusion: data.conclusion,
          htmlUrl: data.htmlUrl,
          pullNumbers: data.pullNumbers,
        },
        log,
      );
      log.info({ runId: data.runId, ...r }, 'impact run reported');
      return r;
    }
    let pullNumber = data.pullNumbers[0];
    if (pullNumber === undefined && data.headBranch)
      pullNumber = (await findOpenBotPull(octokit, owner, repo, data.headBranch, log))?.number;
    if (pullNumber === undefined) throw new PullNotFoundError(`${repoLabel(data)} check run ${data.checkRunId}`);
    const r = await rerunImpact(octokit, { owner, repo, pullNumber }, { log });
    log.info({ pullNumber, outcome: r.outcome }, 'impact matrix rerun');
    return r;
  };
}
