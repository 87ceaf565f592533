/**
 * The `command` stage: resolves the app's slug, gets an installation client and hands the
 * comment to the commands (commands/run-commands.ts); failures propagate so BullMQ retries.
 */
import { jobLog } from './job-log.js';
import type { Processor } from 'bullmq';
import type { Logger } from 'probot';
import { runCommands, type CommandRunResult } from '../commands/run-commands.js';
import type { GitHubClient } from '../github/app-auth.js';
import { reactToComment } from '../github/comment-reactions.js';
import { COMMAND_QUEUE, commandJobSchema, type CommandJobData } from '../queues/command-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { UnknownJobError } from '../queues/unknown-job-error.js';
import { DASHBOARD_EDIT_JOB_NAME, dashboardEditJobSchema } from '../queues/dashboard-edit-job.js';
import { runDashboardEdit, type DashboardEditResult } from './run-dashboard-edit.js';

import type { StageDeps } from './deps.js';

export function createCommandProcessor(
  deps: Pick<StageDeps, 'auth' | 'appSlug' | 'commandActions' | 'redis' | 'prefix' | 'log'> &
    Partial<Pick<StageDeps, 'queues'>>,
): Processor<CommandJobData, CommandRunResult | DashboardEditResult> {
  return async (job) => {
    if (job.name === DASHBOARD_EDIT_JOB_NAME) {
      // Ticked dashboard boxes share this queue's worker (pipeline/run-dashboard-edit.ts); they feed the plan queue.
      const queues = deps.queues;
      if (!queues) throw new UnknownJobError(COMMAND_QUEUE, job.name);
      const edit = parseJobData(dashboardEditJobSchema, job.data, COMMAND_QUEUE);
      const log = jobLog(deps.log, COMMAND_QUEUE, job, edit, { issue: edit.issueNumber });
      const [appSlug, github] = await Promise.all([deps.appSlug(), deps.auth.installation(edit.installationId)]);
      return runDashboardEdit({ ...deps, queues }, github, appSlug, edit, log);
    }
    const data = parseJobData(commandJobSchema, job.data, COMMAND_QUEUE);
    const { pullNumber, commentId, author, body, ...ref } = data;
    const log = jobLog(deps.log, COMMAND_QUEUE, job, ref, { pull: pullNumber });
    const [appSlug, github] = await Promise.all([deps.appSlug(), deps.auth.installation(ref.installationId)]);
    try {
      return await runCommands(
        { github, redis: deps.redis, prefix: deps.prefix, appSlug, actions: deps.commandActions, log },
        { ref, pullNumber, commentId, author, body },
      );
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
        await reportGivingUp(github, ref.owner, ref.repo, commentId, log);
      throw err;
    }
  };
}

/** The last attempt failed: the 👀 would otherwise be the last word. Best effort, the job fails anyway. */
async function reportGivingUp(
  github: GitHubClient,
  owner: string,
  repo: string,
  commentId: number,
  log: Logger,
): Promise<void> {
  try {
    await reactToComment(github, owner, repo, commentId, 'confused');
  } catch (err) {
    log.warn({ err: { message: (err as Error).message } }, 'could not mark the failed command');
  }
}
