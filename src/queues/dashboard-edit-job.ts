/**
 * A person edited the dashboard issue and ticked boxes: one job on the `command` queue (it shares
 * that queue's worker and the dashboard lock with comment commands). Ids only; the worker reads
 * the issue afresh, so a stale webhook copy of the body is never acted on. The delivery id makes
 * an edit's job id, so a redelivered webhook collapses into the job already queued or done; a
 * comment's job id is the comment's, as a PR command's is, so the same comment recovered from
 * GitHub after Redis lost its queue (pipeline/recover-commands.ts) collapses into it too.
 */
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { MAX_COMMENT_BODY } from '../github-limits.js';
import { repoRefSchema } from '../repo-ref.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';

export const DASHBOARD_EDIT_JOB_NAME = 'dashboard-edit';

export const dashboardEditJobSchema = repoRefSchema.extend({
  issueNumber: z.number().int().positive(),
  /** Who edited (GitHub login): the one whose write access is checked and who is answered. */
  sender: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/),
  deliveryId: z.string().min(1).max(100),
  /** A comment on the dashboard issue (`@<app> run`) rather than an edit of it. */
  comment: z.object({ id: z.number().int().positive(), body: z.string().max(MAX_COMMENT_BODY) }).optional(),
});
export type DashboardEditJobData = z.infer<typeof dashboardEditJobSchema>;

export function dashboardEditJobId(deliveryId: string): string {
  return `dashboard-edit-${deliveryId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export function dashboardCommentJobId(commentId: number): string {
  return `dashboard-comment-${commentId}`;
}

export async function enqueueDashboardEdit(queue: Queue, data: DashboardEditJobData): Promise<Job> {
  const jobId = data.comment ? dashboardCommentJobId(data.comment.id) : dashboardEditJobId(data.deliveryId);
  return queue.add(DASHBOARD_EDIT_JOB_NAME, data, { ...QUICK_JOB_OPTIONS, jobId });
}
