/**
 * The `reschedule` queue: bring one repository's scheduler in line with its config file. Fed by
 * pushes that touch `.github/gomod-steward.yml` (read at the pushed commit) and by installation
 * and reconciliation work (read at the default branch).
 *
 * Jobs of one repository never run side by side and a newer one replaces one still waiting
 * out its short delay (BullMQ deduplication with `replace` and `keepLastIfActive`), so an older
 * config cannot overwrite a newer one. A job already released to the wait list keeps its place;
 * one arriving then is dropped, which only matters for two config pushes queued behind a backlog.
 */
import type { Job, Processor, Queue } from 'bullmq';
import type { Logger } from 'probot';
import { z } from 'zod';
import { CONFIG_PATH } from '../config/index.js';
import type { GitHubAuth } from '../github/app-auth.js';
import { createConfigFailureCheck } from '../github/config-check-run.js';
import { defaultBranchHead } from '../github/default-branch-head.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';
import { getRepoScheduler, removeRepoScheduler, upsertRepoScheduler } from './repo-schedulers.js';
import { parseJobData } from './parse-job-data.js';
import { repoLabel, repoRefSchema, type RepoRef } from '../repo-ref.js';

export const RESCHEDULE_QUEUE = 'reschedule';
export const RESCHEDULE_JOB_NAME = 'reschedule';
/** Long enough to fold a burst of pushes into one read, short enough to feel immediate. */
export const RESCHEDULE_DELAY_MS = 1000;

const rescheduleDataSchema = repoRefSchema.extend({
  /** The commit to read the config at; null reads the default branch. */
  sha: z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/).nullable(),
});

export type RescheduleJobData = z.infer<typeof rescheduleDataSchema>;

export type RescheduleResult =
  | { action: 'scheduled'; schedule: string; timezone: string }
  | { action: 'removed'; reason: 'disabled' }
  | { action: 'invalid-config'; checkRunId: number; kept: 'previous' | 'default' };

/**
 * `origin` names what asked (a commit sha, a parent job id) and makes the job id, so a
 * redelivered webhook or a retried parent collapses into the job already queued.
 */
export function rescheduleJobId(data: RepoRef, origin: string): string {
  return `reschedule-${data.installationId}-${data.repositoryId}-${origin.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export function rescheduleJob(data: RescheduleJobData, origin: string) {
  return {
    name: RESCHEDULE_JOB_NAME,
    data,
    opts: {
      ...QUICK_JOB_OPTIONS,
      jobId: rescheduleJobId(data, origin),
      delay: RESCHEDULE_DELAY_MS,
      deduplication: { id: `reschedule-${data.installationId}-${data.repositoryId}`, replace: true, keepLastIfActive: true },
    },
  };
}

export async function enqueueReschedule(queue: Queue, data: RescheduleJobData, origin: string): Promise<Job> {
  const { name, opts } = rescheduleJob(data, origin);
  return queue.add(name, data, opts);
}

export interface RescheduleDeps {
  planQueue: Queue;
  auth: GitHubAuth;
  log: Logger;
}

export function createRescheduleProcessor(deps: RescheduleDeps): Processor<RescheduleJobData, RescheduleResult> {
  return async (job) => {
    const data = parseJobData(rescheduleDataSchema, job.data, RESCHEDULE_QUEUE);
    const log = deps.log.child({ queue: RESCHEDULE_QUEUE, jobId: job.id, repo: repoLabel(data) });
    const octokit = await deps.auth.installation(data.installationId);
    const read = await readRepoConfig(octokit, { owner: data.owner, repo: data.repo, ref: data.sha ?? undefined });

    if (read.kind !== 'invalid') {
      const { enabled, schedule, timezone } = read.config;
      if (!enabled) {
        await removeRepoScheduler(deps.planQueue, data.installationId, data.repositoryId);
        log.info('config disables gomod-steward: scheduler removed');
        return { action: 'removed', reason: 'disabled' };
      }
      await upsertRepoScheduler(deps.planQueue, data, { schedule, timezone });
      log.info({ schedule, timezone, configFile: read.kind === 'absent' ? null : CONFIG_PATH }, 'scheduler upserted');
      return { action: 'scheduled', schedule, timezone };
    }

    // The last good schedule stays; the plan run refuses to work while the config is broken.
    const existing = await getRepoScheduler(deps.planQueue, data.installationId, data.repositoryId);
    if (!existing) await upsertRepoScheduler(deps.planQueue, data);
    const headSha = data.sha ?? (await defaultBranchHead(octokit, data.owner, data.repo));
    const checkRunId = await createConfigFailureCheck(octokit, { owner: data.owner, repo: data.repo, headSha }, read.error);
    log.warn({ checkRunId, issues: read.error.issues.length }, 'invalid config reported');
    return { action: 'invalid-config', checkRunId, kept: existing ? 'previous' : 'default' };
  };
}
