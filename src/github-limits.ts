/** Limits GitHub sets on what the app reads and writes, shared by the layers that check them. */

/** GitHub's own limit on a comment body. */
export const MAX_COMMENT_BODY = 65_536;

/** GitHub's limit on an issue body (the dashboard), in characters. */
export const MAX_ISSUE_BODY = 65_536;
