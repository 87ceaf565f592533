/** Limits GitHub sets on what the app reads and writes, shared by the layers that check them. */

/** GitHub's own limit on a comment body. */
export const MAX_COMMENT_BODY = 65_536;

/** GitHub's limit on an issue body (the dashboard), in characters. */
export const MAX_ISSUE_BODY = 65_536;

/** The Checks API takes at most 50 annotations per create or update request; more need more requests. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/** GitHub's limit on a check run's output summary and text, in characters. */
export const MAX_CHECK_OUTPUT = 65_535;
