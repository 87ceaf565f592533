/**
 * The `command` queue: one job per comment that may hold commands for the app. The job id comes
 * from the comment id, so a redelivered webhook collapses into the job already queued or done.
 * The processor resolves the app's slug, gets an installation client and hands over to
 * `runCommands`; failures propagate so BullMQ retries.
 */
import type { Job, Processor, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'probot';
import { z } from 'zod';
import type { CommandActions } from '../commands/actions.js';
import { runCommands, type CommandRunResult } from '../commands/run-commands.js';
import { MAX_COMMENT_BODY } from '../github-limits.js';
import type { GitHubAuth, GitHubClient } from '../github/app-auth.js';
import { reactToComment } from '../github/comment-reactions.js';
import type { AppSlug } from '../github/app-slug.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';
import { parseJobData } from './parse-job-data.js';
import { repoLabel, repoRefSchema } from '../repo-ref.js';

export const COMMAND_QUEUE = 'command';
export const COMMAND_JOB_NAME = 'command';

const commandDataSchema = repoRefSchema.extend({
  pullNumber: z.number().int().positive(),
  commentId: z.number().int().positive(),
  /** GitHub logins: letters, digits and single hyphens. */
  author: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/),
  /** The comment as delivered (a later edit is not re-run). */
  body: z.string().max(MAX_COMMENT_BODY),
});

export type CommandJobData = z.infer<typeof commandDataSchema>;

export function commandJobId(commentId: number): string {
  return `command-${commentId}`;
}

export async function enqueueCommand(queue: Queue, data: CommandJobData): Promise<Job> {
  return queue.add(COMMAND_JOB_NAME, data, { ...QUICK_JOB_OPTIONS, jobId: commandJobId(data.commentId) });
}

export interface CommandProcessorDeps {
  auth: GitHubAuth;
  appSlug: AppSlug;
  actions: CommandActions;
  /** For the per-repository lock and the ignore cache. */
  redis: Redis;
  prefix: string;
  log: Logger;
}

export function createCommandProcessor(deps: CommandProcessorDeps): Processor<CommandJobData, CommandRunResult> {
  return async (job) => {
    const data = parseJobData(commandDataSchema, job.data, COMMAND_QUEUE);
    const { pullNumber, commentId, author, body, ...ref } = data;
    const log = deps.log.child({ queue: COMMAND_QUEUE, jobId: job.id, repo: repoLabel(ref), pull: pullNumber });
    const [appSlug, github] = await Promise.all([deps.appSlug(), deps.auth.installation(ref.installationId)]);
    try {
      return await runCommands({ github, redis: deps.redis, prefix: deps.prefix, appSlug, actions: deps.actions, log }, { ref, pullNumber, commentId, author, body });
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await reportGivingUp(github, ref.owner, ref.repo, commentId, log);
      throw err;
    }
  };
}

/** The last attempt failed: the 👀 would otherwise be the last word. Best effort, the job fails anyway. */
async function reportGivingUp(github: GitHubClient, owner: string, repo: string, commentId: number, log: Logger): Promise<void> {
  try {
    await reactToComment(github, owner, repo, commentId, 'confused');
  } catch (err) {
    log.warn({ err: { message: (err as Error).message } }, 'could not mark the failed command');
  }
}
