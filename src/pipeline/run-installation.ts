/**
 * The `installation` stage: repositories added fan out into per-repository reschedule jobs,
 * removed ones and gone installations lose their schedulers (added and removed are checked
 * against GitHub's current list first: deliveries may arrive out of order), and a reconciliation
 * (reconcile-schedulers.ts) heals what webhooks missed, then, when Redis may have lost data,
 * recovers commands whose jobs went with it (recover-commands.ts).
 */
import type { Processor } from 'bullmq';
import { httpStatus } from '../github/app-auth.js';
import { listInstallationRepos, type InstalledRepo } from '../github/list-installations.js';
import { INSTALLATION_QUEUE, installationJobSchemas, type InstallationJobName } from '../queues/installation-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { removeInstallationSchedulers, removeRepoScheduler } from '../queues/repo-schedulers.js';
import { firstRunJob, firstRunWindowMs, removeFirstRuns } from '../queues/first-run.js';
import { rescheduleJob } from '../queues/reschedule-queue.js';
import { UnknownJobError } from '../queues/unknown-job-error.js';
import type { StageDeps } from './deps.js';
import { reconcileSchedulers, type ReconcileResult } from './reconcile-schedulers.js';
import { mayHaveLostData, setKeyspaceMark } from '../redis/keyspace-mark.js';
import { RECOVER_MAX_AGE_MS, recoverCommands } from './recover-commands.js';
import { redeliverFailed } from './redeliver-failed.js';

export type InstallationResult = { queued: number } | { removed: number } | ReconcileResult;

const BULK = 500;

/** Ids GitHub lists for the installation now; none when the installation itself is gone (401/404). */
async function stillListed(auth: StageDeps['auth'], installationId: number): Promise<Set<number>> {
  try {
    return new Set((await listInstallationRepos(await auth.installation(installationId))).map((r) => r.id));
  } catch (err) {
    const status = httpStatus(err);
    if (status === 401 || status === 404) return new Set();
    throw err;
  }
}

type InstallationDeps = Pick<StageDeps, 'auth' | 'log' | 'queues'> &
  Partial<Pick<StageDeps, 'appSlug' | 'redis' | 'prefix' | 'recoverCommands'>>;

const RECOVERED_MARK = 'commands-recovered';

/**
 * Reading every repository's comments costs a request each, so it is done only when queued
 * commands may have been lost: Redis restarted or lost its keys since the last complete pass
 * (redis/keyspace-mark.ts), and at least daily.
 */
async function recoverLostCommands(
  deps: InstallationDeps,
  listed: ReadonlyMap<number, readonly InstalledRepo[]>,
): Promise<void> {
  const { appSlug, redis, prefix } = deps;
  if (!appSlug || !redis || prefix === undefined || deps.recoverCommands === false) return;
  if (!(await mayHaveLostData(redis, prefix, RECOVERED_MARK))) return;
  const recoverDeps = { auth: deps.auth, log: deps.log, commandQueue: deps.queues.command, appSlug };
  const result = await recoverCommands(recoverDeps, listed);
  if (!result.truncated) await setKeyspaceMark(redis, prefix, RECOVERED_MARK, RECOVER_MAX_AGE_MS);
}

export function createInstallationProcessor(deps: InstallationDeps): Processor<unknown, InstallationResult> {
  const { plan: planQueue, reschedule: rescheduleQueue } = deps.queues;
  return async (job) => {
    const log = deps.log.child({ queue: INSTALLATION_QUEUE, jobId: job.id, job: job.name });
    switch (job.name as InstallationJobName) {
      case 'repositories-added': {
        const data = parseJobData(installationJobSchemas['repositories-added'], job.data, INSTALLATION_QUEUE);
        const listed =
          data.repositories && !data.verify
            ? undefined
            : await listInstallationRepos(await deps.auth.installation(data.installationId));
        const repos = data.repositories
          ? data.repositories.filter((r) => !listed || listed.some((l) => l.id === r.id))
          : (listed ?? []);
        if (data.repositories && repos.length < data.repositories.length)
          log.info(
            { installationId: data.installationId, notListed: data.repositories.length - repos.length },
            'repositories added but no longer listed by GitHub: not scheduled',
          );
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
        // A repository GitHub lists again (re-added after this delivery was sent) keeps its scheduler.
        const listed = await stillListed(deps.auth, data.installationId);
        const gone = data.repositoryIds.filter((r) => !listed.has(r));
        const removed = await Promise.all(gone.map((r) => removeRepoScheduler(planQueue, data.installationId, r)));
        await removeFirstRuns(planQueue, data.installationId, gone);
        return { removed: removed.filter(Boolean).length };
      }
      case 'installation-removed': {
        const data = parseJobData(installationJobSchemas['installation-removed'], job.data, INSTALLATION_QUEUE);
        const removed = await removeInstallationSchedulers(planQueue, data.installationId);
        await removeFirstRuns(planQueue, data.installationId);
        log.info({ installationId: data.installationId, removed }, 'installation schedulers removed');
        return { removed };
      }
      case 'reconcile': {
        // Deliveries refused while Redis was down are asked for again; a failure here is only logged.
        await redeliverFailed({ auth: deps.auth, log: deps.log }).catch((err: unknown) =>
          log.warn({ err: { message: (err as Error).message } }, 'could not check recent deliveries'),
        );
        const listed = new Map<number, InstalledRepo[]>();
        const result = await reconcileSchedulers(
          { planQueue, rescheduleQueue, auth: deps.auth, log: deps.log },
          String(job.id),
          listed,
        );
        // Commands whose queued job Redis lost are read back from GitHub; a failure here is only logged.
        await recoverLostCommands(deps, listed).catch((err: unknown) =>
          log.warn({ err: { message: (err as Error).message } }, 'could not look for lost commands'),
        );
        return result;
      }
      default:
        throw new UnknownJobError(INSTALLATION_QUEUE, job.name);
    }
  };
}
