/** The tip of a repository's default branch: the base of a run, and where a check run about the current config belongs. */
import type { GitHubClient } from './app-auth.js';

export async function defaultBranchTip(octokit: GitHubClient, owner: string, repo: string): Promise<{ name: string; sha: string }> {
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${repository.default_branch}` });
  return { name: repository.default_branch, sha: ref.object.sha };
}

export async function defaultBranchHead(octokit: GitHubClient, owner: string, repo: string): Promise<string> {
  return (await defaultBranchTip(octokit, owner, repo)).sha;
}
