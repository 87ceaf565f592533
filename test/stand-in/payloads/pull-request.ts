/** pull_request events for a pull request of the stand-in: closed (merged or not), opened, synchronize, reopened. */
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
  repository,
  setRepositoryEnvelope,
  text,
  timestamp,
  type Json,
} from '../webhook-parts.js';
import type { LabelState, RepoState, UserState } from '../webhook-state.js';
import { rebaseUrls, type UrlRule } from '../webhook-urls.js';
import { checked, fittingExample } from './checked.js';

export interface PullState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  /** Branch names; both in the repository itself (the app never opens pull requests from forks). */
  head: string;
  base: string;
  headSha: string;
  baseSha: string;
  merged: boolean;
  mergeCommitSha?: string | null;
  user: UserState;
  labels?: LabelState[];
}

export interface PullRequestClosedInput {
  installationId: number;
  repository: RepoState;
  pull: PullState;
  sender: UserState;
}

export function pullRequestClosed(input: PullRequestClosedInput): Json {
  return pullRequestEvent('closed', input);
}

export type PullRequestAction = 'closed' | 'opened' | 'synchronize' | 'reopened';

/** `before`: for synchronize, the head before the push. */
export function pullRequestEvent(action: PullRequestAction, input: PullRequestClosedInput & { before?: string }): Json {
  const { repository: repo, pull } = input;
  const closed = action === 'closed';
  const p = fittingExample('pull_request', action);
  const exPull = part(p, 'pull_request');
  const ex = exampleRepoUrls(part(p, 'repository'));
  const ours = repoUrls(repo);
  const exNumber = num(exPull, 'number');
  const rules: UrlRule[] = [
    ...repoRules(part(p, 'repository'), repo),
    [`${ex.api}/pulls/${exNumber}`, `${ours.api}/pulls/${pull.number}`],
    [`${ex.api}/issues/${exNumber}`, `${ours.api}/issues/${pull.number}`],
    [`${ex.html}/pull/${exNumber}`, `${ours.html}/pull/${pull.number}`],
    [`${ex.api}/statuses/${text(part(exPull, 'head'), 'sha')}`, `${ours.api}/statuses/${pull.headSha}`],
  ];
  const branch = (side: 'head' | 'base', ref: string, sha: string): Json => {
    const template = part(exPull, side);
    return {
      ...structuredClone(template),
      label: `${repo.owner.login}:${ref}`,
      ref,
      sha,
      user: account(part(template, 'user'), repo.owner, repo),
      repo: repository(part(template, 'repo'), repo),
    };
  };
  const now = timestamp();
  const pr = rebaseUrls(exPull, rules);
  Object.assign(pr, {
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    number: pull.number,
    state: closed ? 'closed' : 'open',
    locked: false,
    title: pull.title,
    user: account(part(exPull, 'user'), pull.user, repo),
    body: pull.body,
    updated_at: now,
    closed_at: closed ? now : null,
    merged_at: closed && pull.merged ? now : null,
    merge_commit_sha: pull.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: labels(firstOf(exPull, 'labels'), repo, pull.labels ?? []),
    milestone: null,
    head: branch('head', pull.head, pull.headSha),
    base: branch('base', pull.base, pull.baseSha),
    author_association: authorAssociation(pull.user, repo),
    auto_merge: null,
    merged: closed && pull.merged,
    merged_by: closed && pull.merged ? account(part(p, 'sender'), input.sender, repo) : null,
  });
  Object.assign(p, { number: pull.number, pull_request: pr });
  if (action === 'synchronize') Object.assign(p, { before: input.before ?? pull.baseSha, after: pull.headSha });
  setRepositoryEnvelope(p, repo, input.installationId, input.sender);
  return checked('pull_request', p, repo);
}
