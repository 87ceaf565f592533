/**
 * Turning a pull request into a draft, or a draft into one ready for review. GitHub has no REST
 * call for either; these are its GraphQL mutations, by the pull request's node id.
 */
import type { GitHubClient } from './app-auth.js';

const TO_DRAFT = `mutation($pullRequestId: ID!) {
  convertPullRequestToDraft(input: { pullRequestId: $pullRequestId }) { clientMutationId }
}`;

const TO_READY = `mutation($pullRequestId: ID!) {
  markPullRequestReadyForReview(input: { pullRequestId: $pullRequestId }) { clientMutationId }
}`;

export async function setPullDraft(github: GitHubClient, nodeId: string, draft: boolean): Promise<void> {
  await github.graphql(draft ? TO_DRAFT : TO_READY, { pullRequestId: nodeId });
}
