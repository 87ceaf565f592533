/** Branch tips: the base of a run (the default branch), and where a check run about the current config belongs. */
import type { GitHubClient } from './app-auth.js';

/** The commit a branch points at; fails (the job is retried) when the branch does not exist. */
export async function branchTip(octokit: GitHubClient, owner: string, repo: string, branch: string): Promise<string> {
  const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
  return ref.object.sha;
}

export async function defaultBranchTip(
  octokit: GitHubClient,
  owner: string,
  repo: string,
): Promise<{ name: string; sha: string }> {
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  return { name: repository.default_branch, sha: await branchTip(octokit, owner, repo, repository.default_branch) };
}
