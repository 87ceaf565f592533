/**
 * The bot's pull requests: found by their deterministic branch, never remembered in Redis.
 */
import { readMeta, type PullMeta } from '../pull-request/meta.js';
import type { GitHubClient } from './app-auth.js';

export interface BotPull {
  number: number;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  labels: string[];
  meta: PullMeta | undefined;
}

const BRANCH_PREFIX = 'gomod-steward/';

type ListedPull = Awaited<ReturnType<GitHubClient['rest']['pulls']['list']>>['data'][number];

function toBotPull(pr: ListedPull): BotPull {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? '',
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    labels: pr.labels.map((l) => l.name),
    meta: readMeta(pr.body),
  };
}

/** The open PR whose head is `branch` in the repository itself (forks never count). */
export async function findOpenPull(github: GitHubClient, owner: string, repo: string, branch: string): Promise<BotPull | undefined> {
  const { data } = await github.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 10 });
  const pr = data.find((p) => p.head.ref === branch && p.head.repo?.full_name === p.base.repo.full_name);
  return pr && toBotPull(pr);
}

/** Open PRs on gomod-steward branches into `base` (for open-pull-requests-limit). */
export async function listOpenBotPulls(github: GitHubClient, owner: string, repo: string, base: string): Promise<BotPull[]> {
  const all = await github.paginate(github.rest.pulls.list, { owner, repo, state: 'open', base, per_page: 100 });
  return all.filter((p) => p.head.ref.startsWith(BRANCH_PREFIX) && p.head.repo?.full_name === p.base.repo.full_name).map(toBotPull);
}
