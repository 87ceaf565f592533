/**
 * The `impact` queue: a finished impact workflow run to report (from `workflow_run.completed`),
 * or a rerun of the matrix (a "Re-run" click on the check, `check_run.rerequested`; the rerun
 * comment command calls `rerunImpact` itself). Ids only: the worker mints the token.
 */
import type { Job, JobsOptions, Processor, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'probot';
import { z } from 'zod';
import type { GitHubAuth } from '../github/app-auth.js';
import { findOpenBotPull } from '../pull-request/bot-pull.js';
import { completeImpact } from '../impact/complete-impact.js';
import { PullNotFoundError } from '../impact/errors.js';
import { rerunImpact } from '../impact/start-impact.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';
import { parseJobData } from './parse-job-data.js';
import { repoLabel, repoRefSchema } from '../repo-ref.js';
import { repoLockKey, withRepoLock } from '../redis/repo-lock.js';

export const IMPACT_QUEUE = 'impact';

const id = z.number().int().positive();

const runCompleted = repoRefSchema.extend({
  kind: z.literal('run-completed'),
  runId: id,
  runAttempt: z.number().int().positive(),
  runName: z.string(),
  headBranch: z.string().nullable(),
  conclusion: z.string().nullable(),
  htmlUrl: z.string(),
  pullNumbers: z.array(id),
});

const rerun = repoRefSchema.extend({
  kind: z.literal('rerun'),
  checkRunId: id,
  pullNumbers: z.array(id),
  headBranch: z.string().nullable(),
});

export const impactJobSchema = z.discriminatedUnion('kind', [runCompleted, rerun]);
export type ImpactJobData = z.infer<typeof impactJobSchema>;

export const IMPACT_JOB_OPTIONS = QUICK_JOB_OPTIONS satisfies JobsOptions;

/** A redelivered webhook collapses into the job it already made. */
export function impactJobId(data: ImpactJobData, deliveryId: string): string {
  return data.kind === 'run-completed' ? `impact-run-${data.repositoryId}-${data.runId}-${data.runAttempt}` : `impact-rerun-${data.repositoryId}-${data.checkRunId}-${deliveryId}`;
}

export async function enqueueImpact(queue: Queue, data: ImpactJobData, deliveryId: string): Promise<Job<ImpactJobData>> {
  return queue.add(data.kind, data, { ...IMPACT_JOB_OPTIONS, jobId: impactJobId(data, deliveryId) });
}

export interface ImpactProcessorDeps {
  auth: GitHubAuth;
  log: Logger;
  /**
   * The repository lock publish holds while it opens the PR and starts its matrix. A run can
   * finish before publish has recorded which matrix it started; holding the same lock, the
   * report waits for that record instead of finding none and dropping the result.
   */
  lock: { redis: Redis; prefix: string; retryDelayMs?: number };
}

export function createImpactProcessor(deps: ImpactProcessorDeps): Processor<ImpactJobData> {
  return async (job, token) => {
    const data = parseJobData(impactJobSchema, job.data, IMPACT_QUEUE);
    return withRepoLock(deps.lock.redis, repoLockKey(deps.lock.prefix, data.repositoryId), job, token, () => processImpact(deps, job, data), { retryDelayMs: deps.lock.retryDelayMs ?? 5_000 });
  };
}

async function processImpact(deps: ImpactProcessorDeps, job: Job, data: ImpactJobData): Promise<unknown> {
  const log = deps.log.child({ queue: IMPACT_QUEUE, jobId: job.id, repo: repoLabel(data), installationId: data.installationId });
  const octokit = await deps.auth.installation(data.installationId);
  const { owner, repo } = data;
  if (data.kind === 'run-completed') {
    const r = await completeImpact(octokit, { owner, repo, runId: data.runId, runName: data.runName, headBranch: data.headBranch, conclusion: data.conclusion, htmlUrl: data.htmlUrl, pullNumbers: data.pullNumbers }, log);
    log.info({ runId: data.runId, ...r }, 'impact run reported');
    return r;
  }
  let pullNumber = data.pullNumbers[0];
  if (pullNumber === undefined && data.headBranch) pullNumber = (await findOpenBotPull(octokit, owner, repo, data.headBranch, log))?.number;
  if (pullNumber === undefined) throw new PullNotFoundError(`${repoLabel(data)} check run ${data.checkRunId}`);
  const r = await rerunImpact(octokit, { owner, repo, pullNumber }, { log });
  log.info({ pullNumber, outcome: r.outcome }, 'impact matrix rerun');
  return r;
}
