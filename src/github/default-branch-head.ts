/** The commit at the tip of a repository's default branch: where a check run about the current config belongs. */
import type { GitHubClient } from './app-auth.js';

export async function defaultBranchHead(octokit: GitHubClient, owner: string, repo: string): Promise<string> {
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${repository.default_branch}` });
  return ref.object.sha;
}
