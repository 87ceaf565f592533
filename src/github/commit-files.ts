/**
 * Puts one commit on a bot branch through the Git Data API (GitHub signs commits an app makes
 * this way, so they show as verified). Looks before it writes: when the branch already holds a
 * commit with the same tree on the same base, nothing is created, so a retried or duplicated job
 * adds no commit.
 */
import { httpStatus, type GitHubClient } from './app-auth.js';

/**
 * One file of a commit, as the Git Data API takes it: a blob already uploaded (`sha`; null: the
 * file is deleted), or a small text file's `content`, which GitHub stores as a blob while it
 * creates the tree, so it costs no write of its own.
 */
export type TreeEntry =
  | { path: string; mode: '100644' | '100755'; sha: string | null }
  | { path: string; mode: '100644' | '100755'; content: string };

export interface CommitInput {
  owner: string;
  repo: string;
  branch: string;
  baseSha: string;
  entries: readonly TreeEntry[];
  message: string;
}

export interface CommitOutcome {
  sha: string;
  /** False when the branch already held this change. */
  created: boolean;
  /** The branch head before this call, if the branch existed. */
  previousHead: string | null;
}

export async function branchHead(
  github: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (err) {
    if (httpStatus(err) === 404) return null;
    throw err;
  }
}

export async function commitToBranch(github: GitHubClient, input: CommitInput): Promise<CommitOutcome> {
  const { owner, repo, branch, baseSha } = input;
  const { data: base } = await github.rest.git.getCommit({ owner, repo, commit_sha: baseSha });
  const { data: tree } = await github.rest.git.createTree({
    owner,
    repo,
    base_tree: base.tree.sha,
    tree: input.entries.map((e) =>
      'content' in e
        ? { path: e.path, mode: e.mode, type: 'blob' as const, content: e.content }
        : { path: e.path, mode: e.mode, type: 'blob' as const, sha: e.sha },
    ),
  });
  const previousHead = await branchHead(github, owner, repo, branch);
  if (previousHead) {
    const { data: head } = await github.rest.git.getCommit({ owner, repo, commit_sha: previousHead });
    if (head.tree.sha === tree.sha && head.parents.length === 1 && head.parents[0]!.sha === baseSha) {
      return { sha: previousHead, created: false, previousHead };
    }
  }
  const { data: commit } = await github.rest.git.createCommit({
    owner,
    repo,
    message: input.message,
    tree: tree.sha,
    parents: [baseSha],
  });
  if (previousHead)
    await github.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.sha, force: true });
  else await github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.sha });
  return { sha: commit.sha, created: true, previousHead };
}
