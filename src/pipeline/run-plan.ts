/**
 * The `plan` stage. The processor checks the job data and hands it to the plan handler; the
 * pipeline's handler, `runPlan`, reads every input first (plan-inputs.ts), plans once with the
 * config's and the recorded ignores, drops versions the user declined, splits the rest into one
 * PR per group and queues one apply job per group.
 */
import { jobLog } from './job-log.js';
import type { Processor } from 'bullmq';
import type { Logger } from 'probot';
import type { ConfigError } from '../config/index.js';
import { StewardError } from '../errors.js';
import type { GitHubClient } from '../github/app-auth.js';
import { configFailureReported, createConfigFailureCheck } from '../github/config-check-run.js';
import { mergeIgnoreRules } from '../ignores/ignore-rules.js';
import { createPlan } from '../planner/plan.js';
import { withoutDeclined } from '../pull-request/declined.js';
import { enqueueApply } from '../queues/apply-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { PLAN_QUEUE, planJobSchema, type PlanJobData } from '../queues/plan-queue.js';

import type { StageDeps } from './deps.js';
import { writeDashboardAfterRun, type RunRecord } from './dashboard-after-run.js';
import { groupUpdatesIntoPulls } from './groups.js';
import type { PlanJobContext } from './plan-handler.js';
import { readPlanInputs } from './plan-inputs.js';
import { planModuleSource } from './plan-source.js';
import { withoutSecurityPullModules } from './security-held.js';
import { resolveToolchainLimit } from '../toolchain/toolchain-limit.js';

export class ModuleProxyUnavailableError extends StewardError {
  readonly code = 'module-proxy-unavailable';
}

export type PlanRunResult =
  | { due: false; reason: 'disabled' | 'invalid-config' | 'nothing-due' | 'all-declined' | 'dashboard-refresh' }
  | { due: true; base: string; baseSha: string; applyJobs: string[] };

export function createPlanProcessor(deps: Pick<StageDeps, 'auth' | 'log' | 'planHandler'>): Processor<PlanJobData> {
  return async (job, _token, signal) => {
    const data = parseJobData(planJobSchema, job.data, PLAN_QUEUE);
    const log = jobLog(deps.log, PLAN_QUEUE, job, data);
    return deps.planHandler({ data, job, github: () => deps.auth.installation(data.installationId), log, signal });
  };
}

/** A plan run, then the dashboard issue rewritten from what it saw (also when it failed). */
export async function runPlan(
  ctx: PlanJobContext,
  deps: Pick<StageDeps, 'pipeline' | 'queues'> & Partial<Pick<StageDeps, 'redis' | 'prefix' | 'appSlug'>>,
): Promise<PlanRunResult> {
  const record: RunRecord = { startedAt: Date.now() };
  const { redis, prefix, appSlug } = deps;
  const dashboard = redis && prefix !== undefined && appSlug ? { redis, prefix, appSlug } : undefined;
  try {
    const result = await planOnce(ctx, deps, record);
    if (dashboard && !(!result.due && result.reason === 'disabled'))
      await writeDashboardAfterRun(dashboard, await ctx.github(), ctx.data, record, ctx.log);
    return result;
  } catch (err) {
    if (dashboard) {
      const failure = { at: new Date().toISOString(), reason: (err as Error).message.slice(0, 500) };
      await writeDashboardAfterRun(dashboard, await ctx.github(), ctx.data, record, ctx.log, failure);
    }
    throw err;
  }
}

