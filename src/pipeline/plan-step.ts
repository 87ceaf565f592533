/**
 * The first stage of a run: read the repository through the API (config, tree, go.mod/go.work
 * blobs), ask the module proxy, and decide whether anything is due. No clone; for a repository
 * with nothing due this is the whole run.
 */
import type { Logger } from 'probot';
import type { StewardConfig } from '../config/defaults.js';
import type { ConfigError } from '../config/index.js';
import type { ModuleSource } from '../gomod/types.js';
import type { GitHubClient } from '../github/app-auth.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { readRepoSnapshot } from '../github/repo-snapshot.js';
import { createPlan } from '../planner/plan.js';
import type { RepoTree } from '../workspace/tree.js';
import type { Plan } from '../planner/plan-schema.js';

export type PlanOutcome =
  | { kind: 'disabled' }
  | { kind: 'invalid-config'; error: ConfigError }
  | { kind: 'planned'; config: StewardConfig; plan: Plan; tree: RepoTree; truncated: boolean };

export interface PlanStepInput {
  github: GitHubClient;
  owner: string;
  repo: string;
  source: ModuleSource;
  log: Logger;
}

export async function planStep(input: PlanStepInput): Promise<PlanOutcome> {
  const { github, owner, repo } = input;
  const read = await readRepoConfig(github, { owner, repo });
  if (read.kind === 'invalid') return { kind: 'invalid-config', error: read.error };
  if (!read.config.enabled) return { kind: 'disabled' };
  const snapshot = await readRepoSnapshot(github, owner, repo, 'HEAD');
  if (snapshot.truncated) input.log.warn('the repository tree listing was truncated by GitHub: modules beyond it are not planned');
  const plan = await planTree(snapshot.tree, snapshot.truncated, read.config, input.source);
  return { kind: 'planned', config: read.config, plan, tree: snapshot.tree, truncated: snapshot.truncated };
}

/** The plan of files already read; planning again (with more ignores) reads nothing from GitHub. */
export async function planTree(tree: RepoTree, truncated: boolean, config: StewardConfig, source: ModuleSource): Promise<Plan> {
  const plan = await createPlan({ tree, root: '.', config, source });
  if (truncated) plan.warnings.push({ message: 'GitHub truncated the tree listing (over 100,000 entries): some modules may not have been planned' });
  return plan;
}
