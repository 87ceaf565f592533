/**
 * The `governance` queue: the `gomod-steward / governance` check run on one commit, for a push to
 * the default branch or a pull request that touches go.mod, go.sum or go.work. The worker is
 * pipeline/run-governance.ts.
 *
 * The job id is the repository and the head commit: a redelivered webhook, a push and a pull
 * request on the same commit, or a reopened pull request collapse into one job, and the processor
 * looks for the commit's check run before it creates one. "Re-run" on a finished check run is a
 * job of its own, keyed by that run.
 */
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { repoRefSchema, shaSchema as sha } from '../repo-ref.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';

export const GOVERNANCE_QUEUE = 'governance';
export const GOVERNANCE_JOB_NAME = 'governance';

export const governanceJobSchema = repoRefSchema.extend({
  /** The commit the check run goes on. */
  headSha: sha,
  /** What "newly added" is measured against: the pull request's base, or the push's parent; null: none. */
  baseSha: sha.nullable(),
  /** Set for a pull request: only one that changes a module file gets the check. */
  pullNumber: z.number().int().positive().nullable(),
  /** "Re-run" on this finished check run: a new run is started on the commit (GitHub's way for a rerequest). */
  rerunOf: z.number().int().positive().optional(),
});

export type GovernanceJobData = z.infer<typeof governanceJobSchema>;

export function governanceJobId(data: GovernanceJobData): string {
  const base = `governance-${data.installationId}-${data.repositoryId}-${data.headSha}`;
  // A re-run is its own job (the commit's first one is done), once per run asked to re-run.
  return data.rerunOf ? `${base}-rerun-${data.rerunOf}` : base;
}

export async function enqueueGovernance(queue: Queue, data: GovernanceJobData): Promise<Job> {
  const parsed = governanceJobSchema.parse(data);
  return queue.add(GOVERNANCE_JOB_NAME, parsed, { ...QUICK_JOB_OPTIONS, jobId: governanceJobId(parsed) });
}
