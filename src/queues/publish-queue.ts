/**
 * The `publish` queue: commit and pull request for one group, queued by its apply job with what
 * apply changed (paths and blob shas, or the text of small files, bounded to fit job data) and the plan's shapes.
 */
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { MAX_INLINE_FILE } from '../github/changed-files.js';
import { carriedChangeSchema, planUpdateSchema, skippedSchema, vulnerabilitySchema } from '../planner/plan-schema.js';
import { brokenBuildSchema } from '../toolchain/apply/broken-build.js';
import { publishConfigSchema, stageSchema, type ApplyJobData } from './apply-queue.js';
import { shaSchema as sha } from '../repo-ref.js';
import { RETENTION } from './job-options.js';
import { stageJobId } from './stage-job-id.js';

export const PUBLISH_QUEUE = 'publish';
export const PUBLISH_JOB_NAME = 'publish';

/** GitHub writes only: a quicker backoff than apply's. */
export const PUBLISH_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  ...RETENTION,
} as const satisfies JobsOptions;

export const publishJobSchema = stageSchema.extend({
  /**
   * Git Data API tree entries (github/commit-files.ts): an uploaded blob (sha null: the file is
   * deleted) or a small text file's content, bounded by github/changed-files.ts.
   */
  entries: z.array(
    z.union([
      z.object({ path: z.string(), mode: z.enum(['100644', '100755']), sha: sha.nullable() }),
      z.object({ path: z.string(), mode: z.enum(['100644', '100755']), content: z.string().max(MAX_INLINE_FILE) }),
    ]),
  ),
  updates: z.array(planUpdateSchema),
  carried: z.array(carriedChangeSchema),
  affected: z.array(z.string()),
  services: z.array(z.string()),
  /** Module dirs Go refused (toolchain/apply's FailedModule). */
  failed: z.array(z.object({ dir: z.string(), kind: z.string(), error: z.string(), command: z.string().optional() })),
  skipped: z.array(skippedSchema),
  /** A security PR's advisories, for its summary. */
  vulnerabilities: z.array(vulnerabilitySchema).optional(),
  /** Modules a major move left unable to build: the PR is a draft labelled `breaking`. */
  breaking: z.array(brokenBuildSchema).optional(),
  publish: publishConfigSchema,
});

export type PublishJobData = z.infer<typeof publishJobSchema>;

/**
 * Checks and queues the publish job of the apply job `applyJobId`; returns its id, made from the
 * apply job's identity and planned updates so a retried apply queues nothing twice.
 */
export async function enqueuePublish(
  queue: Queue,
  data: z.input<typeof publishJobSchema>,
  from: { apply: ApplyJobData; applyJobId: string },
): Promise<string> {
  const parsed = publishJobSchema.parse(data);
  const jobId = stageJobId('publish', from.apply, from.apply.plan.updates, from.applyJobId);
  await queue.add(PUBLISH_JOB_NAME, parsed, { ...PUBLISH_JOB_OPTIONS, jobId });
  return jobId;
}
