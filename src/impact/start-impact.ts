/**
 * Starts the impact matrix for a bot PR, right after publish created it or moved its head, and
 * again on `@gomod-steward rerun impact`:
 *  1. read the PR and its metadata (the services were chosen when the PR was built);
 *  2. mark a matrix still running on an older head (or, on a rerun, on this one) superseded;
 *  3. open the `gomod-steward / impact` check on the head listing the services;
 *  4. finish it at once when there is nothing to run or the workflow cannot run;
 *  5. otherwise dispatch the workflow on the PR branch, 256 services per dispatch;
 *  6. record the run in the PR's metadata and Impact section.
 */
import type { Logger } from 'probot';
import type { StewardConfig } from '../config/defaults.js';
import { httpStatus, type GitHubClient } from '../github/app-auth.js';
import { dispatchWorkflow } from '../github/dispatch-workflow.js';
import { readImpactWorkflow } from '../github/impact-workflow.js';
import { rateLimitPause } from '../github/rate-limit.js';
import { getBotPull, type BotPull } from '../pull-request/bot-pull.js';
import type { ImpactMeta, PullMeta } from '../pull-request/meta.js';
import { completeImpactCheck, createImpactCheck, updateImpactCheck } from './impact-check-run.js';
import { impactConfig } from './impact-config.js';
import { writeImpactBody } from './impact-pull.js';
import { batchServices } from './batches.js';
import {
  dispatchRejectedOutput,
  interruptedOutput,
  missingInputOutput,
  missingWorkflowOutput,
  nothingAffectedOutput,
  startedOutput,
  supersededOutput,
  type CheckOutput,
} from './check-output.js';
import { batchCorrelationId, newCorrelationId } from './correlation.js';
import { PullMetaMissingError } from './errors.js';
import type { ImpactConclusion } from './results.js';

export interface ImpactPullRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

export interface StartImpactOptions {
  /** The repository config; read from the default branch when absent. */
  config?: StewardConfig;
  /** Start again even when a matrix already runs on this head (the rerun command). */
  force?: boolean;
  log?: Logger;
}

export type StartImpactOutcome =
  'dispatched' | 'already-running' | 'nothing-affected' | 'missing-workflow' | 'missing-input' | 'dispatch-rejected';

export interface StartImpactResult {
  outcome: StartImpactOutcome;
  checkRunId: number;
  correlationId: string;
  /** Run ids GitHub returned (empty where it does not return them: the run is correlated by run-name later). */
  runIds: number[];
  dispatches: number;
  /** Check runs of an older matrix marked superseded. */
  superseded: number[];
}

