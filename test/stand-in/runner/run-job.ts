/**
 * One job of a run (one matrix combination): set up, its steps in order with GitHub's status
 * rules for `if`, the job timeout, and clean-up of processes its steps left behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobStatus, Scope } from './expression-eval.js';
import type { Value } from './expression-parser.js';
import { conditionHolds, renderText, type Template } from './expression-template.js';
import { JobLog } from './job-log.js';
import type { MatrixValues } from './matrix.js';
import { runStep, stepDisplayName, timeoutMinutes, timerMs, type StepContext } from './run-step.js';
import type { RunnerJob, RunnerStep } from './runner-types.js';
import type { Workflow, WorkflowJob } from './workflow-types.js';

export interface JobPlan {
  job: WorkflowJob;
  matrix: MatrixValues;
  name: string;
}

export interface JobOptions {
  workflow: Workflow;
  workspace: string;
  inputs: Record<string, Value>;
  baseEnv: NodeJS.ProcessEnv;
  /** Aborted when the run is cancelled or fail-fast gives up on the matrix. */
  cancel: AbortSignal;
  logLimit?: number;
}

export async function runJob(plan: JobPlan, o: JobOptions): Promise<RunnerJob> {
  const { job } = plan;
  const startedAt = new Date().toISOString();
  const log = new JobLog(o.logLimit);
  const steps: RunnerStep[] = [];
  const record = (name: string, conclusion: RunnerStep['conclusion'], started: string): void => {
    steps.push({
      number: steps.length + 1,
      name,
      conclusion,
      startedAt: started,
      completedAt: new Date().toISOString(),
    });
  };
  const contexts: Record<string, Value> = {
    github: { workspace: o.workspace, event_name: 'workflow_dispatch', job: job.id },
    inputs: o.inputs,
    matrix: plan.matrix,
  };
  const runnerTemp = await mkdtemp(join(tmpdir(), 'stand-in-runner-'));
  const groups: number[] = [];

  log.line(`Job: ${plan.name}`);
  if (Object.keys(plan.matrix).length > 0) log.line(`Matrix: ${JSON.stringify(plan.matrix)}`);
  let setup: { env: Record<string, string>; defaults: StepContext['defaults']; minutes: number };
  try {
    setup = setUp(o.workflow, job, contexts);
  } catch (err) {
    log.line(`##[error]${(err as Error).message}`);
    record('Set up job', 'failure', startedAt);
    for (const step of job.steps)
      record(stepDisplayName(step, { contexts: { ...contexts, env: {} } }), 'skipped', new Date().toISOString());
    await rm(runnerTemp, { recursive: true, force: true });
    return {
      name: plan.name,
      matrix: plan.matrix,
      conclusion: 'failure',
      timedOut: false,
      startedAt,
      completedAt: new Date().toISOString(),
      steps,
      log: log.toString(),
    };
  }
  record('Set up job', 'success', startedAt);

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timerMs(setup.minutes));
  const kill = AbortSignal.any([o.cancel, timeout.signal]);
  const ctx: StepContext = {
    workflowName: o.workflow.name,
    jobId: job.id,
    workspace: o.workspace,
    runnerTemp,
    baseEnv: o.baseEnv,
    contexts,
    env: setup.env,
    pathPrefix: [],
    defaults: setup.defaults,
    log,
    signal: kill,
    onGroup: (pid) => groups.push(pid),
  };

  let failed = false;
  let timeoutReported = false;
  const reportTimeout = (): void => {
    if (timeoutReported) return;
    timeoutReported = true;
    log.line(
      `##[error]The job running ${plan.name} has exceeded the maximum execution time of ${setup.minutes} minutes.`,
    );
  };
  const status = (): JobStatus => (kill.aborted ? 'cancelled' : failed ? 'failure' : 'success');
  try {
    for (const step of job.steps) {
      const started = new Date().toISOString();
      const now = status();
      if (now === 'cancelled' && timeout.signal.aborted && !o.cancel.aborted) reportTimeout();
      const scope: Scope = { contexts: { ...contexts, env: { ...ctx.env } } };
      const name = stepDisplayName(step, scope);
      let holds: boolean;
      try {
        holds = conditionHolds(step.condition, { ...scope, status: now });
      } catch (err) {
        log.line(`##[error]${name}: ${(err as Error).message}`);
        failed = true;
        record(name, 'failure', started);
        continue;
      }
      if (!holds) {
        record(name, 'skipped', started);
        continue;
      }
      // A step that runs once the job is already cancelled (always()) is not stopped by that cancellation.
      const signal = now === 'cancelled' ? new AbortController().signal : kill;
      const outcome = await runStep(step, { ...ctx, signal });
      if (outcome === 'killed' && timeout.signal.aborted && !o.cancel.aborted) {
        reportTimeout();
        record(name, 'failure', started);
      } else if (outcome === 'killed') {
        log.line('##[error]The operation was canceled.');
        record(name, 'cancelled', started);
      } else {
        if (outcome !== 'success') failed = true;
        record(name, outcome === 'success' ? 'success' : 'failure', started);
      }
    }
  } finally {
    clearTimeout(timer);
    const completing = new Date().toISOString();
    log.line('Cleaning up orphan processes');
    for (const pid of groups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone: the usual case.
      }
    }
    await rm(runnerTemp, { recursive: true, force: true });
    record('Complete job', 'success', completing);
  }

  const conclusion: RunnerJob['conclusion'] = timeoutReported
    ? 'failure'
    : o.cancel.aborted
      ? 'cancelled'
      : failed
        ? 'failure'
        : 'success';
  return {
    name: plan.name,
    matrix: plan.matrix,
    conclusion,
    timedOut: timeoutReported,
    startedAt,
    completedAt: new Date().toISOString(),
    steps,
    log: log.toString(),
  };
}

/** What the job evaluates once, before its first step. Throws on an expression that fails. */
function setUp(
  wf: Workflow,
  job: WorkflowJob,
  contexts: Record<string, Value>,
): { env: Record<string, string>; defaults: StepContext['defaults']; minutes: number } {
  const render = (templates: Record<string, Template>, scope: Scope): Record<string, string> =>
    Object.fromEntries(Object.entries(templates).map(([k, t]) => [k, renderText(t, scope)]));
  const workflowScope: Scope = { contexts: { github: contexts.github as Value, inputs: contexts.inputs as Value } };
  const jobScope: Scope = { contexts };
  const env = { ...render(wf.env, workflowScope), ...render(job.env, jobScope) };
  const workingDirectory = job.defaults.workingDirectory
    ? renderText(job.defaults.workingDirectory, { contexts: { ...contexts, env } })
    : wf.defaults.workingDirectory
      ? renderText(wf.defaults.workingDirectory, workflowScope)
      : undefined;
  const shell = job.defaults.shell ?? wf.defaults.shell;
  return {
    env,
    defaults: { ...(shell ? { shell } : {}), ...(workingDirectory !== undefined ? { workingDirectory } : {}) },
    minutes: timeoutMinutes(job.timeoutMinutes, jobScope),
  };
}
