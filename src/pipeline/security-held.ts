/**
 * The modules an open security PR moves. The scheduled run leaves them to it: proposing the same
 * bump twice (or a second edit of the same require line) would make the two PRs conflict, and the
 * security PR is the one to merge first.
 */
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import type { PlanUpdate } from '../planner/plan-schema.js';
import { findOpenBotPull } from '../pull-request/bot-pull.js';
import { branchName, SECURITY_GROUP } from '../pull-request/branch.js';

export async function withoutSecurityPullModules(
  github: GitHubClient,
  target: { owner: string; repo: string; base: string },
  updates: readonly PlanUpdate[],
  log: Logger,
): Promise<{ kept: PlanUpdate[]; held: PlanUpdate[] }> {
  const pull = await findOpenBotPull(github, target.owner, target.repo, branchName(target.base, SECURITY_GROUP), log);
  const modules = new Set(pull?.meta?.updates.map((u) => u.module) ?? []);
  const kept: PlanUpdate[] = [];
  const held: PlanUpdate[] = [];
  for (const u of updates) (modules.has(u.module) ? held : kept).push(u);
  return { kept, held };
}
