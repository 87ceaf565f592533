/**
 * The steps every bot PR shares around its commit: leave a branch alone that someone else pushed
 * to, and then bring the open PR's text, labels and draft state up to date or open it, writing
 * only what differs (each write is a spaced request).
 */
import type { GitHubClient } from '../github/app-auth.js';
import { branchHead } from '../github/commit-files.js';
import { addLabels, createPull, removeLabel, updatePullText } from '../github/pull-actions.js';
import { setPullDraft } from '../github/pull-draft.js';
import type { Pull } from '../github/pulls.js';
import type { BotPull } from './bot-pull.js';

/** True when the branch's head is not the commit the bot last made (`force` rebuilds anyway). */
export async function pushedByOthers(
  github: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
  existing: BotPull,
  force: boolean | undefined,
): Promise<boolean> {
  if (!existing.meta || force) return false;
  return (await branchHead(github, owner, repo, branch)) !== existing.meta.headSha;
}

export interface PullText {
  title: string;
  body: string;
  head: string;
  base: string;
  labels: readonly string[];
  /** Labels to take off an existing PR that has them. */
  unlabel?: readonly string[];
  /** The draft state the PR must have; unset: opened ready, and an existing PR keeps its state. */
  draft?: boolean;
}

export type OpenedOrUpdated = { pr: number; created: true } | { pr: number; created: false; bodyChanged: boolean };

export async function openOrUpdatePull(
  github: GitHubClient,
  owner: string,
  repo: string,
  existing: Pull | undefined,
  t: PullText,
): Promise<OpenedOrUpdated> {
  if (existing) {
    const bodyChanged = existing.body !== t.body || existing.title !== t.title;
    if (bodyChanged) await updatePullText(github, owner, repo, existing.number, t.title, t.body);
    await ensureLabels(github, owner, repo, existing, t.labels);
    for (const label of t.unlabel ?? [])
      if (existing.labels.includes(label)) await removeLabel(github, owner, repo, existing.number, label);
    if (t.draft !== undefined && t.draft !== existing.draft) await setPullDraft(github, existing.nodeId, t.draft);
    return { pr: existing.number, created: false, bodyChanged };
  }
  const pr = await createPull(github, owner, repo, {
    title: t.title,
    head: t.head,
    base: t.base,
    body: t.body,
    ...(t.draft ? { draft: true } : {}),
  });
  await ensureLabels(github, owner, repo, pr, t.labels);
  return { pr: pr.number, created: true };
}

async function ensureLabels(
  github: GitHubClient,
  owner: string,
  repo: string,
  pr: Pull,
  labels: readonly string[],
): Promise<void> {
  const missing = labels.filter((l) => !pr.labels.includes(l));
  if (missing.length) await addLabels(github, owner, repo, pr.number, missing);
}
