/**
 * Writing an impact run's state back to its PR: the hidden metadata and the Impact section are
 * rewritten together in one body update, so the two never disagree.
 */
import type { GitHubClient } from '../github/app-auth.js';
import { updatePullBody } from '../github/pull-actions.js';
import type { BotPull } from '../pull-request/bot-pull.js';
import { writeMeta, type PullMeta } from '../pull-request/meta.js';
import { replaceSection } from '../pull-request/sections.js';
import { renderImpactSection } from './render-section.js';

/** The body with `meta` written and the Impact section re-rendered from it. */
export function bodyWithImpact(body: string, meta: PullMeta): string {
  return replaceSection(writeMeta(body, meta), 'impact', renderImpactSection(meta));
}

export async function writeImpactBody(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  pull: BotPull,
  meta: PullMeta,
): Promise<void> {
  const body = bodyWithImpact(pull.body, meta);
  if (body === pull.body) return;
  await updatePullBody(octokit, owner, repo, pull.number, body);
}
