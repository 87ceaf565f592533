/**
 * Reads `.github/gomod-steward.yml` of a repository through the contents API (no clone) and
 * validates it. A missing file means the defaults; a broken one is returned, not thrown, because
 * it is the user's to fix and the caller reports it.
 */
import { CONFIG_PATH, ConfigError, defaultConfig, parseConfig, type StewardConfig } from '../config/index.js';
import { httpStatus, type GitHubClient } from './app-auth.js';

export type RepoConfigResult =
  | { kind: 'absent'; config: StewardConfig }
  | { kind: 'valid'; config: StewardConfig }
  | { kind: 'invalid'; error: ConfigError };

export interface RepoAt {
  owner: string;
  repo: string;
  /** A commit sha or branch; undefined reads the default branch. */
  ref?: string | undefined;
}

export async function readRepoConfig(octokit: GitHubClient, at: RepoAt): Promise<RepoConfigResult> {
  let data: unknown;
  try {
    const res = await octokit.rest.repos.getContent({
      owner: at.owner,
      repo: at.repo,
      path: CONFIG_PATH,
      ...(at.ref !== undefined ? { ref: at.ref } : {}),
    });
    data = res.data;
  } catch (err) {
    if (httpStatus(err) === 404) return { kind: 'absent', config: defaultConfig() };
    throw err;
  }
  const text = fileText(data);
  if (text === undefined) {
    return {
      kind: 'invalid',
      error: new ConfigError([
        {
          file: CONFIG_PATH,
          line: 1,
          column: 1,
          field: '',
          message: 'not a regular file of at most 1 MB',
          expected: 'a YAML file',
        },
      ]),
    };
  }
  try {
    return { kind: 'valid', config: parseConfig(CONFIG_PATH, text) };
  } catch (err) {
    if (err instanceof ConfigError) return { kind: 'invalid', error: err };
    throw err;
  }
}

/** The decoded text of a contents-API file answer; undefined for a directory, symlink, submodule or oversized file. */
function fileText(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const file = data as { type?: unknown; encoding?: unknown; content?: unknown };
  if (file.type !== 'file' || file.encoding !== 'base64' || typeof file.content !== 'string') return undefined;
  return Buffer.from(file.content, 'base64').toString('utf8');
}
