/**
 * The files apply changed, as Git Data API tree entries: each one uploaded as a blob (content
 * addressed, so a retry uploads the same sha), or `sha: null` where apply removed it.
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitHubClient } from './app-auth.js';
import type { TreeEntry } from './commit-files.js';

const UPLOAD_CONCURRENCY = 6;

export async function uploadChangedFiles(
  github: GitHubClient,
  owner: string,
  repo: string,
  root: string,
  paths: readonly string[],
): Promise<TreeEntry[]> {
  const out: TreeEntry[] = new Array(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const path = paths[i]!;
      const full = join(root, path);
      const stat = await lstat(full).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (!stat) {
        out[i] = { path, mode: '100644', sha: null };
        continue;
      }
      const content = await readFile(full);
      const { data } = await github.rest.git.createBlob({
        owner,
        repo,
        content: content.toString('base64'),
        encoding: 'base64',
      });
      out[i] = { path, mode: stat.mode & 0o111 ? '100755' : '100644', sha: data.sha };
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, paths.length) }, worker));
  return out;
}
