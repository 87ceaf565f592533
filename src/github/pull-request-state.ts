/** What the commands do to a pull request beyond reading it (bot-pulls.ts reads it). */
import type { GitHubClient } from './app-auth.js';

export async function closePull(github: GitHubClient, owner: string, repo: string, number: number): Promise<void> {
  await github.rest.pulls.update({ owner, repo, pull_number: number, state: 'closed' });
}

export async function commentOnIssue(github: GitHubClient, owner: string, repo: string, number: number, body: string): Promise<number> {
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return data.id;
}
