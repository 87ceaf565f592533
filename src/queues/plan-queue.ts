/**
 * The `plan` queue: one job per scheduled (or commanded) run on a repository. Its jobs come
 * from the per-repository job schedulers (repo-schedulers.ts) or from `enqueuePlan`. What a
 * plan run does is injected as a `PlanHandler`: this file only checks the job data, gives the
 * handler a way to reach GitHub as the installation, and lets failures propagate so BullMQ
 * retries them.
 */
import type { Job, JobsOptions, Processor, Queue } from 'bullmq';
import type { Logger } from 'probot';
import type { GitHubAuth, GitHubClient } from '../github/app-auth.js';
import { RETENTION } from './job-options.js';
import { parseJobData } from './parse-job-data.js';
import { repoLabel, repoRefSchema, type RepoRef } from '../repo-ref.js';

export const PLAN_QUEUE = 'plan';
export const PLAN_JOB_NAME = 'plan';

/** Ids only: the token is minted by the worker that runs the job. */
export type PlanJobData = RepoRef;

/** Applied to scheduled and commanded plan jobs alike. */
export const PLAN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  ...RETENTION,
} as const satisfies JobsOptions;

export interface PlanJobContext {
  data: PlanJobData;
  job: Job<PlanJobData>;
  /** A client authenticated as the job's installation. */
  github(): Promise<GitHubClient>;
  log: Logger;
  /** Aborted when the worker is force-closed at the end of the shutdown grace period. */
  signal: AbortSignal | undefined;
}

/** The pipeline's entry point. Throw to fail the job (BullMQ retries it); the return value is stored as the job's result. */
export type PlanHandler = (ctx: PlanJobContext) => Promise<unknown>;

export interface PlanProcessorDeps {
  auth: GitHubAuth;
  log: Logger;
}

export function createPlanProcessor(handler: PlanHandler, deps: PlanProcessorDeps): Processor<PlanJobData> {
  return async (job, _token, signal) => {
    const data = parseJobData(repoRefSchema, job.data, PLAN_QUEUE);
    const log = deps.log.child({ queue: PLAN_QUEUE, jobId: job.id, repo: repoLabel(data), installationId: data.installationId });
    return handler({ data, job, github: () => deps.auth.installation(data.installationId), log, signal });
  };
}

/** Until the pipeline is plugged in, a scheduled run is only recorded. */
export const recordOnlyPlanHandler: PlanHandler = async ({ data, job, log }) => {
  log.info({ scheduler: job.repeatJobKey }, 'plan job received');
  return { repository: repoLabel(data), ran: false };
};

/**
 * Enqueues a plan run outside the schedule (a comment command, a retry). `reason` makes the id:
 * the same reason for the same repository collapses into one job while it is retained.
 */
export async function enqueuePlan(queue: Queue, data: PlanJobData, reason: string, opts: JobsOptions = {}): Promise<Job<PlanJobData>> {
  const jobId = `plan-${data.installationId}-${data.repositoryId}-${reason.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  return queue.add(PLAN_JOB_NAME, data, { ...PLAN_JOB_OPTIONS, ...opts, jobId });
}
