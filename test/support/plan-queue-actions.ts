/**
 * Command actions for tests of the command worker: everything a fresh plan run achieves goes
 * through the plan queue (a plan run rebuilds the PR from the current base, with the newest
 * allowed versions rather than the same ones); the impact re-run is not available.
 */
import type { Queue } from 'bullmq';
import { CommandUnavailableError, type ActionResult, type CommandActions } from '../../src/commands/actions.js';
import { enqueuePlan } from '../../src/queues/plan-queue.js';
import type { RepoRef } from '../../src/repo-ref.js';

export function planQueueActions(planQueue: Queue): CommandActions {
  const run = async (ref: RepoRef, reason: string, message: string): Promise<ActionResult> => {
    await enqueuePlan(planQueue, ref, reason);
    return { message };
  };
  return {
    rebase: (t) =>
      run(
        t.ref,
        `rebase-${t.commentId}`,
        `A new run is queued: it rebuilds this pull request on the current \`${t.pull.baseRef}\`.`,
      ),
    recreate: (t) =>
      run(
        t.ref,
        `recreate-${t.commentId}`,
        `A new run is queued: it rebuilds this pull request from scratch on the current \`${t.pull.baseRef}\`.`,
      ),
    rerunImpact: async () => {
      throw new CommandUnavailableError(
        'Re-running the impact workflow is not available in this version of gomod-steward.',
      );
    },
    replan: (ref, reason) => run(ref, reason, 'A new run is queued to rebuild the pull request.'),
  };
}
