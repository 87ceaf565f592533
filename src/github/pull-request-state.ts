/** The parts of a pull request the commands need, read fresh: the webhook's copy may be stale. */
import type { GitHubClient } from './app-auth.js';

export interface PullInfo {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  author: string;
  body: string;
  baseRef: string;
  headRef: string;
  headSha: string;
}

export async function getPull(github: GitHubClient, owner: string, repo: string, number: number): Promise<PullInfo> {
  const { data } = await github.rest.pulls.get({ owner, repo, pull_number: number });
  return {
    number: data.number,
    state: data.state === 'closed' ? 'closed' : 'open',
    merged: data.merged === true,
    author: data.user.login,
    body: data.body ?? '',
    baseRef: data.base.ref,
    headRef: data.head.ref,
    headSha: data.head.sha,
  };
}

export async function closePull(github: GitHubClient, owner: string, repo: string, number: number): Promise<void> {
  await github.rest.pulls.update({ owner, repo, pull_number: number, state: 'closed' });
}

export async function commentOnIssue(github: GitHubClient, owner: string, repo: string, number: number, body: string): Promise<number> {
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return data.id;
}
