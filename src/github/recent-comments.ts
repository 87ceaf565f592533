/**
 * What GitHub itself records of comments a repository received lately, read back to recover
 * commands whose queued job was lost: the comments (one listing for the whole repository, so the
 * cost does not grow with its open issues), the issue each is on, and whether the app reacted to
 * one. Plain data; deciding what counts as a command is the caller's.
 */
import type { GitHubClient } from './app-auth.js';

export interface RecentComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  /** The author is an app or another bot account. */
  authorIsBot: boolean;
  /** Epoch ms. */
  createdAt: number;
  /** 👀 reactions of anyone (the embedded counts): zero means the app has not reacted either. */
  eyes: number;
}

export interface IssueSummary {
  number: number;
  title: string;
  author: string;
  isPull: boolean;
  open: boolean;
}

/**
 * Comments on the repository's issues and pull requests updated since `since`, oldest first, at
 * most `maxPages` pages of 100; `pages` says how many requests it took.
 */
export async function listRecentComments(
  github: GitHubClient,
  owner: string,
  repo: string,
  since: Date,
  maxPages: number,
): Promise<{ comments: RecentComment[]; pages: number }> {
  let pages = 0;
  const all = await github.paginate(
    github.rest.issues.listCommentsForRepo,
    {
      owner,
      repo,
      since: since.toISOString(),
      sort: 'created',
      direction: 'asc',
      per_page: 100,
      // Not retried in the request: a pass that fails is made again at the next reconciliation.
      request: { retries: 0 },
    },
    (res, done) => {
      if (++pages >= maxPages) done();
      return res.data;
    },
  );
  const comments = all.flatMap((c) => {
    const issueNumber = Number(/\/issues\/(\d+)$/.exec(c.issue_url)?.[1]);
    if (!Number.isInteger(issueNumber)) return [];
    return [
      {
        id: c.id,
        issueNumber,
        body: c.body ?? '',
        author: c.user?.login ?? '',
        authorIsBot: c.user?.type === 'Bot' || (c.user?.login ?? '').endsWith('[bot]'),
        createdAt: Date.parse(c.created_at),
        eyes: c.reactions?.eyes ?? 0,
      },
    ];
  });
  return { comments, pages };
}

/** Whether `login` reacted `content` to the comment (the first page of 100 such reactions is read). */
export async function hasReactionFrom(
  github: GitHubClient,
  owner: string,
  repo: string,
  commentId: number,
  content: 'eyes',
  login: string,
): Promise<boolean> {
  const { data } = await github.rest.reactions.listForIssueComment({
    owner,
    repo,
    comment_id: commentId,
    content,
    per_page: 100,
  });
  return data.some((r) => r.user?.login.toLowerCase() === login.toLowerCase());
}

export async function getIssueSummary(
  github: GitHubClient,
  owner: string,
  repo: string,
  issueNumber: number,
): Promise<IssueSummary> {
  const { data } = await github.rest.issues.get({ owner, repo, issue_number: issueNumber });
  return {
    number: data.number,
    title: data.title,
    author: data.user?.login ?? '',
    isPull: data.pull_request !== undefined && data.pull_request !== null,
    open: data.state === 'open',
  };
}
