/**
 * Everything a plan job decides from, read before anything is decided: the config, the default
 * branch and its head (read once: the base of the run and the commit a config check goes on), the
 * tree and go.mod/go.work blobs at that head, the ignores recorded by commands and the versions
 * declined on closed PRs. No clone.
 */
import type { Logger } from 'probot';
import type { StewardConfig } from '../config/defaults.js';
import type { ConfigError } from '../config/index.js';
import type { IgnoreRule } from '../config/defaults.js';
import type { GitHubClient } from '../github/app-auth.js';
import { defaultBranchTip } from '../github/branch-tips.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { readRepoSnapshot } from '../github/repo-snapshot.js';
import { declinedVersions } from '../pull-request/declined.js';
import type { RepoTree } from '../workspace/tree.js';
import type { PipelineDeps } from './deps.js';

export type PlanInputs =
  | { kind: 'disabled' }
  | { kind: 'invalid-config'; error: ConfigError; headSha: string }
  | {
      kind: 'ready';
      config: StewardConfig;
      /** The default branch and its head: the base every apply job of this run builds on. */
      base: string;
      baseSha: string;
      tree: RepoTree;
      truncated: boolean;
      recordedIgnores: IgnoreRule[];
      /** `module@version` pairs declined on closed bot PRs into `base`. */
      declined: Set<string>;
    };

export async function readPlanInputs(
  github: GitHubClient,
  owner: string,
  repo: string,
  deps: Pick<PipelineDeps, 'readIgnores'>,
  log: Logger,
): Promise<PlanInputs> {
  const read = await readRepoConfig(github, { owner, repo });
  if (read.kind !== 'invalid' && !read.config.enabled) return { kind: 'disabled' };
  const tip = await defaultBranchTip(github, owner, repo);
  if (read.kind === 'invalid') return { kind: 'invalid-config', error: read.error, headSha: tip.sha };
  const [snapshot, recordedIgnores, declined] = await Promise.all([
    readRepoSnapshot(github, owner, repo, tip.sha),
    deps.readIgnores ? deps.readIgnores(github, owner, repo) : Promise.resolve([]),
    declinedVersions(github, owner, repo, tip.name, log),
  ]);
  if (snapshot.truncated)
    log.warn('the repository tree listing was truncated by GitHub: modules beyond it are not planned');
  return {
    kind: 'ready',
    config: read.config,
    base: tip.name,
    baseSha: tip.sha,
    tree: snapshot.tree,
    truncated: snapshot.truncated,
    recordedIgnores,
    declined,
  };
}
