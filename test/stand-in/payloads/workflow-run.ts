/** workflow_run.completed, for a run the stand-in's Actions finished. */
import {
  account,
  exampleRepoUrls,
  nodeId,
  num,
  part,
  repoRules,
  repoUrls,
  repository,
  setRepositoryEnvelope,
  type Json,
} from '../webhook-parts.js';
import type { RepoState, UserState } from '../webhook-state.js';
import { rebaseUrls, type UrlRule } from '../webhook-urls.js';
import { checked, fittingExample } from './checked.js';

export type RunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out' | 'action_required' | 'stale' | 'skipped';

export interface RunState {
  id: number;
  /** The workflow's name. */
  name: string;
  /** The run-name the workflow's `run-name` gave the run. */
  displayTitle: string;
  headBranch: string;
  headSha: string;
  /** What started the run; the app dispatches its runs (`workflow_dispatch`). */
  event: string;
  conclusion: RunConclusion;
  runAttempt: number;
  path: string;
  workflowId: number;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
}

export interface WorkflowRunCompletedInput {
  installationId: number;
  repository: RepoState;
  run: RunState;
  sender: UserState;
}

/** A finished run. `pull_requests` is empty, as GitHub leaves it for dispatched runs. */
export function workflowRunCompleted(input: WorkflowRunCompletedInput): Json {
  const { repository: repo, run } = input;
  const p = fittingExample('workflow_run', 'completed', (e) => 'display_title' in part(e, 'workflow_run'));
  const exRun = part(p, 'workflow_run');
  const ex = exampleRepoUrls(part(p, 'repository'));
  const ours = repoUrls(repo);
  const runApi = `${ours.api}/actions/runs/${run.id}`;
  const rules: UrlRule[] = [
    ...repoRules(part(p, 'repository'), repo),
    [`${ex.api}/actions/runs/${num(exRun, 'id')}`, runApi],
    [`${ex.api}/actions/workflows/${num(exRun, 'workflow_id')}`, `${ours.api}/actions/workflows/${run.workflowId}`],
  ];
  const actor = account(part(exRun, 'actor'), input.sender, repo);
  const committer = { name: input.sender.login, email: null };
  const workflowRun = rebaseUrls(exRun, rules);
  Object.assign(workflowRun, {
    id: run.id,
    node_id: nodeId('WorkflowRun', run.id),
    name: run.name,
    display_title: run.displayTitle,
    path: run.path,
    event: run.event,
    status: 'completed',
    conclusion: run.conclusion,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    head_commit: { ...part(exRun, 'head_commit'), id: run.headSha, author: committer, committer },
    run_attempt: run.runAttempt,
    previous_attempt_url: run.runAttempt > 1 ? `${runApi}/attempts/${run.runAttempt - 1}` : null,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.createdAt,
    html_url: run.htmlUrl,
    workflow_id: run.workflowId,
    pull_requests: [],
    actor,
    triggering_actor: structuredClone(actor),
    repository: repository(part(exRun, 'repository'), repo),
    head_repository: repository(part(exRun, 'head_repository'), repo),
  });
  const workflow = rebaseUrls(part(p, 'workflow'), rules);
  Object.assign(workflow, {
    id: run.workflowId,
    node_id: nodeId('Workflow', run.workflowId),
    name: run.name,
    path: run.path,
    state: 'active',
    html_url: `${ours.html}/blob/${repo.defaultBranch}/${run.path}`,
    badge_url: `${ours.html}/workflows/${encodeURIComponent(run.name)}/badge.svg`,
  });
  Object.assign(p, { workflow, workflow_run: workflowRun });
  setRepositoryEnvelope(p, repo, input.installationId, input.sender);
  return checked('workflow_run', p, repo);
}
