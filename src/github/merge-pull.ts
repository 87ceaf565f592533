/**
 * Merging a PR whose matrix is green. Auto-merge (GraphQL `enablePullRequestAutoMerge`) lets
 * branch protection have the last word; where the repository does not allow auto-merge, or the PR
 * is already mergeable (GitHub then refuses to enable it), the PR is merged directly, pinned to
 * the head the matrix tested.
 */
import { httpStatus, type GitHubClient } from './app-auth.js';

export type MergeOutcome = 'auto-merge-enabled' | 'merged' | 'not-mergeable';

const ENABLE_AUTO_MERGE = `mutation($pullRequestId: ID!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) { clientMutationId }
}`;

export async function mergeWhenGreen(
  octokit: GitHubClient,
  t: { owner: string; repo: string; pullNumber: number; nodeId: string; headSha: string },
): Promise<MergeOutcome> {
  try {
    await octokit.graphql(ENABLE_AUTO_MERGE, { pullRequestId: t.nodeId });
    return 'auto-merge-enabled';
  } catch (err) {
    if (!autoMergeUnavailable(err)) throw err;
  }
  try {
    await octokit.rest.pulls.merge({ owner: t.owner, repo: t.repo, pull_number: t.pullNumber, sha: t.headSha });
    return 'merged';
  } catch (err) {
    // 405: not mergeable (conflicts, required reviews); 409: the head moved on. A person decides.
    const status = httpStatus(err);
    if (status === 405 || status === 409) return 'not-mergeable';
    throw err;
  }
}

function autoMergeUnavailable(err: unknown): boolean {
  const errors = (err as { errors?: { message?: unknown }[] } | null)?.errors;
  const messages = Array.isArray(errors)
    ? errors.map((e) => String(e.message ?? ''))
    : [String((err as Error)?.message ?? '')];
  return messages.some((m) =>
    /auto-?merge is not allowed|clean status|not allowed for this repository|unstable status/i.test(m),
  );
}
