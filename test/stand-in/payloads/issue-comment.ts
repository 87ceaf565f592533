/** issue_comment.created, on an issue or a pull request of the stand-in. */
import {
  account,
  authorAssociation,
  exampleRepoUrls,
  firstOf,
  labels,
  nodeId,
  num,
  part,
  repoRules,
  repoUrls,
  setRepositoryEnvelope,
  timestamp,
  type Json,
} from '../webhook-parts.js';
import type { LabelState, RepoState, UserState } from '../webhook-state.js';
import { rebaseUrls, type UrlRule } from '../webhook-urls.js';
import { checked, fittingExample } from './checked.js';

export interface IssueState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  /** A pull request's conversation; its `pull_request.merged_at` is left null. */
  isPullRequest: boolean;
  user: UserState;
  labels: LabelState[];
}

export interface CommentState {
  id: number;
  body: string;
  user: UserState;
}

export interface IssueCommentCreatedInput {
  installationId: number;
  repository: RepoState;
  issue: IssueState;
  comment: CommentState;
  sender: UserState;
}

/** The `issue` object of an issue webhook: GitHub's example, made this stand-in issue's. */
export function issueJson(exIssue: Json, i: IssueState, repo: RepoState, rules: UrlRule[], now: string): Json {
  const issue = rebaseUrls(exIssue, rules);
  Object.assign(issue, {
    id: i.id,
    node_id: nodeId('Issue', i.id),
    number: i.number,
    title: i.title,
    user: account(part(exIssue, 'user'), i.user, repo),
    labels: labels(firstOf(exIssue, 'labels'), repo, i.labels),
    state: i.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    updated_at: now,
    closed_at: i.state === 'closed' ? now : null,
    author_association: authorAssociation(i.user, repo),
    body: i.body,
  });
  return issue;
}

export function issueCommentCreated(input: IssueCommentCreatedInput): Json {
  const { repository: repo, issue: i, comment: c } = input;
  const p = fittingExample('issue_comment', 'created');
  const exIssue = part(p, 'issue');
  const exComment = part(p, 'comment');
  const ex = exampleRepoUrls(part(p, 'repository'));
  const ours = repoUrls(repo);
  const web = `${ours.html}/${i.isPullRequest ? 'pull' : 'issues'}/${i.number}`;
  const rules: UrlRule[] = [
    ...repoRules(part(p, 'repository'), repo),
    [`${ex.api}/issues/${num(exIssue, 'number')}`, `${ours.api}/issues/${i.number}`],
    [`${ex.api}/issues/comments/${num(exComment, 'id')}`, `${ours.api}/issues/comments/${c.id}`],
    [`${ex.html}/issues/${num(exIssue, 'number')}`, web],
  ];
  const now = timestamp();
  const issue = issueJson(exIssue, i, repo, rules, now);
  if (i.isPullRequest) {
    const pull = `${ours.html}/pull/${i.number}`;
    issue['pull_request'] = {
      url: `${ours.api}/pulls/${i.number}`,
      html_url: pull,
      diff_url: `${pull}.diff`,
      patch_url: `${pull}.patch`,
      merged_at: null,
    };
  } else delete issue['pull_request'];
  const comment = rebaseUrls(exComment, rules);
  Object.assign(comment, {
    html_url: `${web}#issuecomment-${c.id}`,
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    user: account(part(exComment, 'user'), c.user, repo),
    created_at: now,
    updated_at: now,
    author_association: authorAssociation(c.user, repo),
    body: c.body,
  });
  Object.assign(p, { issue, comment });
  setRepositoryEnvelope(p, repo, input.installationId, input.sender);
  return checked('issue_comment', p, repo);
}
