/**
 * The `apply` queue: one job per repository, base commit and group, queued by a plan job or by
 * the `rebase`/`recreate` commands — both through `enqueueApply`, the one place an apply job is
 * built. The job carries the plan's shapes (planner/plan-schema.ts) and the config it needs:
 * ids, names and versions, never a token.
 */
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { StewardConfig } from '../config/defaults.js';
import { planSchema, planUpdateSchema, type Plan } from '../planner/plan-schema.js';
import { repoRefSchema, shaSchema as sha, type RepoRef } from '../repo-ref.js';
import { RETENTION } from './job-options.js';
import { stageJobId } from './stage-job-id.js';

export const APPLY_QUEUE = 'apply';
export const APPLY_JOB_NAME = 'apply';

/** The Go toolchain on a checkout: few attempts, long backoff (a proxy or GitHub outage passes). */
export const APPLY_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  ...RETENTION,
} as const satisfies JobsOptions;

/** Where a group's PR goes; shared with the publish job. */
export const stageSchema = repoRefSchema.extend({
  base: z.string().min(1),
  baseSha: sha,
  group: z.string().min(1),
  /** Discard others' commits on the branch (the `recreate` command). */
  force: z.boolean().optional(),
});

export const publishConfigSchema = z.object({
  labels: z.array(z.string()),
  reviewers: z.array(z.string()),
  openPullRequestsLimit: z.number().int().min(0),
});

export const applyJobSchema = stageSchema.extend({
  plan: planSchema.extend({ updates: z.array(planUpdateSchema).min(1) }),
  goDirective: z.enum(['keep', 'allow']),
  services: z.array(z.string()).nullable(),
  publish: publishConfigSchema,
});

export type ApplyJobData = z.infer<typeof applyJobSchema>;

export interface ApplyRequest {
  ref: RepoRef;
  base: string;
  baseSha: string;
  group: string;
  /** The plan, its `updates` narrowed to the group's. */
  plan: Plan;
  config: Pick<StewardConfig, 'goDirective' | 'services' | 'labels' | 'reviewers' | 'openPullRequestsLimit'>;
  force?: boolean;
  /** Part of the job id: what asked for a rebuild (a command comment); empty for a plan run. */
  reason?: string;
}

/** Builds, checks and queues an apply job; returns its (deterministic) id. */
export async function enqueueApply(queue: Queue, r: ApplyRequest): Promise<string> {
  const { config } = r;
  const data: ApplyJobData = applyJobSchema.parse({
    ...r.ref,
    base: r.base,
    baseSha: r.baseSha,
    group: r.group,
    ...(r.force ? { force: true } : {}),
    plan: r.plan,
    goDirective: config.goDirective,
    services: config.services,
    publish: {
      labels: config.labels,
      reviewers: config.reviewers,
      openPullRequestsLimit: config.openPullRequestsLimit,
    },
  });
  const jobId = stageJobId('apply', data, data.plan.updates, r.reason ?? '');
  await queue.add(APPLY_JOB_NAME, data, { ...APPLY_JOB_OPTIONS, jobId });
  return jobId;
}
