/**
 * Pull requests as the app reads them, fresh from GitHub (a webhook's copy may be stale); the
 * bot's own are found by their deterministic branch, never remembered in Redis.
 */
import { readMeta, type PullMeta } from '../pull-request/meta.js';
import type { GitHubClient } from './app-auth.js';

export interface BotPull {
  number: number;
  nodeId: string;
  title: string;
  body: string;
  /** Login of who opened it (the bot's is `<slug>[bot]`). */
  author: string;
  baseRef: string;
  headRef: string;
  headSha: string;
  state: 'open' | 'closed';
  labels: string[];
  /** Auto-merge is enabled: GitHub merges it once nothing blocks it. */
  autoMerge: boolean;
  meta: PullMeta | undefined;
}

const BRANCH_PREFIX = 'gomod-steward/';

/** The fields both the list and the single-PR answers have. */
interface PullData {
  number: number;
  node_id: string;
  title: string;
  body: string | null;
  state: string;
  user: { login: string } | null;
  base: { ref: string };
  head: { sha: string; ref: string };
  labels: { name?: string }[];
  auto_merge?: unknown;
}

export function toBotPull(pr: PullData): BotPull {
  return {
    number: pr.number,
    nodeId: pr.node_id,
    title: pr.title,
    body: pr.body ?? '',
    author: pr.user?.login ?? '',
    baseRef: pr.base.ref,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    state: pr.state === 'closed' ? 'closed' : 'open',
    labels: pr.labels.map((l) => l.name ?? '').filter((n) => n !== ''),
    autoMerge: pr.auto_merge !== null && pr.auto_merge !== undefined,
    meta: readMeta(pr.body),
  };
}

export async function getBotPull(github: GitHubClient, owner: string, repo: string, pullNumber: number): Promise<BotPull> {
  const { data } = await github.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  return toBotPull(data);
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
