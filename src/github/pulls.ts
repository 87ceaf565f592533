/**
 * Pull requests as the app reads them, fresh from GitHub (a webhook's copy may be stale): plain
 * data, body included. Which of them are the bot's, and what their metadata says, is for
 * pull-request/ to decide.
 */
import type { GitHubClient } from './app-auth.js';

export interface Pull {
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
  /** A draft: not ready for review, never merged. */
  draft: boolean;
}

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
  draft?: boolean;
}

export function toPull(pr: PullData): Pull {
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
    draft: pr.draft === true,
  };
}

export async function getPull(github: GitHubClient, owner: string, repo: string, pullNumber: number): Promise<Pull> {
  const { data } = await github.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  return toPull(data);
}

/** The open PR whose head is `branch` in the repository itself (forks never count). */
export async function findOpenPull(
  github: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
): Promise<Pull | undefined> {
  const { data } = await github.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${branch}`,
    per_page: 10,
  });
  const pr = data.find((p) => p.head.ref === branch && p.head.repo?.full_name === p.base.repo.full_name);
  return pr && toPull(pr);
}

/** Open PRs into `base` whose head branch (in the repository itself) starts with `prefix`. */
export async function listOpenPullsByHeadPrefix(
  github: GitHubClient,
  owner: string,
  repo: string,
  base: string,
  prefix: string,
): Promise<Pull[]> {
  const all = await github.paginate(github.rest.pulls.list, { owner, repo, state: 'open', base, per_page: 100 });
  return all
    .filter((p) => p.head.ref.startsWith(prefix) && p.head.repo?.full_name === p.base.repo.full_name)
    .map(toPull);
}

/** A closed pull request of `listRecentlyClosedPulls`: its head branch, body, and whether it was merged. */
export interface ClosedPull {
  headRef: string;
  body: string;
  merged: boolean;
}

/** PRs into `base` closed most recently (updated first), at most `maxPages` pages of 100. */
export async function listRecentlyClosedPulls(
  github: GitHubClient,
  owner: string,
  repo: string,
  base: string,
  maxPages: number,
): Promise<ClosedPull[]> {
  let pages = 0;
  const closed = await github.paginate(
    github.rest.pulls.list,
    { owner, repo, state: 'closed', base, sort: 'updated', direction: 'desc', per_page: 100 },
    (res, done) => {
      if (++pages >= maxPages) done();
      return res.data;
    },
  );
  return closed.map((pr) => ({ headRef: pr.head.ref, body: pr.body ?? '', merged: Boolean(pr.merged_at) }));
}
