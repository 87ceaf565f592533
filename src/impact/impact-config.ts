import type { Logger } from 'probot';
import { defaultConfig, type StewardConfig } from '../config/defaults.js';
import type { GitHubClient } from '../github/app-auth.js';
import { readRepoConfig } from '../github/read-repo-config.js';

/**
 * The config the impact step goes by. A config broken since the PR was built has its own failing
 * check (config-check-run.ts); here it falls back to the defaults, which never merge on their own.
 */
export async function impactConfig(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  log?: Logger,
): Promise<StewardConfig> {
  const r = await readRepoConfig(octokit, { owner, repo });
  if (r.kind !== 'invalid') return r.config;
  log?.warn({ owner, repo, err: { message: r.error.message } }, 'invalid config: the impact step uses the defaults');
  return defaultConfig();
}
