/**
 * The Go files of a repository at one commit, read through the API (no clone): one recursive
 * tree listing and one blob per go.mod/go.work. This is all a plan needs, and for a repository
 * with nothing due it is all the run costs.
 */
import { isSkippedDir, memoryTree, type RepoTree } from '../workspace/tree.js';
import type { GitHubClient } from './app-auth.js';

export interface RepoSnapshot {
  /** The ref that was asked for, as GitHub resolved it: the root tree's sha. */
  treeSha: string;
  tree: RepoTree;
  /** Every blob path of the tree (the planner only sees go.mod/go.work). */
  paths: string[];
  /** GitHub cut the listing short (over 100,000 entries or 7 MB): some modules may be missing. */
  truncated: boolean;
}

const BLOB_CONCURRENCY = 8;

export function isGoModulePath(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  if (name !== 'go.mod' && name !== 'go.work') return false;
  return !parts.slice(0, -1).some(isSkippedDir);
}

/** `ref` is a commit sha or a ref name; `HEAD` is the default branch, which saves asking for its name. */
export async function readRepoSnapshot(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
): Promise<RepoSnapshot> {
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: 'true' });
  const blobs = data.tree.filter((e) => e.type === 'blob' && typeof e.path === 'string' && typeof e.sha === 'string');
  const wanted = blobs.filter((e) => isGoModulePath(e.path!));
  const files: Record<string, string> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanted.length) {
      const entry = wanted[next++]!;
      const { data: blob } = await octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha! });
      files[entry.path!] = Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOB_CONCURRENCY, wanted.length) }, worker));
  return { treeSha: data.sha, tree: memoryTree(files), paths: blobs.map((e) => e.path!), truncated: data.truncated };
}
