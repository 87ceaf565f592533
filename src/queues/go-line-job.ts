/**
 * A go-line job: raise the `go` line of the modules that declare less than `go`, on a checkout of
 * the default branch, and open or update the go-line PR (pipeline/run-go-line.ts). It runs on the
 * `apply` queue, whose worker holds the repository lock and runs the Go toolchain. Ids only; the
 * worker reads the config and the branch tip itself. The job id comes from what asked for it (a
 * webhook delivery, a comment), so a redelivery collapses into the job already queued or done.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { repoRefSchema, type RepoRef } from '../repo-ref.js';
import { APPLY_JOB_OPTIONS } from './apply-queue.js';

export const GO_LINE_JOB_NAME = 'go-line';

export const goLineJobSchema = repoRefSchema.extend({
  go: z.string().regex(/^\d+\.\d+(?:\.\d+)?$/),
  /** Where to answer when the change does not build: the dashboard issue, or the PR a `rebase` came from. */
  issueNumber: z.number().int().positive(),
  /** Discard commits others pushed to the branch (the `recreate` command). */
  force: z.boolean().optional(),
});
export type GoLineJobData = z.infer<typeof goLineJobSchema>;

export function goLineJobId(data: GoLineJobData, reason: string): string {
  const tail = reason.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100);
  return `go-line-${data.installationId}-${data.repositoryId}-${data.go}-${tail}`;
}

/** Queues the job (checked against the schema); returns its id. */
export async function enqueueGoLine(
  queue: Queue,
  ref: RepoRef,
  go: string,
  issueNumber: number,
  reason: string,
  force = false,
): Promise<string> {
  const data = goLineJobSchema.parse({ ...ref, go, issueNumber, ...(force ? { force: true } : {}) });
  const jobId = goLineJobId(data, reason);
  await queue.add(GO_LINE_JOB_NAME, data, { ...APPLY_JOB_OPTIONS, jobId });
  return jobId;
}
