/**
 * The `impact` queue: a finished impact workflow run to report (from `workflow_run.completed`),
 * or a rerun of the matrix (a "Re-run" click on the check, `check_run.rerequested`; the rerun
 * comment command calls `rerunImpact` itself). Ids only: the worker (pipeline/run-impact.ts) mints
 * the token.
 */
import type { Job, JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { repoRefSchema } from '../repo-ref.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';

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
  return data.kind === 'run-completed'
    ? `impact-run-${data.repositoryId}-${data.runId}-${data.runAttempt}`
    : `impact-rerun-${data.repositoryId}-${data.checkRunId}-${deliveryId}`;
}

export async function enqueueImpact(
  queue: Queue,
  data: ImpactJobData,
  deliveryId: string,
): Promise<Job<ImpactJobData>> {
  return queue.add(data.kind, data, { ...IMPACT_JOB_OPTIONS, jobId: impactJobId(data, deliveryId) });
}
