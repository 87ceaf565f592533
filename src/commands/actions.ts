/**
 * What the commands ask of the pipeline, injected so the commands do not depend on how the
 * pipeline builds a PR. The lead's pipeline supplies the real implementation:
 * - `rebase`: rebuild the PR's branch on the current head of `pull.baseRef` with exactly the
 *   target versions of `meta.updates` (no new versions), then update the PR;
 * - `recreate`: the same, but first discard any commit on the branch that the bot did not push
 *   (force the branch back to a fresh build);
 * - `rerunImpact`: dispatch the impact workflow again for `meta.services` on the PR head;
 * - `replan`: run the plan for the repository now (the ignore decisions just recorded are read
 *   by it), so the PR is rebuilt without what was ignored.
 * Each returns a sentence for the reply. Throw `CommandUnavailableError` for "cannot do that
 * here" (the user is told, the job succeeds); any other error fails the job so it is retried,
 * so implementations must be idempotent for the same `commentId`.
 */
import type { Queue } from 'bullmq';
import { StewardError } from '../errors.js';
import type { Pull } from '../github/pulls.js';
import type { PullMeta } from '../pull-request/meta.js';
import { enqueuePlan } from '../queues/plan-queue.js';
import type { RepoRef } from '../repo-ref.js';

export interface CommandTarget {
  ref: RepoRef;
  pull: Pull;
  meta: PullMeta;
  /** Who commanded it, and in which comment (for idempotency keys and log lines). */
  requestedBy: string;
  commentId: number;
}

export interface ActionResult {
  /** One or two sentences of markdown for the reply. */
  message: string;
}

export interface CommandActions {
  rebase(target: CommandTarget): Promise<ActionResult>;
  recreate(target: CommandTarget): Promise<ActionResult>;
  rerunImpact(target: CommandTarget): Promise<ActionResult>;
  /** `reason` is unique per command comment: the same reason twice is one run. */
  replan(ref: RepoRef, reason: string): Promise<ActionResult>;
}

/** The action cannot be done for this PR or in this deployment; the reply says why. */
export class CommandUnavailableError extends StewardError {
  readonly code = 'command-unavailable';
}

/**
 * Until the pipeline supplies its own: everything that a fresh plan run achieves goes through
 * the plan queue (a plan run rebuilds the PR from the current base, with the newest allowed
 * versions rather than the same ones); the impact re-run is not available.
 */
export function planQueueActions(planQueue: Queue): CommandActions {
  const run = async (ref: RepoRef, reason: string, message: string): Promise<ActionResult> => {
    await enqueuePlan(planQueue, ref, reason);
    return { message };
  };
  return {
    rebase: (t) => run(t.ref, `rebase-${t.commentId}`, `A new run is queued: it rebuilds this pull request on the current \`${t.pull.baseRef}\`.`),
    recreate: (t) => run(t.ref, `recreate-${t.commentId}`, `A new run is queued: it rebuilds this pull request from scratch on the current \`${t.pull.baseRef}\`.`),
    rerunImpact: async () => {
      throw new CommandUnavailableError('Re-running the impact workflow is not available in this version of gomod-steward.');
    },
    replan: (ref, reason) => run(ref, reason, 'A new run is queued to rebuild the pull request.'),
  };
}
