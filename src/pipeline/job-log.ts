/**
 * The logger of one job: every line names the queue, the job, the repository and the
 * installation, so a failure in a busy worker's log can be traced to what it was working on.
 */
import type { Job } from 'bullmq';
import type { Logger } from 'probot';
import { repoLabel, type RepoRef } from '../repo-ref.js';

export function jobLog(
  log: Logger,
  queue: string,
  job: Pick<Job, 'id'>,
  ref: RepoRef,
  extra: Record<string, unknown> = {},
): Logger {
  return log.child({ queue, jobId: job.id, repo: repoLabel(ref), installationId: ref.installationId, ...extra });
}
