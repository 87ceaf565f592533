/**
 * A pull request with what its hidden metadata says, read through github/pulls.ts. The
 * metadata is parsed here, against the schema (meta.ts); a PR whose block does not fit has no
 * metadata, so nothing acts on it as the bot's.
 */
import type { GitHubClient } from '../github/app-auth.js';
import { findOpenPull, getPull, listOpenPullsByHeadPrefix, type Pull } from '../github/pulls.js';
import { BRANCH_PREFIX } from './branch.js';
import { readMeta, type MetaLog, type PullMeta } from './meta.js';

export interface BotPull extends Pull {
  /** Undefined when the body has no metadata block, or one that does not fit the schema. */
  meta: PullMeta | undefined;
}

export function withMeta(pull: Pull, log?: MetaLog): BotPull {
  return { ...pull, meta: readMeta(pull.body, log, { pr: pull.number }) };
}

export async function getBotPull(
  github: GitHubClient,
  owner: string,
  repo: string,
  pullNumber: number,
  log?: MetaLog,
): Promise<BotPull> {
  return withMeta(await getPull(github, owner, repo, pullNumber), log);
}

/** The open PR on `branch`, with its metadata. */
export async function findOpenBotPull(
  github: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
  log?: MetaLog,
): Promise<BotPull | undefined> {
  const pull = await findOpenPull(github, owner, repo, branch);
  return pull && withMeta(pull, log);
}

/** Open PRs on gomod-steward branches into `base` (for open-pull-requests-limit). */
export async function listOpenBotPulls(
  github: GitHubClient,
  owner: string,
  repo: string,
  base: string,
): Promise<Pull[]> {
  return listOpenPullsByHeadPrefix(github, owner, repo, base, BRANCH_PREFIX);
}
