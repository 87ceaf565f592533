/**
 * The `reschedule` queue: bring one repository's scheduler in line with its config file. Fed by
 * pushes that touch `.github/gomod-steward.yml` (read at the pushed commit) and by installation
 * and reconciliation work (read at the default branch). The worker is pipeline/run-reschedule.ts.
 *
 * Jobs of one repository never run side by side and a newer one replaces one still waiting
 * out its short delay (BullMQ deduplication with `replace` and `keepLastIfActive`), so an older
 * config cannot overwrite a newer one. A job already released to the wait list keeps its place;
 * one arriving then is dropped, which only matters for two config pushes queued behind a backlog.
 */
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { repoRefSchema, shaSchema, type RepoRef } from '../repo-ref.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';

export const RESCHEDULE_QUEUE = 'reschedule';
export const RESCHEDULE_JOB_NAME = 'reschedule';
/** Long enough to fold a burst of pushes into one read, short enough to feel immediate. */
export const RESCHEDULE_DELAY_MS = 1000;

export const rescheduleJobSchema = repoRefSchema.extend({
  /** The commit to read the config at; null reads the default branch. */
  sha: shaSchema.nullable(),
});

export type RescheduleJobData = z.infer<typeof rescheduleJobSchema>;

/**
 * `origin` names what asked (a commit sha, a parent job id) and makes the job id, so a
 * redelivered webhook or a retried parent collapses into the job already queued.
 */
export function rescheduleJobId(data: RepoRef, origin: string): string {
  return `reschedule-${data.installationId}-${data.repositoryId}-${origin.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export function rescheduleJob(data: RescheduleJobData, origin: string) {
  return {
    name: RESCHEDULE_JOB_NAME,
    data,
    opts: {
      ...QUICK_JOB_OPTIONS,
      jobId: rescheduleJobId(data, origin),
      delay: RESCHEDULE_DELAY_MS,
      deduplication: {
        id: `reschedule-${data.installationId}-${data.repositoryId}`,
        replace: true,
        keepLastIfActive: true,
      },
    },
  };
}

export async function enqueueReschedule(queue: Queue, data: RescheduleJobData, origin: string): Promise<Job> {
  const { name, opts } = rescheduleJob(data, origin);
  return queue.add(name, data, opts);
}
