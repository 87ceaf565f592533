/** Comments the app writes on an issue or pull request (its replies to commands). */
import type { GitHubClient } from './app-auth.js';

/** Returns the new comment's id. */
export async function commentOnIssue(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  body: string,
): Promise<number> {
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return data.id;
}
