/**
 * A dispatched impact run finished (`workflow_run` completed). Finds the PR it belongs to, turns
 * the run's jobs into per-service results, and once every dispatch of the matrix has reported:
 * completes the check, rewrites the Impact section, labels the PR, and merges it when the config
 * allows this kind of update and everything passed. A run of a matrix that was superseded, or
 * one that is not ours, changes nothing.
 */
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import { mergeWhenGreen, type MergeOutcome } from '../github/merge-pull.js';
import { findOpenBotPull, getBotPull, type BotPull } from '../pull-request/bot-pull.js';
import type { ImpactMeta } from '../pull-request/meta.js';
import { completeImpactCheck, updateImpactCheck } from './impact-check-run.js';
import { setImpactLabels } from './impact-labels.js';
import { writeImpactBody } from './impact-pull.js';
import { automergeAllowed, automergePolicy } from './automerge.js';
import { batchAt } from './batches.js';
import { completedOutput, startedOutput } from './check-output.js';
import { parseRunName } from './correlation.js';
import { impactConfig } from './impact-config.js';
import { mergeResults, overallConclusion, resultsFromJobs, type RunJob } from './results.js';

export interface CompletedRun {
  owner: string;
  repo: string;
  runId: number;
  /** The run's `display_title`: the template's run-name, holding the correlation id. */
  runName: string;
  headBranch: string | null;
  conclusion: string | null;
  htmlUrl: string;
  /** PR numbers the payload names (GitHub leaves this empty for dispatched runs, but may fill it). */
  pullNumbers: number[];
}

export type CompleteImpactOutcome =
  | {
      outcome: 'ignored';
      reason: 'not-ours' | 'no-pull' | 'no-meta' | 'superseded' | 'stale-head' | 'already-completed';
    }
  | { outcome: 'partial'; pending: number }
  | { outcome: 'completed'; conclusion: NonNullable<ImpactMeta['conclusion']>; merge: MergeOutcome | 'not-allowed' };

export async function completeImpact(
  octokit: GitHubClient,
  run: CompletedRun,
  log?: Logger,
): Promise<CompleteImpactOutcome> {
  const { owner, repo } = run;
  const corr = parseRunName(run.runName);
  if (!corr) return { outcome: 'ignored', reason: 'not-ours' };
  const pull = await findPull(octokit, run, log);
  if (!pull) return { outcome: 'ignored', reason: 'no-pull' };
  const meta = pull.meta;
  const impact = meta?.impact;
  if (!meta || !impact) return { outcome: 'ignored', reason: 'no-meta' };
  if (impact.correlationId !== corr.correlationId) return { outcome: 'ignored', reason: 'superseded' };
  if (impact.headSha !== pull.headSha) return { outcome: 'ignored', reason: 'stale-head' };
  if (impact.status === 'completed' || impact.checkRunId === undefined) {
    // This very report was retried after the check and the body were written: the merge is what
    // failed, and nothing else will ask for it again.
    if (impact.conclusion === 'success' && impact.runIds.includes(run.runId) && !pull.autoMerge) {
      return {
        outcome: 'completed',
        conclusion: 'success',
        merge: await mergeIfAllowed(octokit, pull, { owner, repo, log }),
      };
    }
    return { outcome: 'ignored', reason: 'already-completed' };
  }

  const jobs = (await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    owner,
    repo,
    run_id: run.runId,
    per_page: 100,
  })) as RunJob[];
  const services = batchAt(meta.services, corr.batch);
  const results = mergeResults(
    impact.results ?? meta.services.map((service) => ({ service, conclusion: 'pending' as const })),
    resultsFromJobs(services, jobs, run.conclusion),
  );
  const runIds = impact.runIds.includes(run.runId) ? impact.runIds : [...impact.runIds, run.runId];
  const conclusion = overallConclusion(results);
  const runLinks = runIds.map((id) => ({ url: run.htmlUrl.replace(/\/runs\/\d+$/, `/runs/${id}`) }));

  if (conclusion === undefined) {
    // Another dispatch of this matrix is still running: record this one and wait for the rest.
    const next = { ...impact, runIds, results, status: 'in_progress' as const };
    await updateImpactCheck(
      octokit,
      { owner, repo, checkRunId: impact.checkRunId },
      startedOutput(meta.services, runLinks),
    );
    await writeImpactBody(octokit, owner, repo, pull, { ...meta, impact: next });
    return { outcome: 'partial', pending: results.filter((r) => r.conclusion === 'pending').length };
  }

  await completeImpactCheck(
    octokit,
    { owner, repo, checkRunId: impact.checkRunId },
    conclusion,
    completedOutput(results, conclusion, runLinks),
  );
  await writeImpactBody(octokit, owner, repo, pull, {
    ...meta,
    impact: { ...impact, runIds, results, status: 'completed', conclusion },
  });
  await setImpactLabels(octokit, { owner, repo, pullNumber: pull.number, current: pull.labels }, conclusion);

  if (conclusion !== 'success') return { outcome: 'completed', conclusion, merge: 'not-allowed' };
  return { outcome: 'completed', conclusion, merge: await mergeIfAllowed(octokit, pull, { owner, repo, log }) };
}

/** A green matrix merges the PR when the config allows every update it holds. */
async function mergeIfAllowed(
  octokit: GitHubClient,
  pull: BotPull,
  t: { owner: string; repo: string; log: Logger | undefined },
): Promise<MergeOutcome | 'not-allowed'> {
  const config = await impactConfig(octokit, t.owner, t.repo, t.log);
  if (!automergeAllowed(automergePolicy(config, pull.meta?.group), pull.meta?.updates ?? [])) return 'not-allowed';
  const merge = await mergeWhenGreen(octokit, {
    owner: t.owner,
    repo: t.repo,
    pullNumber: pull.number,
    nodeId: pull.nodeId,
    headSha: pull.headSha,
  });
  t.log?.info({ pullNumber: pull.number, merge }, 'impact matrix green: merge requested');
  return merge;
}

async function findPull(
  octokit: GitHubClient,
  run: CompletedRun,
  log: Logger | undefined,
): Promise<BotPull | undefined> {
  const [number] = run.pullNumbers;
  if (number !== undefined) {
    const pull = await getBotPull(octokit, run.owner, run.repo, number, log);
    return pull.state === 'open' ? pull : undefined;
  }
  if (!run.headBranch) return undefined;
  return findOpenBotPull(octokit, run.owner, run.repo, run.headBranch, log);
}
