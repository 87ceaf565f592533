/**
 * A bot PR closed without merging is the user's "no" to those versions. It is recorded on GitHub
 * already — the closed PR keeps its hidden metadata — so the next plan reads it back from there
 * and Redis holds nothing that would be lost.
 */
import type { GitHubClient } from '../github/app-auth.js';
import { readMeta } from '../pull-request/meta.js';
import type { PlanUpdate } from '../planner/plan-schema.js';

const MAX_PAGES = 3;

/** `module@version` pairs declined on this repository's bot PRs into `base`. */
export async function declinedVersions(github: GitHubClient, owner: string, repo: string, base: string): Promise<Set<string>> {
  const out = new Set<string>();
  let pages = 0;
  const closed = await github.paginate(
    github.rest.pulls.list,
    { owner, repo, state: 'closed', base, sort: 'updated', direction: 'desc', per_page: 100 },
    (res, done) => {
      // Recently closed first; older refusals age out, as the versions they refused do.
      if (++pages >= MAX_PAGES) done();
      return res.data;
    },
  );
  for (const pr of closed) {
    if (pr.merged_at || !pr.head.ref.startsWith('gomod-steward/')) continue;
    const meta = readMeta(pr.body);
    for (const u of meta?.updates ?? []) out.add(`${u.module}@${u.to}`);
  }
  return out;
}

export function withoutDeclined(updates: readonly PlanUpdate[], declined: ReadonlySet<string>): { kept: PlanUpdate[]; dropped: PlanUpdate[] } {
  const kept: PlanUpdate[] = [];
  const dropped: PlanUpdate[] = [];
  for (const u of updates) (declined.has(`${u.module}@${u.to}`) ? dropped : kept).push(u);
  return { kept, dropped };
}
