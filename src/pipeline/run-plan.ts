/**
 * A plan job: plan through the API; when something is due, find the base commit, drop versions
 * the user declined, split into groups, and queue one apply job per group.
 */
import type { Logger } from 'probot';
import { StewardError } from '../errors.js';
import type { GitHubClient } from '../github/app-auth.js';
import { createConfigFailureCheck, CONFIG_CHECK_NAME } from '../github/config-check-run.js';
import { defaultBranchHead, defaultBranchTip } from '../github/default-branch-head.js';
import { mergeIgnoreRules } from '../ignores/ignore-rules.js';
import type { PlanJobContext } from '../queues/plan-queue.js';
import { PLAN_JOB_OPTIONS } from '../queues/plan-queue.js';
import type { ConfigError } from '../config/index.js';
import { declinedVersions, withoutDeclined } from '../pull-request/declined.js';
import type { PipelineDeps } from './deps.js';
import { groupUpdates } from './groups.js';
import { applyJobSchema, stageJobId, type ApplyJobData } from './job-data.js';
import { planStep, planTree } from './plan-step.js';

export class ModuleProxyUnavailableError extends StewardError {
  readonly code = 'module-proxy-unavailable';
}

export type PlanRunResult =
  | { due: false; reason: 'disabled' | 'invalid-config' | 'nothing-due' | 'all-declined' }
  | { due: true; base: string; baseSha: string; applyJobs: string[] };

export async function runPlan(ctx: PlanJobContext, deps: PipelineDeps): Promise<PlanRunResult> {
  const { owner, repo } = ctx.data;
  const github = await ctx.github();
  const outcome = await planStep({ github, owner, repo, source: deps.source, log: ctx.log });
  if (outcome.kind === 'disabled') return { due: false, reason: 'disabled' };
  if (outcome.kind === 'invalid-config') {
    await reportInvalidConfigOnce(github, owner, repo, outcome.error, ctx.log);
    return { due: false, reason: 'invalid-config' };
  }
  const unreachable = outcome.plan.skipped.filter((s) => s.reason === 'proxy-error');
  if (!outcome.plan.updates.length && unreachable.length) {
    // "Nothing due" would be a guess: fail, and BullMQ retries the run later.
    throw new ModuleProxyUnavailableError(`the module proxy did not answer for ${unreachable.length} requirement(s), e.g. ${unreachable[0]!.module}: ${unreachable[0]!.detail ?? ''}`);
  }
  if (!outcome.plan.updates.length) {
    const reasons: Record<string, number> = {};
    for (const s of outcome.plan.skipped) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
    ctx.log.info({ skipped: reasons, warnings: outcome.plan.warnings.length }, 'nothing due');
    return { due: false, reason: 'nothing-due' };
  }
  let { plan, config } = outcome;
  const ignores = deps.readIgnores ? await deps.readIgnores(github, owner, repo) : [];
  if (ignores.length) {
    config = { ...config, ignore: mergeIgnoreRules(config.ignore, ignores) };
    plan = await planTree(outcome.tree, outcome.truncated, config, deps.source);
    if (!plan.updates.length) return { due: false, reason: 'nothing-due' };
  }

  const { name: base, sha: baseSha } = await defaultBranchTip(github, owner, repo);
  const { kept, dropped } = withoutDeclined(plan.updates, await declinedVersions(github, owner, repo, base));
  if (dropped.length) ctx.log.info({ declined: dropped.map((u) => `${u.module}@${u.to}`) }, 'versions declined on closed PRs are not proposed again');
  if (!kept.length) return { due: false, reason: 'all-declined' };

  const applyJobs: string[] = [];
  for (const group of groupUpdates(kept, config.groups)) {
    const data: ApplyJobData = applyJobSchema.parse({
      ...ctx.data,
      base,
      baseSha,
      group: group.name,
      plan: { ...plan, updates: group.updates },
      goDirective: config.goDirective,
      services: config.services,
      publish: { labels: config.labels, reviewers: config.reviewers, openPullRequestsLimit: config.openPullRequestsLimit },
    });
    const jobId = stageJobId('apply', data, group.updates);
    await deps.applyQueue.add('apply', data, { ...PLAN_JOB_OPTIONS, jobId });
    applyJobs.push(jobId);
  }
  ctx.log.info({ base, baseSha, applyJobs }, 'apply queued');
  return { due: true, base, baseSha, applyJobs };
}


/** The failing config check once per commit: the push that broke the file may have reported it already. */
async function reportInvalidConfigOnce(github: GitHubClient, owner: string, repo: string, error: ConfigError, log: Logger): Promise<void> {
  const headSha = await defaultBranchHead(github, owner, repo);
  const { data: runs } = await github.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: CONFIG_CHECK_NAME, filter: 'latest' });
  if (runs.check_runs.some((r) => r.conclusion === 'failure')) {
    log.info({ headSha }, 'invalid config already reported on this commit');
    return;
  }
  const id = await createConfigFailureCheck(github, { owner, repo, headSha }, error);
  log.warn({ checkRunId: id }, 'invalid config: no run');
}
