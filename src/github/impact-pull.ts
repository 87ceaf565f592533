/**
 * The bot PR an impact run belongs to, and writing its state back: the hidden metadata and the
 * Impact section are rewritten together in one body update, so the two never disagree.
 */
import { renderImpactSection } from '../impact/render-section.js';
import { writeMeta, type PullMeta } from '../pull-request/meta.js';
import { replaceSection } from '../pull-request/sections.js';
import type { GitHubClient } from './app-auth.js';
import { findOpenPull, getBotPull, type BotPull } from './bot-pulls.js';

export type ImpactPull = BotPull;
export { getBotPull as getImpactPull, findOpenPull as findOpenPullByBranch };

/** The body with `meta` written and the Impact section re-rendered from it. */
export function bodyWithImpact(body: string, meta: PullMeta): string {
  return replaceSection(writeMeta(body, meta), 'impact', renderImpactSection(meta));
}

export async function writeImpactBody(octokit: GitHubClient, owner: string, repo: string, pull: ImpactPull, meta: PullMeta): Promise<void> {
  const body = bodyWithImpact(pull.body, meta);
  if (body === pull.body) return;
  await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, body });
}
