/**
 * The `installation` queue: what installation webhooks ask for, done off the request path.
 * Each job names one change (repositories added or removed, an installation gone) or a
 * reconciliation; repositories added fan out into per-repository reschedule jobs, which read
 * each repository's config and upsert its scheduler. The worker is pipeline/run-installation.ts.
 */
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { QUICK_JOB_OPTIONS } from './job-options.js';

export const INSTALLATION_QUEUE = 'installation';
export const RECONCILE_SCHEDULER_ID = 'reconcile-daily';

const id = z.number().int().positive();
const repoSchema = z.object({ id, owner: z.string().min(1), name: z.string().min(1) });

export const installationJobSchemas = {
  /** `repositories: null`: list them through the API (an unsuspended installation). */
  'repositories-added': z.object({
    installationId: id,
    repositories: z.array(repoSchema).nullable(),
    /**
     * Only those GitHub lists now are scheduled: deliveries can arrive out of order, and a stale
     * `added` after a `removed` must not bring back a repository the app no longer has.
     */
    verify: z.boolean().optional(),
  }),
  'repositories-removed': z.object({ installationId: id, repositoryIds: z.array(id) }),
  'installation-removed': z.object({ installationId: id }),
  reconcile: z.object({}),
};

export type InstallationJobName = keyof typeof installationJobSchemas;
export type InstallationJobData<N extends InstallationJobName = InstallationJobName> = z.infer<
  (typeof installationJobSchemas)[N]
>;

/** One job per webhook delivery: a redelivery (same delivery id) collapses into it. */
export async function enqueueInstallationJob<N extends InstallationJobName>(
  queue: Queue,
  name: N,
  data: InstallationJobData<N>,
  deliveryId: string,
): Promise<Job> {
  return queue.add(name, data, {
    ...QUICK_JOB_OPTIONS,
    jobId: `${name}-${deliveryId.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
  });
}

/** At most one reconciliation waiting or running, however many workers start at once. */
export async function enqueueReconcile(queue: Queue): Promise<Job> {
  return queue.add('reconcile', {}, { ...QUICK_JOB_OPTIONS, deduplication: { id: 'reconcile' } });
}

/** A daily safety net besides the start-up run: catches webhooks that never arrived. */
export async function ensureReconcileScheduler(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    RECONCILE_SCHEDULER_ID,
    { pattern: '17 3 * * *', tz: 'UTC' },
    { name: 'reconcile', data: {}, opts: QUICK_JOB_OPTIONS },
  );
}
