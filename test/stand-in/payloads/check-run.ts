/** check_run.rerequested, for "Re-run" on a check run of the stand-in. */
import { examplePayload } from '../../support/webhooks.js';
import {
  account,
  exampleRepoUrls,
  nodeId,
  num,
  part,
  repoRules,
  repoUrls,
  setRepositoryEnvelope,
  timestamp,
  type Json,
} from '../webhook-parts.js';
import type { RepoState, Site, UserState } from '../webhook-state.js';
import { rebaseUrls, type UrlRule } from '../webhook-urls.js';
import { checked } from './checked.js';

export type CheckConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out' | 'action_required' | 'stale';

/** A pull request a check run is for, as the check run names it. */
export interface CheckPullState {
  id: number;
  number: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

export interface CheckRunState {
  id: number;
  name: string;
  headSha: string;
  headBranch: string | null;
  conclusion: CheckConclusion;
  checkSuiteId: number;
  pullRequests: CheckPullState[];
  output?: { title: string | null; summary: string | null; text: string | null };
  detailsUrl?: string;
  /** Default to now. */
  startedAt?: string;
  completedAt?: string;
}

/** The GitHub App that made the check run. */
export interface AppState {
  id: number;
  slug: string;
  name: string;
  owner: UserState;
}

export interface CheckRunRerequestedInput {
  installationId: number;
  repository: RepoState;
  checkRun: CheckRunState;
  app: AppState;
  sender: UserState;
  /** The commit the suite's push started from; absent: none (as for a pull request's suite). */
  before?: string;
}

/** "Re-run" on a finished check run (the app's is `gomod-steward / impact`). */
export function checkRunRerequested(input: CheckRunRerequestedInput): Json {
  const { repository: repo, checkRun: run } = input;
  // No rerequested example fits the schema (their app timestamps are not ISO 8601); every such
  // field is replaced below, and the result is checked like any other.
  const p = examplePayload('check_run', 'rerequested');
  const exRun = part(p, 'check_run');
  const ex = exampleRepoUrls(part(p, 'repository'));
  const ours = repoUrls(repo);
  const runApi = `${ours.api}/check-runs/${run.id}`;
  const suiteApi = `${ours.api}/check-suites/${run.checkSuiteId}`;
  const rules: UrlRule[] = [
    ...repoRules(part(p, 'repository'), repo),
    [`${ex.api}/check-runs/${num(exRun, 'id')}`, runApi],
    [`${ex.api}/check-suites/${num(part(exRun, 'check_suite'), 'id')}`, suiteApi],
  ];
  const startedAt = run.startedAt ?? timestamp();
  const completedAt = run.completedAt ?? startedAt;
  const app = appObject(part(exRun, 'app'), input.app, repo, startedAt);
  const ref = (side: { ref: string; sha: string }) => ({
    ref: side.ref,
    sha: side.sha,
    repo: { id: repo.id, url: ours.api, name: repo.name },
  });
  const pulls = run.pullRequests.map((pr) => ({
    url: `${ours.api}/pulls/${pr.number}`,
    id: pr.id,
    number: pr.number,
    head: ref(pr.head),
    base: ref(pr.base),
  }));
  const checkRun = rebaseUrls(exRun, rules);
  const suite = part(checkRun, 'check_suite');
  Object.assign(suite, {
    id: run.checkSuiteId,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    status: 'completed',
    conclusion: run.conclusion,
    url: suiteApi,
    before: input.before ?? null,
    after: run.headSha,
    pull_requests: pulls,
    app,
    created_at: startedAt,
    updated_at: completedAt,
  });
  Object.assign(checkRun, {
    id: run.id,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: '',
    url: runApi,
    html_url: `${ours.html}/runs/${run.id}`,
    status: 'completed',
    conclusion: run.conclusion,
    started_at: startedAt,
    completed_at: completedAt,
    output: {
      ...(run.output ?? { title: null, summary: null, text: null }),
      annotations_count: 0,
      annotations_url: `${runApi}/annotations`,
    },
    name: run.name,
    app: structuredClone(app),
    pull_requests: structuredClone(pulls),
  });
  if (run.detailsUrl !== undefined) checkRun['details_url'] = run.detailsUrl;
  p['check_run'] = checkRun;
  setRepositoryEnvelope(p, repo, input.installationId, input.sender);
  return checked('check_run', p, repo);
}

function appObject(template: Json, app: AppState, site: Site, at: string): Json {
  const page = `${site.htmlBase}/apps/${app.slug}`;
  return {
    ...structuredClone(template),
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    owner: account(part(template, 'owner'), app.owner, site),
    name: app.name,
    description: null,
    external_url: page,
    html_url: page,
    created_at: at,
    updated_at: at,
  };
}
