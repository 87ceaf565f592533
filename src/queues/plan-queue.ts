/**
 * The `plan` queue: one job per scheduled (or commanded) run on a repository. Its jobs come
 * from the per-repository job schedulers (repo-schedulers.ts) or from `enqueuePlan`. Ids only:
 * the token is minted by the worker that runs the job (pipeline/run-plan.ts).
 */
import type { Job, JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { repoRefSchema } from '../repo-ref.js';
import { RETENTION } from './job-options.js';

export const PLAN_QUEUE = 'plan';
export const PLAN_JOB_NAME = 'plan';

export const planJobSchema = repoRefSchema.extend({
  /** Only this group's PR (a ticked dashboard box); absent: every group that is due. */
  group: z.string().min(1).max(200).optional(),
  /** Plan only to rewrite the dashboard (after a PR was published): queue nothing. */
  refresh: z.literal(true).optional(),
  /**
   * A person asked for this run (a dashboard tick, `run` on the dashboard): what they asked names
   * its apply jobs, so they build again where an identical earlier apply (stopped by the open-PR
   * limit, say) would otherwise collapse them; a retry of this job still collapses.
   */
  asked: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,120}$/)
    .optional(),
});
export type PlanJobData = z.infer<typeof planJobSchema>;

/** Applied to scheduled and commanded plan jobs alike. */
export const PLAN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  ...RETENTION,
} as const satisfies JobsOptions;

/**
 * A plan that only rewrites the dashboard (`refresh`) yields to every run that may open a PR:
 * BullMQ takes jobs without a priority before prioritized ones, so a burst's refreshes (one per
 * published PR) wait until its scheduled runs have started instead of delaying them.
 */
export const REFRESH_PRIORITY = 10;

/**
 * Enqueues a plan run outside the schedule (a comment command, a retry). `reason` makes the id:
 * the same reason for the same repository collapses into one job while it is retained.
 */
export async function enqueuePlan(
  queue: Queue,
  data: PlanJobData,
  reason: string,
  opts: JobsOptions = {},
): Promise<Job<PlanJobData>> {
  const jobId = `plan-${data.installationId}-${data.repositoryId}-${reason.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const priority = data.refresh ? { priority: REFRESH_PRIORITY } : {};
  return queue.add(PLAN_JOB_NAME, data, { ...PLAN_JOB_OPTIONS, ...priority, ...opts, jobId });
}
