/**
 * The `installation` queue: what installation webhooks ask for, done off the request path.
 * Each job names one change (repositories added or removed, an installation gone) or a
 * reconciliation; repositories added fan out into per-repository reschedule jobs, which read
 * each repository's config and upsert its scheduler.
 */
import type { Job, Processor, Queue } from 'bullmq';
import type { Logger } from 'probot';
import { z } from 'zod';
import type { GitHubAuth } from '../github/app-auth.js';
import { listInstallationRepos } from '../github/list-installations.js';
import { QUICK_JOB_OPTIONS } from './job-options.js';
import { reconcileSchedulers, type ReconcileResult } from './reconcile.js';
import { removeInstallationSchedulers, removeRepoScheduler } from './repo-schedulers.js';
import { parseJobData } from './parse-job-data.js';
import { rescheduleJob } from './reschedule-queue.js';
import { UnknownJobError } from './unknown-job-error.js';

export const INSTALLATION_QUEUE = 'installation';
export const RECONCILE_SCHEDULER_ID = 'reconcile-daily';

const id = z.number().int().positive();
const repoSchema = z.object({ id, owner: z.string().min(1), name: z.string().min(1) });

const schemas = {
  /** `repositories: null`: list them through the API (an unsuspended installation). */
  'repositories-added': z.object({ installationId: id, repositories: z.array(repoSchema).nullable() }),
  'repositories-removed': z.object({ installationId: id, repositoryIds: z.array(id) }),
  'installation-removed': z.object({ installationId: id }),
  reconcile: z.object({}),
};

export type InstallationJobName = keyof typeof schemas;
export type InstallationJobData<N extends InstallationJobName = InstallationJobName> = z.infer<(typeof schemas)[N]>;

/** One job per webhook delivery: a redelivery (same delivery id) collapses into it. */
export async function enqueueInstallationJob<N extends InstallationJobName>(
  queue: Queue,
  name: N,
  data: InstallationJobData<N>,
  deliveryId: string,
): Promise<Job> {
  return queue.add(name, data, { ...QUICK_JOB_OPTIONS, jobId: `${name}-${deliveryId.replace(/[^A-Za-z0-9_.-]/g, '_')}` });
}

/** At most one reconciliation waiting or running, however many workers start at once. */
export async function enqueueReconcile(queue: Queue): Promise<Job> {
  return queue.add('reconcile', {}, { ...QUICK_JOB_OPTIONS, deduplication: { id: 'reconcile' } });
}

/** A daily safety net besides the start-up run: catches webhooks that never arrived. */
export async function ensureReconcileScheduler(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { pattern: '17 3 * * *', tz: 'UTC' }, { name: 'reconcile', data: {}, opts: QUICK_JOB_OPTIONS });
}

export interface InstallationDeps {
  planQueue: Queue;
  rescheduleQueue: Queue;
  auth: GitHubAuth;
  log: Logger;
}

export type InstallationResult = { queued: number } | { removed: number } | ReconcileResult;

const BULK = 500;

export function createInstallationProcessor(deps: InstallationDeps): Processor<unknown, InstallationResult> {
  return async (job) => {
    const log = deps.log.child({ queue: INSTALLATION_QUEUE, jobId: job.id, job: job.name });
    switch (job.name as InstallationJobName) {
      case 'repositories-added': {
        const data = parseJobData(schemas['repositories-added'], job.data, INSTALLATION_QUEUE);
        const repos = data.repositories ?? (await listInstallationRepos(await deps.auth.installation(data.installationId)));
        for (let i = 0; i < repos.length; i += BULK) {
          await deps.rescheduleQueue.addBulk(
            repos
              .slice(i, i + BULK)
              .map((r) => rescheduleJob({ installationId: data.installationId, repositoryId: r.id, owner: r.owner, repo: r.name, sha: null }, String(job.id))),
          );
        }
        log.info({ installationId: data.installationId, repositories: repos.length }, 'repositories queued for scheduling');
        return { queued: repos.length };
      }
      case 'repositories-removed': {
        const data = parseJobData(schemas['repositories-removed'], job.data, INSTALLATION_QUEUE);
        const removed = await Promise.all(data.repositoryIds.map((r) => removeRepoScheduler(deps.planQueue, data.installationId, r)));
        return { removed: removed.filter(Boolean).length };
      }
      case 'installation-removed': {
        const data = parseJobData(schemas['installation-removed'], job.data, INSTALLATION_QUEUE);
        const removed = await removeInstallationSchedulers(deps.planQueue, data.installationId);
        log.info({ installationId: data.installationId, removed }, 'installation schedulers removed');
        return { removed };
      }
      case 'reconcile':
        return reconcileSchedulers(deps, String(job.id));
      default:
        throw new UnknownJobError(INSTALLATION_QUEUE, job.name);
    }
  };
}