async function planOnce(
  ctx: PlanJobContext,
  deps: Pick<StageDeps, 'pipeline' | 'queues'>,
  record: RunRecord,
): Promise<PlanRunResult> {
  const { owner, repo } = ctx.data;
  const github = await ctx.github();
  const inputs = await readPlanInputs(github, owner, repo, deps.pipeline, ctx.log);
  if (inputs.kind === 'disabled') return { due: false, reason: 'disabled' };
  if (inputs.kind === 'invalid-config') {
    record.configError = inputs.error;
    record.summary = 'nothing: the config file is invalid';
    await reportInvalidConfigOnce(github, { owner, repo, headSha: inputs.headSha }, inputs.error, ctx.log);
    return { due: false, reason: 'invalid-config' };
  }

  const { base, baseSha } = inputs;
  const config = inputs.recordedIgnores.length
    ? { ...inputs.config, ignore: mergeIgnoreRules(inputs.config.ignore, inputs.recordedIgnores) }
    : inputs.config;
  const source = await planModuleSource(deps.pipeline, github, ctx.data.installationId);
  Object.assign(record, { config: inputs.config, base, tree: inputs.tree, source });
  // Apply runs go in this worker's environment: propose nothing its toolchain cannot build.
  const toolchain = await resolveToolchainLimit(deps.pipeline.appEnv, source);
  const plan = await createPlan({ tree: inputs.tree, root: '.', config, source, ...(toolchain ? { toolchain } : {}) });
  record.plan = plan;
  if (inputs.truncated)
    plan.warnings.push({
      message: 'GitHub truncated the tree listing (over 100,000 entries): some modules may not have been planned',
    });

  const unreachable = plan.skipped.filter((s) => s.reason === 'proxy-error');
  if (!plan.updates.length && unreachable.length) {
    // "Nothing due" would be a guess: fail, and BullMQ retries the run later.
    throw new ModuleProxyUnavailableError(
      `the module proxy did not answer for ${unreachable.length} requirement(s), e.g. ${unreachable[0]!.module}: ${unreachable[0]!.detail ?? ''}`,
    );
  }
  if (!plan.updates.length) {
    const reasons: Record<string, number> = {};
    for (const s of plan.skipped) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
    ctx.log.info({ skipped: reasons, warnings: plan.warnings.length }, 'nothing due');
    record.summary = 'nothing due';
    return { due: false, reason: 'nothing-due' };
  }

  const open = await withoutSecurityPullModules(github, { owner, repo, base }, plan.updates, ctx.log);
  if (open.held.length) ctx.log.info({ held: open.held.map((u) => u.module) }, 'left to the open security PR');
  const { kept, dropped } = withoutDeclined(open.kept, inputs.declined);
  if (dropped.length)
    ctx.log.info(
      { declined: dropped.map((u) => `${u.module}@${u.to}`) },
      'versions declined on closed PRs are not proposed again',
    );
  record.declined = dropped;
  record.groups = groupUpdatesIntoPulls(kept, config.groups);
  record.summary = 'nothing: every due version was declined';
  if (!kept.length) return { due: false, reason: 'all-declined' };
  if (ctx.data.refresh) {
    record.summary = 'the dashboard was refreshed after a pull request was published';
    return { due: false, reason: 'dashboard-refresh' };
  }

  const applyJobs: string[] = [];
  // A run asked for one group (a dashboard tick) leaves the others to their schedule.
  const only = ctx.data.group;
  record.queued = [];
  for (const group of record.groups.filter((g) => !only || g.name === only)) {
    record.queued.push(group.name);
    applyJobs.push(
      await enqueueApply(deps.queues.apply, {
        ref: ctx.data,
        base,
        baseSha,
        group: group.name,
        plan: { ...plan, updates: group.updates },
        config,
        ...(ctx.data.asked ? { reason: `asked-${ctx.data.asked}` } : {}),
      }),
    );
  }
  ctx.log.info({ base, baseSha, applyJobs }, 'apply queued');
  record.summary = `queued ${applyJobs.length} pull request build(s): ${record.queued.join(', ') || 'none'}`;
  return { due: true, base, baseSha, applyJobs };
}

/** The failing config check once per commit: the push that broke the file may have reported it already. */
async function reportInvalidConfigOnce(
  github: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
  error: ConfigError,
  log: Logger,
): Promise<void> {
  if (await configFailureReported(github, target)) {
    log.info({ headSha: target.headSha }, 'invalid config already reported on this commit');
    return;
  }
  const id = await createConfigFailureCheck(github, target, error);
  log.warn({ checkRunId: id }, 'invalid config: no run');
}
