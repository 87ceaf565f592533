/** issues.edited, for an issue of the stand-in whose body someone changed (a ticked dashboard box). */
import {
  exampleRepoUrls,
  num,
  part,
  repoRules,
  repoUrls,
  setRepositoryEnvelope,
  timestamp,
  type Json,
} from '../webhook-parts.js';
import type { RepoState, UserState } from '../webhook-state.js';
import type { UrlRule } from '../webhook-urls.js';
import { checked, fittingExample } from './checked.js';
import { issueJson, type IssueState } from './issue-comment.js';

export interface IssuesEditedInput {
  installationId: number;
  repository: RepoState;
  issue: IssueState;
  /** The body before the edit. */
  from: string | null;
  sender: UserState;
}

export function issuesEdited(input: IssuesEditedInput): Json {
  const { repository: repo, issue: i } = input;
  const p = fittingExample('issues', 'edited');
  const exIssue = part(p, 'issue');
  const ex = exampleRepoUrls(part(p, 'repository'));
  const ours = repoUrls(repo);
  const web = `${ours.html}/issues/${i.number}`;
  const rules: UrlRule[] = [
    ...repoRules(part(p, 'repository'), repo),
    [`${ex.api}/issues/${num(exIssue, 'number')}`, `${ours.api}/issues/${i.number}`],
    [`${ex.html}/issues/${num(exIssue, 'number')}`, web],
  ];
  const now = timestamp();
  const issue = issueJson(exIssue, i, repo, rules, now);
  delete issue['pull_request'];
  Object.assign(p, { issue, changes: { body: { from: input.from ?? '' } } });
  setRepositoryEnvelope(p, repo, input.installationId, input.sender);
  return checked('issues', p, repo);
}