export async function startImpact(
  octokit: GitHubClient,
  ref: ImpactPullRef,
  opts: StartImpactOptions = {},
): Promise<StartImpactResult> {
  const { owner, repo, pullNumber } = ref;
  const pull = await getBotPull(octokit, owner, repo, pullNumber, opts.log);
  const meta = pull.meta;
  if (!meta) throw new PullMetaMissingError(owner, repo, pullNumber);
  const previous = meta.impact;

  if (
    previous &&
    previous.status !== 'completed' &&
    previous.headSha === pull.headSha &&
    !opts.force &&
    previous.checkRunId !== undefined
  ) {
    // A retried publish job: the matrix for this head is already on its way.
    return {
      outcome: 'already-running',
      checkRunId: previous.checkRunId,
      correlationId: previous.correlationId,
      runIds: previous.runIds,
      dispatches: 0,
      superseded: [],
    };
  }
  const superseded = previous ? await supersede(octokit, ref, previous, pull.headSha, opts.log) : [];

  const config = opts.config ?? (await impactConfig(octokit, owner, repo, opts.log));
  const workflow = config.impact.workflow;
  const correlationId = newCorrelationId();
  const target = { owner, repo, headSha: pull.headSha, correlationId };
  const result = (
    outcome: StartImpactOutcome,
    checkRunId: number,
    runIds: number[] = [],
    dispatches = 0,
  ): StartImpactResult => ({
    outcome,
    checkRunId,
    correlationId,
    runIds,
    dispatches,
    superseded,
  });
  const finishAtOnce = async (
    outcome: StartImpactOutcome,
    conclusion: ImpactConclusion,
    output: CheckOutput,
  ): Promise<StartImpactResult> => {
    const checkRunId = await createImpactCheck(octokit, target, { status: 'completed', conclusion }, output);
    await record(octokit, ref, pull, meta, {
      headSha: pull.headSha,
      correlationId,
      checkRunId,
      runIds: [],
      status: 'completed',
      conclusion,
    });
    return result(outcome, checkRunId);
  };

  if (meta.services.length === 0)
    return finishAtOnce('nothing-affected', 'success', nothingAffectedOutput(meta.affected));

  const state = await readImpactWorkflow(octokit, { owner, repo, ref: pull.headSha, workflow });
  if (state.kind === 'missing') return finishAtOnce('missing-workflow', 'neutral', missingWorkflowOutput(workflow));
  if (state.kind === 'unusable')
    return finishAtOnce('missing-input', 'action_required', missingInputOutput(workflow, state.detail));

  const checkRunId = await createImpactCheck(octokit, target, { status: 'in_progress' }, startedOutput(meta.services));
  const runIds: number[] = [];
  const runUrls: { url: string }[] = [];
  let runDetails = true;
  const batches = batchServices(meta.services);
  try {
    for (const [i, services] of batches.entries()) {
      const d = await dispatchWorkflow(
        octokit,
        {
          owner,
          repo,
          workflow,
          ref: pull.headRef,
          inputs: {
            services: JSON.stringify(services),
            pr: String(pullNumber),
            correlation_id: batchCorrelationId(correlationId, i),
          },
        },
        { runDetails },
      );
      runDetails = d.runDetailsSupported;
      if (d.runId !== undefined) runIds.push(d.runId);
      if (d.htmlUrl) runUrls.push({ url: d.htmlUrl });
    }
  } catch (err) {
    const status = httpStatus(err);
    // A rate limit is GitHub asking us to come back later, not a refusal: the job is retried.
    if ((status !== 404 && status !== 422 && status !== 403) || rateLimitPause(err) !== undefined) {
      await abandon(octokit, { owner, repo, checkRunId }, runIds, err, opts.log);
      throw err;
    }
    // The workflow exists but GitHub will not start it (not on the default branch yet, an input
    // it does not declare, Actions disabled): the user's to fix, not ours to retry.
    opts.log?.warn({ status, err: { message: (err as Error).message } }, 'impact workflow dispatch refused');
    await completeImpactCheck(
      octokit,
      { owner, repo, checkRunId },
      'action_required',
      dispatchRejectedOutput(workflow, (err as Error).message),
    );
    await record(octokit, ref, pull, meta, {
      headSha: pull.headSha,
      correlationId,
      checkRunId,
      runIds,
      status: 'completed',
      conclusion: 'action_required',
    });
    return result('dispatch-rejected', checkRunId, runIds, runIds.length);
  }
  if (runUrls.length)
    await updateImpactCheck(
      octokit,
      { owner, repo, checkRunId, detailsUrl: runUrls.length === 1 ? runUrls[0]?.url : undefined },
      startedOutput(meta.services, runUrls),
    );
  await record(octokit, ref, pull, meta, {
    headSha: pull.headSha,
    correlationId,
    checkRunId,
    runIds,
    status: 'in_progress',
    results: meta.services.map((service) => ({ service, conclusion: 'pending' })),
  });
  opts.log?.info(
    { pullNumber, services: meta.services.length, dispatches: batches.length, runIds },
    'impact matrix dispatched',
  );
  return result('dispatched', checkRunId, runIds, batches.length);
}

/** `@gomod-steward rerun impact`: a fresh matrix on the PR's current head, whatever ran before. */
export function rerunImpact(
  octokit: GitHubClient,
  ref: ImpactPullRef,
  opts: Omit<StartImpactOptions, 'force'> = {},
): Promise<StartImpactResult> {
  return startImpact(octokit, ref, { ...opts, force: true });
}

/**
 * Starting the matrix failed part-way and the job will be retried, with a check and a correlation
 * id of its own: this check must not stay in progress for ever, nor the runs already started go
 * on. Best effort: the error that got us here is the one the job reports.
 */
async function abandon(
  octokit: GitHubClient,
  check: { owner: string; repo: string; checkRunId: number },
  runIds: number[],
  cause: unknown,
  log?: Logger,
): Promise<void> {
  try {
    await completeImpactCheck(octokit, check, 'neutral', interruptedOutput((cause as Error).message));
    for (const runId of runIds)
      await octokit.rest.actions.cancelWorkflowRun({ owner: check.owner, repo: check.repo, run_id: runId });
  } catch (err) {
    log?.warn(
      { checkRunId: check.checkRunId, err: { message: (err as Error).message } },
      'could not close the interrupted impact check',
    );
  }
}

/** Completes the check of a matrix that is still running and cancels its runs; returns the check ids it completed. */
async function supersede(
  octokit: GitHubClient,
  ref: ImpactPullRef,
  old: ImpactMeta,
  newHeadSha: string,
  log?: Logger,
): Promise<number[]> {
  if (old.status === 'completed' || old.checkRunId === undefined) return [];
  await completeImpactCheck(
    octokit,
    { owner: ref.owner, repo: ref.repo, checkRunId: old.checkRunId },
    'neutral',
    supersededOutput(newHeadSha, old.headSha === newHeadSha),
  );
  for (const runId of old.runIds) {
    try {
      await octokit.rest.actions.cancelWorkflowRun({ owner: ref.owner, repo: ref.repo, run_id: runId });
    } catch (err) {
      // 409: the run finished meanwhile. Its completion webhook will find a newer correlation id and be ignored.
      if (httpStatus(err) !== 409) throw err;
      log?.debug({ runId }, 'superseded run already finished');
    }
  }
  return [old.checkRunId];
}

async function record(
  octokit: GitHubClient,
  ref: ImpactPullRef,
  pull: BotPull,
  meta: PullMeta,
  impact: ImpactMeta,
): Promise<void> {
  await writeImpactBody(octokit, ref.owner, ref.repo, pull, { ...meta, impact });
}
