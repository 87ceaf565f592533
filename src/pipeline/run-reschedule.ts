/**
 * The `reschedule` stage: one repository's scheduler brought in line with its config file. An
 * invalid config keeps the last good schedule and is reported as a failing check on the commit.
 */
import { jobLog } from './job-log.js';
import type { Processor } from 'bullmq';
import { CONFIG_PATH } from '../config/index.js';
import { defaultBranchTip } from '../github/branch-tips.js';
import { createConfigFailureCheck } from '../github/config-check-run.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { getRepoScheduler, removeRepoScheduler, upsertRepoScheduler } from '../queues/repo-schedulers.js';
import { RESCHEDULE_QUEUE, rescheduleJobSchema, type RescheduleJobData } from '../queues/reschedule-queue.js';

import type { StageDeps } from './deps.js';

export type RescheduleResult =
  | { action: 'scheduled'; schedule: string; timezone: string }
  | { action: 'removed'; reason: 'disabled' }
  | { action: 'invalid-config'; checkRunId: number; kept: 'previous' | 'default' };

export function createRescheduleProcessor(
  deps: Pick<StageDeps, 'auth' | 'log' | 'queues'>,
): Processor<RescheduleJobData, RescheduleResult> {
  const planQueue = deps.queues.plan;
  return async (job) => {
    const data = parseJobData(rescheduleJobSchema, job.data, RESCHEDULE_QUEUE);
    const log = jobLog(deps.log, RESCHEDULE_QUEUE, job, data);
    const octokit = await deps.auth.installation(data.installationId);
    const read = await readRepoConfig(octokit, { owner: data.owner, repo: data.repo, ref: data.sha ?? undefined });

    if (read.kind !== 'invalid') {
      const { enabled, schedule, timezone } = read.config;
      if (!enabled) {
        await removeRepoScheduler(planQueue, data.installationId, data.repositoryId);
        log.info('config disables gomod-steward: scheduler removed');
        return { action: 'removed', reason: 'disabled' };
      }
      const security = read.config.security.enabled ? read.config.security.schedule : null;
      await upsertRepoScheduler(planQueue, data, { schedule, timezone, security });
      log.info({ schedule, timezone, configFile: read.kind === 'absent' ? null : CONFIG_PATH }, 'scheduler upserted');
      return { action: 'scheduled', schedule, timezone };
    }

    // The last good schedule stays; the plan run refuses to work while the config is broken.
    const existing = await getRepoScheduler(planQueue, data.installationId, data.repositoryId);
    if (!existing) await upsertRepoScheduler(planQueue, data);
    const headSha = data.sha ?? (await defaultBranchTip(octokit, data.owner, data.repo)).sha;
    const checkRunId = await createConfigFailureCheck(
      octokit,
      { owner: data.owner, repo: data.repo, headSha },
      read.error,
    );
    log.warn({ checkRunId, issues: read.error.issues.length }, 'invalid config reported');
    return { action: 'invalid-config', checkRunId, kept: existing ? 'previous' : 'default' };
  };
}
