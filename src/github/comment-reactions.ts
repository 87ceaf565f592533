/** Reactions on an issue or PR comment: how the bot says "seen" and "done" without a reply each time. */
import type { GitHubClient } from './app-auth.js';

export type CommentReaction = 'eyes' | '+1' | 'confused';

/** GitHub answers 200 instead of 201 when the reaction is already there: reacting again is harmless. */
export async function reactToComment(
  github: GitHubClient,
  owner: string,
  repo: string,
  commentId: number,
  content: CommentReaction,
): Promise<void> {
  await github.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
}
