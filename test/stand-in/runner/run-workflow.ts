/**
 * A dispatched run: inputs checked, run name and matrices evaluated, then the jobs run a few
 * at a time. fail-fast (GitHub's default) cancels the rest of a matrix once one of its jobs
 * fails; the caller's signal cancels everything.
 */
import { checkDispatchInputs, inputsContext } from './dispatch-inputs.js';
import type { Value } from './expression-parser.js';
import { renderText } from './expression-template.js';
import { expandMatrix, type MatrixValues } from './matrix.js';
import { defaultBaseEnv } from './runner-env.js';
import { runJob, type JobPlan } from './run-job.js';
import type { RunnerJob, WorkflowRunResult } from './runner-types.js';
import { ExpressionError, WorkflowError } from './workflow-error.js';
import type { Workflow, WorkflowJob } from './workflow-types.js';

export interface RunWorkflowOptions {
  workflow: Workflow;
  /** The checkout of the dispatched ref; steps run in it. */
  workspace: string;
  inputs: Record<string, string>;
  /** The environment steps start from; default: this process's, without anything named like a credential. */
  env?: NodeJS.ProcessEnv;
  /** Jobs running at once; default 2. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Bytes of log kept per job; default 1 MiB. */
  logLimit?: number;
  onJobStarted?(job: { name: string; jobId: string; matrix: MatrixValues }): void;
  onJobCompleted?(job: RunnerJob): void;
}

export const DEFAULT_CONCURRENCY = 2;

/**
 * Rejects with WorkflowError only for what GitHub's dispatch endpoint refuses (the inputs).
 * A run that cannot start its jobs (a matrix that does not evaluate) fails with `error` set.
 */
export async function runWorkflow(o: RunWorkflowOptions): Promise<WorkflowRunResult> {
  const wf = o.workflow;
  const inputs = inputsContext(wf, checkDispatchInputs(wf, o.inputs));
  const github = (job?: string): Value => ({
    workspace: o.workspace,
    event_name: 'workflow_dispatch',
    ...(job ? { job } : {}),
  });

  let runName = wf.name;
  let plans: JobPlan[];
  try {
    if (wf.runName) runName = renderText(wf.runName, { contexts: { github: github(), inputs } });
    plans = wf.jobs.flatMap((job) =>
      expandMatrix(job.matrix, { contexts: { github: github(job.id), inputs } }, { file: wf.file, jobId: job.id }).map(
        (matrix) => ({
          job,
          matrix,
          name: jobName(job, matrix, { contexts: { github: github(job.id), inputs, matrix } }),
        }),
      ),
    );
  } catch (err) {
    if (err instanceof WorkflowError || err instanceof ExpressionError)
      return { runName, conclusion: 'failure', jobs: [], error: err.message };
    throw err;
  }

  const baseEnv = o.env ?? defaultBaseEnv();
  const results = new Array<RunnerJob | undefined>(plans.length);
  const started = new Array<boolean>(plans.length).fill(false);
  const cancelMatrix = new Map(wf.jobs.map((job) => [job.id, new AbortController()]));
  const running = new Map<string, number>();
  const concurrency = Math.max(1, o.concurrency ?? DEFAULT_CONCURRENCY);

  const cancelled = (plan: JobPlan): boolean =>
    (o.signal?.aborted ?? false) || (cancelMatrix.get(plan.job.id) as AbortController).signal.aborted;
  /** The first waiting job whose matrix is under its max-parallel; waiting jobs already cancelled are settled on the way. */
  const take = (): number | undefined => {
    for (let i = 0; i < plans.length; i += 1) {
      const plan = plans[i] as JobPlan;
      if (started[i]) continue;
      if (cancelled(plan)) {
        started[i] = true;
        results[i] = notStarted(plan);
        o.onJobCompleted?.(results[i] as RunnerJob);
        continue;
      }
      if ((running.get(plan.job.id) ?? 0) >= (plan.job.maxParallel ?? Infinity)) continue;
      started[i] = true;
      return i;
    }
    return undefined;
  };

  const worker = async (): Promise<void> => {
    for (let i = take(); i !== undefined; i = take()) {
      const plan = plans[i] as JobPlan;
      const id = plan.job.id;
      const matrixCancel = cancelMatrix.get(id) as AbortController;
      running.set(id, (running.get(id) ?? 0) + 1);
      o.onJobStarted?.({ name: plan.name, jobId: id, matrix: plan.matrix });
      const cancel = o.signal ? AbortSignal.any([o.signal, matrixCancel.signal]) : matrixCancel.signal;
      const result = await runJob(plan, {
        workflow: wf,
        workspace: o.workspace,
        inputs,
        baseEnv,
        cancel,
        ...(o.logLimit ? { logLimit: o.logLimit } : {}),
      });
      running.set(id, (running.get(id) ?? 1) - 1);
      results[i] = result;
      if (result.conclusion === 'failure' && plan.job.failFast) matrixCancel.abort();
      o.onJobCompleted?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plans.length) }, worker));

  const jobs = results.map((r, i) => r ?? notStarted(plans[i] as JobPlan));
  const conclusion = jobs.some((j) => j.conclusion === 'failure')
    ? 'failure'
    : o.signal?.aborted
      ? 'cancelled'
      : 'success';
  return { runName, conclusion, jobs };
}

/**
 * The job's `name` evaluated; a name without expressions, or none, gets the matrix values
 * appended as GitHub does: `<name or id> (<values joined by ", ">)`.
 */
function jobName(job: WorkflowJob, matrix: MatrixValues, scope: Parameters<typeof renderText>[1]): string {
  const values = Object.values(matrix).map((v) =>
    v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''),
  );
  const suffix = values.length > 0 ? ` (${values.join(', ')})` : '';
  if (!job.name) return job.id + suffix;
  const hasExpression = job.name.parts.some((p) => typeof p !== 'string');
  return hasExpression ? renderText(job.name, scope) : job.name.source + suffix;
}

function notStarted(plan: JobPlan): RunnerJob {
  const now = new Date().toISOString();
  return {
    name: plan.name,
    matrix: plan.matrix,
    conclusion: 'cancelled',
    timedOut: false,
    startedAt: now,
    completedAt: now,
    steps: [],
    log: '',
  };
}
