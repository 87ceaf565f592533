/**
 * The webhook payloads the stand-in sends, built from GitHub's example payloads
 * (@octokit/webhooks-examples) with the stand-in's state put in: ids, names, logins, shas and
 * every URL come from the state; fields the state does not cover (counts, flags, tree ids,
 * check-suite ids) keep the example's values. Each payload is checked before it is returned,
 * against GitHub's webhook schema and for links that lead away from the stand-in; a payload that
 * fails is a bug in its builder and throws WebhookPayloadError.
 */
export {
  checkRunRerequested,
  type AppState,
  type CheckConclusion,
  type CheckPullState,
  type CheckRunRerequestedInput,
  type CheckRunState,
} from './payloads/check-run.js';
export {
  installationCreated,
  installationRepositoriesAdded,
  type InstallationCreatedInput,
  type InstallationRepositoriesAddedInput,
} from './payloads/installation.js';
export {
  issueCommentCreated,
  type CommentState,
  type IssueCommentCreatedInput,
  type IssueState,
} from './payloads/issue-comment.js';
export { issuesEdited, type IssuesEditedInput } from './payloads/issues.js';
export {
  pullRequestClosed,
  pullRequestEvent,
  type PullRequestAction,
  type PullRequestClosedInput,
  type PullState,
} from './payloads/pull-request.js';
export { push, type CommitState, type PushInput } from './payloads/push.js';
export {
  workflowRunCompleted,
  type RunConclusion,
  type RunState,
  type WorkflowRunCompletedInput,
} from './payloads/workflow-run.js';
export type { InstallationState, Json } from './webhook-parts.js';
export type {
  AccountType,
  GitPerson,
  LabelState,
  ListedRepoState,
  RepoState,
  Site,
  UserState,
} from './webhook-state.js';
