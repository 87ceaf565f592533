/**
 * The `command` queue: one job per comment that may hold commands for the app. The job id comes
 * from the comment id, so a redelivered webhook collapses into the job already queued or done.
 * The worker (pipeline/run-command.ts) hands it to the commands.
 */
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { MAX_COMMENT_BODY } from '../github-limits.js';
import { repoRefSchema } from '../repo-ref.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';

export const COMMAND_QUEUE = 'command';
export const COMMAND_JOB_NAME = 'command';

export const commandJobSchema = repoRefSchema.extend({
  pullNumber: z.number().int().positive(),
  commentId: z.number().int().positive(),
  /** GitHub logins: letters, digits and single hyphens. */
  author: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/),
  /** The comment as delivered (a later edit is not re-run). */
  body: z.string().max(MAX_COMMENT_BODY),
});

export type CommandJobData = z.infer<typeof commandJobSchema>;

export function commandJobId(commentId: number): string {
  return `command-${commentId}`;
}

export async function enqueueCommand(queue: Queue, data: CommandJobData): Promise<Job> {
  return queue.add(COMMAND_JOB_NAME, data, { ...QUICK_JOB_OPTIONS, jobId: commandJobId(data.commentId) });
}
