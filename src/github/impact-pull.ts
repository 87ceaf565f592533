/**
 * The bot PR an impact run belongs to, and writing its state back: the hidden metadata and the
 * Impact section are rewritten together in one body update, so the two never disagree.
 */
import { renderImpactSection } from '../impact/render-section.js';
import { readMeta, writeMeta, type PullMeta } from '../pull-request/meta.js';
import { replaceSection } from '../pull-request/sections.js';
import type { GitHubClient } from './app-auth.js';

export interface ImpactPull {
  number: number;
  nodeId: string;
  body: string;
  headSha: string;
  headRef: string;
  state: string;
  labels: string[];
  meta: PullMeta | undefined;
}

type PullData = {
  number: number;
  node_id: string;
  body: string | null;
  state: string;
  head: { sha: string; ref: string };
  labels: { name?: string }[];
};

function toImpactPull(p: PullData): ImpactPull {
  return {
    number: p.number,
    nodeId: p.node_id,
    body: p.body ?? '',
    headSha: p.head.sha,
    headRef: p.head.ref,
    state: p.state,
    labels: p.labels.map((l) => l.name ?? '').filter((n) => n !== ''),
    meta: readMeta(p.body),
  };
}

export async function getImpactPull(octokit: GitHubClient, owner: string, repo: string, pullNumber: number): Promise<ImpactPull> {
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  return toImpactPull(data);
}

/** The open PR whose head is `branch` in the repository itself (bot branches never live in forks). */
export async function findOpenPullByBranch(octokit: GitHubClient, owner: string, repo: string, branch: string): Promise<ImpactPull | undefined> {
  const { data } = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 10 });
  const first = data[0];
  return first ? toImpactPull(first) : undefined;
}

/** The body with `meta` written and the Impact section re-rendered from it. */
export function bodyWithImpact(body: string, meta: PullMeta): string {
  return replaceSection(writeMeta(body, meta), 'impact', renderImpactSection(meta));
}

export async function writeImpactBody(octokit: GitHubClient, owner: string, repo: string, pull: ImpactPull, meta: PullMeta): Promise<void> {
  const body = bodyWithImpact(pull.body, meta);
  if (body === pull.body) return;
  await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, body });
}
