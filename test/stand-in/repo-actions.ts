/**
 * GitHub Actions of one stand-in repository: workflow runs started by `workflow_dispatch` and
 * their jobs. Who executes a run (the stand-in's runner) and tells the app (a `workflow_run`
 * webhook) is outside; this keeps the state and answers the REST API about it.
 */
import { nextGlobalId } from './global-ids.js';
import type { FallbackReply, FallbackRequest } from '../support/github-openapi.js';
import { documentedExample } from '../support/github-openapi.js';

type Json = Record<string, unknown>;

export type RunStatus = 'queued' | 'in_progress' | 'completed';
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface FakeJobStep {
  number: number;
  name: string;
  conclusion: Conclusion;
  startedAt: string;
  completedAt: string;
}

export interface FakeJob {
  id: number;
  name: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  startedAt: string;
  completedAt: string | null;
  steps: FakeJobStep[];
  log: string;
}

export interface FakeRun {
  id: number;
  workflow: string;
  /** The evaluated run-name (`display_title`). */
  displayTitle: string;
  name: string;
  ref: string;
  headSha: string;
  inputs: Record<string, string>;
  status: RunStatus;
  conclusion: Conclusion | null;
  createdAt: string;
  updatedAt: string;
  jobs: FakeJob[];
  /** Set when someone asked to cancel it. */
  cancelRequested: boolean;
}

export interface ActionsHost {
  readonly fullName: string;
  readonly api: string;
  readonly web: string;
  readonly repoId: number;
}

const notFound = (): FallbackReply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
});

export class ActionsState {
  readonly runs: FakeRun[] = [];

  constructor(private readonly host: ActionsHost) {}

  newJobId(): number {
    return nextGlobalId('job');
  }

  run(id: number): FakeRun | undefined {
    return this.runs.find((r) => r.id === id);
  }

  htmlUrl(runId: number): string {
    return `${this.host.web}/${this.host.fullName}/actions/runs/${runId}`;
  }

  handle(req: FallbackRequest, rest: string): FallbackReply | undefined {
    const route = `${req.method} ${rest}`;
    let m: RegExpMatchArray | null;
    if ((m = route.match(/^GET \/actions\/runs\/(\d+)$/))) return this.getRun(Number(m[1]));
    if ((m = route.match(/^GET \/actions\/runs\/(\d+)\/jobs$/))) return this.listJobs(Number(m[1]));
    if ((m = route.match(/^POST \/actions\/runs\/(\d+)\/cancel$/))) return this.cancel(Number(m[1]));
    if (route === 'GET /actions/runs') return this.listRuns(req.query);
    return undefined;
  }

  runJson(r: FakeRun): Json {
    const base = documentedExample('get', `/repos/${this.host.fullName}/actions/runs/${r.id}`, 200) as Json;
    const url = `${this.host.api}/repos/${this.host.fullName}/actions/runs/${r.id}`;
    return {
      ...base,
      id: r.id,
      name: r.name,
      node_id: `WFR_${r.id}`,
      display_title: r.displayTitle,
      head_branch: r.ref,
      head_sha: r.headSha,
      path: `.github/workflows/${r.workflow}`,
      event: 'workflow_dispatch',
      status: r.status,
      conclusion: r.conclusion,
      run_attempt: 1,
      run_number: r.id % 1000,
      pull_requests: [],
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      run_started_at: r.createdAt,
      url,
      html_url: this.htmlUrl(r.id),
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
    };
  }

  private getRun(id: number): FallbackReply {
    const r = this.run(id);
    return r ? { status: 200, body: this.runJson(r) } : notFound();
  }

  private listRuns(q: URLSearchParams): FallbackReply {
    const branch = q.get('branch');
    const list = this.runs.filter((r) => !branch || r.ref === branch).sort((a, b) => b.id - a.id);
    return { status: 200, body: { total_count: list.length, workflow_runs: list.map((r) => this.runJson(r)) } };
  }

  private listJobs(id: number): FallbackReply {
    const r = this.run(id);
    if (!r) return notFound();
    const base = documentedExample('get', `/repos/${this.host.fullName}/actions/runs/${id}/jobs`, 200) as {
      jobs: Json[];
    };
    const example = base.jobs[0]!;
    const jobs = r.jobs.map((j) => ({
      ...example,
      id: j.id,
      run_id: r.id,
      node_id: `J_${j.id}`,
      name: j.name,
      head_sha: r.headSha,
      head_branch: r.ref,
      workflow_name: r.name,
      status: j.status,
      conclusion: j.conclusion,
      started_at: j.startedAt,
      completed_at: j.completedAt,
      created_at: j.startedAt,
      url: `${this.host.api}/repos/${this.host.fullName}/actions/jobs/${j.id}`,
      html_url: `${this.htmlUrl(r.id)}/job/${j.id}`,
      run_url: `${this.host.api}/repos/${this.host.fullName}/actions/runs/${r.id}`,
      check_run_url: `${this.host.api}/repos/${this.host.fullName}/check-runs/${j.id}`,
      steps: j.steps.map((s) => ({
        name: s.name,
        number: s.number,
        status: 'completed',
        conclusion: s.conclusion,
        started_at: s.startedAt,
        completed_at: s.completedAt,
      })),
    }));
    return { status: 200, body: { total_count: jobs.length, jobs } };
  }

  private cancel(id: number): FallbackReply {
    const r = this.run(id);
    if (!r) return notFound();
    if (r.status === 'completed')
      return {
        status: 409,
        body: {
          message: 'Cannot cancel a workflow run that is completed.',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    r.cancelRequested = true;
    return { status: 202, body: {} };
  }
}
