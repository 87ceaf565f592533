/**
 * The `apply` queue: one job per repository, base commit and group, queued by a plan job. The
 * processor holds the repository's lock while the Go toolchain works on a checkout.
 */
import type { Processor } from 'bullmq';
import type { Logger } from 'probot';
import type { GitHubAuth } from '../github/app-auth.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import { applyJobSchema, type ApplyJobData } from '../pipeline/job-data.js';
import { runApply, type ApplyRunResult } from '../pipeline/run-apply.js';
import { parseJobData } from './parse-job-data.js';
import { repoLabel } from '../repo-ref.js';
import { repoLockKey, withRepoLock } from '../redis/repo-lock.js';

export const APPLY_QUEUE = 'apply';

export interface StageProcessorDeps {
  auth: GitHubAuth;
  log: Logger;
  pipeline: PipelineDeps;
}

export function createApplyProcessor(deps: StageProcessorDeps): Processor<ApplyJobData, ApplyRunResult> {
  return async (job, token, signal) => {
    const data = parseJobData(applyJobSchema, job.data, APPLY_QUEUE);
    const log = deps.log.child({ queue: APPLY_QUEUE, jobId: job.id, repo: repoLabel(data), group: data.group });
    const key = repoLockKey(deps.pipeline.prefix, data.repositoryId);
    // apply can run for minutes: a long lease, renewed while it runs.
    return withRepoLock(deps.pipeline.redis, key, job, token, async () => {
      const github = await deps.auth.installation(data.installationId);
      return runApply(data, github, deps.pipeline, log, job, signal);
    }, { ttlMs: 300_000 });
  };
}
