/**
 * What the commands ask of the pipeline, injected so the commands do not depend on how the
 * pipeline builds a PR. pipeline/command-actions.ts supplies the real implementation:
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
import { StewardError } from '../errors.js';
import type { Pull } from '../github/pulls.js';
import type { PullMeta } from '../pull-request/meta.js';
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
  /**
   * `reason` is unique per command comment: the same reason twice is one run. `group`: the PR's;
   * the security PR is rebuilt by the security check rather than the scheduled run.
   */
  replan(ref: RepoRef, reason: string, group?: string): Promise<ActionResult>;
}

/** The action cannot be done for this PR or in this deployment; the reply says why. */
export class CommandUnavailableError extends StewardError {
  readonly code = 'command-unavailable';
}
