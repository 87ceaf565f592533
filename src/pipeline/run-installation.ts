/**
 * The `installation` stage: repositories added fan out into per-repository reschedule jobs,
 * removed ones and gone installations lose their schedulers, and a reconciliation
 * (reconcile-schedulers.ts) heals what webhooks missed.
 */
import type { Processor } from 'bullmq';
import { listInstallationRepos } from '../github/list-installations.js';
import { INSTALLATION_QUEUE, installationJobSchemas, type InstallationJobName } from '../queues/installation-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { removeInstallationSchedulers, removeRepoScheduler } from '../queues/repo-schedulers.js';
import { firstRunJob, firstRunWindowMs, removeFirstRuns } from '../queues/first-run.js';
import { rescheduleJob } from '../queues/reschedule-queue.js';
import { UnknownJobError } from '../queues/unknown-job-error.js';
import type { StageDeps } from './deps.js';
import { reconcileSchedulers, type ReconcileResult } from './reconcile-schedulers.js';

export type InstallationResult = { queued: number } | { removed: number } | ReconcileResult;

const BULK = 500;

export function createInstallationProcessor(
  deps: Pick<StageDeps, 'auth' | 'log' | 'queues'>,
): Processor<unknown, InstallationResult> {
  const { plan: planQueue, reschedule: rescheduleQueue } = deps.queues;
  return async (job) => {
    const log = deps.log.child({ queue: INSTALLATION_QUEUE, jobId: job.id, job: job.name });
    switch (job.name as InstallationJobName) {
      case 'repositories-added': {
        const data = parseJobData(installationJobSchemas['repositories-added'], job.data, INSTALLATION_QUEUE);
        const repos =
          data.repositories ?? (await listInstallationRepos(await deps.auth.installation(data.installationId)));
        const window = firstRunWindowMs(repos.length);
        for (let i = 0; i < repos.length; i += BULK) {
          // The first run, jittered (queues/first-run.ts); the plan reads the config and stops if disabled.
          await planQueue.addBulk(
            repos
              .slice(i, i + BULK)
              .map((r) =>
                firstRunJob(
                  { installationId: data.installationId, repositoryId: r.id, owner: r.owner, repo: r.name },
                  window,
                  String(job.id),
                ),
              ),
          );
          await rescheduleQueue.addBulk(
            repos
              .slice(i, i + BULK)
              .map((r) =>
                rescheduleJob(
                  { installationId: data.installationId, repositoryId: r.id, owner: r.owner, repo: r.name, sha: null },
                  String(job.id),
                ),
              ),
          );
        }
        log.info(
          { installationId: data.installationId, repositories: repos.length },
          'repositories queued for scheduling',
        );
        return { queued: repos.length };
      }
      case 'repositories-removed': {
        const data = parseJobData(installationJobSchemas['repositories-removed'], job.data, INSTALLATION_QUEUE);
        const removed = await Promise.all(
          data.repositoryIds.map((r) => removeRepoScheduler(planQueue, data.installationId, r)),
        );
        await removeFirstRuns(planQueue, data.installationId, data.repositoryIds);
        return { removed: removed.filter(Boolean).length };
      }
      case 'installation-removed': {
        const data = parseJobData(installationJobSchemas['installation-removed'], job.data, INSTALLATION_QUEUE);
        const removed = await removeInstallationSchedulers(planQueue, data.installationId);
        await removeFirstRuns(planQueue, data.installationId);
        log.info({ installationId: data.installationId, removed }, 'installation schedulers removed');
        return { removed };
      }
      case 'reconcile':
        return reconcileSchedulers({ planQueue, rescheduleQueue, auth: deps.auth, log: deps.log }, String(job.id));
      default:
        throw new UnknownJobError(INSTALLATION_QUEUE, job.name);
    }
  };
}
