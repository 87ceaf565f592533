/**
 * The files apply changed, as Git Data API tree entries: `sha: null` where apply removed it; the
 * text of a small file as it is (GitHub makes its blob with the tree, so the file costs no write
 * of its own: an installation's writes are spaced a second apart, and go.mod/go.sum are most of
 * what apply changes); anything else uploaded as a blob (content addressed, so a retry uploads
 * the same sha). The inline text rides in the publish job's data, hence the bounds.
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitHubClient } from './app-auth.js';
import type { TreeEntry } from './commit-files.js';

const UPLOAD_CONCURRENCY = 6;
/** A file up to this many bytes of UTF-8 goes inline. */
export const MAX_INLINE_FILE = 32 * 1024;
/** Inline text of one commit, at most. */
export const MAX_INLINE_TOTAL = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file as text when it is valid UTF-8 without a byte-order mark (which decoding would drop). */
function asText(content: Buffer): string | undefined {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return undefined;
  try {
    return utf8.decode(content);
  } catch {
    return undefined;
  }
}

export async function uploadChangedFiles(
  github: GitHubClient,
  owner: string,
  repo: string,
  root: string,
  paths: readonly string[],
): Promise<TreeEntry[]> {
  const out: TreeEntry[] = new Array(paths.length);
  let next = 0;
  let inlineLeft = MAX_INLINE_TOTAL;
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
      const mode = stat.mode & 0o111 ? '100755' : '100644';
      const text = content.length <= Math.min(MAX_INLINE_FILE, inlineLeft) ? asText(content) : undefined;
      if (text !== undefined) {
        inlineLeft -= content.length;
        out[i] = { path, mode, content: text };
        continue;
      }
      const { data } = await github.rest.git.createBlob({
        owner,
        repo,
        content: content.toString('base64'),
        encoding: 'base64',
      });
      out[i] = { path, mode, sha: data.sha };
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, paths.length) }, worker));
  return out;
}
