/**
 * A bot PR closed without merging is the user's "no" to those versions. It is recorded on GitHub
 * already — the closed PR keeps its hidden metadata — so the next plan reads it back from there
 * and Redis holds nothing that would be lost. A block that does not fit the schema declines
 * nothing.
 */
import type { GitHubClient } from '../github/app-auth.js';
import { listRecentlyClosedPulls } from '../github/pulls.js';
import type { PlanUpdate } from '../planner/plan-schema.js';
import { isBotBranch } from './branch.js';
import { readMeta, type MetaLog } from './meta.js';

/** Recently closed first; older refusals age out, as the versions they refused do. */
const MAX_PAGES = 3;

/** `module@version` pairs declined on this repository's bot PRs into `base`. */
export async function declinedVersions(
  github: GitHubClient,
  owner: string,
  repo: string,
  base: string,
  log?: MetaLog,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const pr of await listRecentlyClosedPulls(github, owner, repo, base, MAX_PAGES)) {
    if (pr.merged || !isBotBranch(pr.headRef)) continue;
    const meta = readMeta(pr.body, log, { branch: pr.headRef });
    for (const u of meta?.updates ?? []) out.add(`${u.module}@${u.to}`);
  }
  return out;
}

export function withoutDeclined(
  updates: readonly PlanUpdate[],
  declined: ReadonlySet<string>,
): { kept: PlanUpdate[]; dropped: PlanUpdate[] } {
  const kept: PlanUpdate[] = [];
  const dropped: PlanUpdate[] = [];
  for (const u of updates) (declined.has(`${u.module}@${u.to}`) ? dropped : kept).push(u);
  return { kept, dropped };
}
