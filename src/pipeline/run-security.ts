/**
 * The daily security check of one repository (a `security` job from its security scheduler,
 * queues/security-scheduler.ts). It reads what a plan reads, through the API — no clone — and
 * plans only the bumps that fix known advisories, each at the lowest fixing version policy
 * allows. Nothing vulnerable (or nothing fixable): it stops there. Otherwise one apply job for the
 * `security` group: branch `gomod-steward/<base>/security`, the config's labels plus
 * `security.labels`, the advisories in the job's plan for the PR's summary.
 */
import { SECURITY_GROUP } from '../pull-request/branch.js';
import { mergeIgnoreRules } from '../ignores/ignore-rules.js';
import { createPlan } from '../planner/plan.js';
import { resolveToolchainLimit } from '../toolchain/toolchain-limit.js';
import { withoutDeclined } from '../pull-request/declined.js';
import { enqueueApply } from '../queues/apply-queue.js';
import type { StageDeps } from './deps.js';
import type { PlanJobContext } from './plan-handler.js';
import { readPlanInputs } from './plan-inputs.js';
import { planModuleSource } from './plan-source.js';
import { securityDb } from './security-db.js';
import { securityLabels } from './security-labels.js';

export type SecurityRunResult =
  | {
      due: false;
      reason:
        'disabled' | 'invalid-config' | 'security-disabled' | 'nothing-vulnerable' | 'nothing-fixable' | 'all-declined';
      vulnerabilities?: number;
    }
  | { due: true; base: string; baseSha: string; applyJob: string; advisories: string[] };

export async function runSecurity(
  ctx: PlanJobContext,
  deps: Pick<StageDeps, 'pipeline' | 'queues'>,
): Promise<SecurityRunResult> {
  const { owner, repo } = ctx.data;
  const github = await ctx.github();
  const inputs = await readPlanInputs(github, owner, repo, deps.pipeline, ctx.log);
  if (inputs.kind === 'disabled') return { due: false, reason: 'disabled' };
  // The scheduled run reports a broken config; the security check only stays quiet.
  if (inputs.kind === 'invalid-config') return { due: false, reason: 'invalid-config' };
  if (!inputs.config.security.enabled) return { due: false, reason: 'security-disabled' };

  const { base, baseSha } = inputs;
  const config = inputs.recordedIgnores.length
    ? { ...inputs.config, ignore: mergeIgnoreRules(inputs.config.ignore, inputs.recordedIgnores) }
    : inputs.config;
  const [vulnDb, source] = await Promise.all([
    securityDb(deps.pipeline.appEnv),
    planModuleSource(deps.pipeline, github, ctx.data.installationId),
  ]);
  // As the scheduled run: propose nothing the worker's toolchain cannot build.
  const toolchain = await resolveToolchainLimit(deps.pipeline.appEnv, source);
  const plan = await createPlan({
    tree: inputs.tree,
    root: '.',
    config,
    source,
    vulnDb,
    securityOnly: true,
    ...(toolchain ? { toolchain } : {}),
  });
  const vulnerabilities = plan.vulnerabilities ?? [];
  if (!vulnerabilities.length) {
    ctx.log.info({ db: vulnDb.snapshot.modified }, 'no known vulnerability');
    return { due: false, reason: 'nothing-vulnerable' };
  }
  if (!plan.updates.length) {
    ctx.log.info(
      { advisories: [...new Set(vulnerabilities.map((v) => v.id))], held: plan.skipped.length },
      'vulnerable, but no fix this repository may take',
    );
    return { due: false, reason: 'nothing-fixable', vulnerabilities: vulnerabilities.length };
  }
  const { kept, dropped } = withoutDeclined(plan.updates, inputs.declined);
  if (dropped.length)
    ctx.log.info({ declined: dropped.map((u) => `${u.module}@${u.to}`) }, 'security fixes declined on closed PRs');
  if (!kept.length) return { due: false, reason: 'all-declined' };

  const applyJob = await enqueueApply(deps.queues.apply, {
    ref: ctx.data,
    base,
    baseSha,
    group: SECURITY_GROUP,
    plan: { ...plan, updates: kept },
    config: securityLabels(config, SECURITY_GROUP),
  });
  const advisories = [...new Set(kept.flatMap((u) => u.security ?? []))];
  ctx.log.info({ base, baseSha, applyJob, advisories }, 'security apply queued');
  return { due: true, base, baseSha, applyJob, advisories };
}
