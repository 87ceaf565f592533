/**
 * Schedules heal without a restart. Redis holds the repository schedulers and the daily
 * reconcile's own scheduler; a FLUSHALL, a failover to an empty replica or a restart without
 * persistence loses them all, and nothing in Redis would notice. So every worker process keeps a
 * timer of its own: it reads Redis's `run_id` (a new one means Redis restarted) and whether the
 * reconcile scheduler still exists (gone means the keyspace was lost), and on either it restores
 * that scheduler and queues a reconciliation at once, which rebuilds the repository schedulers
 * from what GitHub reports. Besides, it queues a reconciliation every `fullMs`, which catches a
 * partial loss. Reconciliations are deduplicated on the queue, so many workers ask for one.
 */
import type { Queue } from 'bullmq';
import type { RedisConnection } from '../redis/connection.js';
import { redisRunId } from '../redis/run-id.js';
import type { Logger } from 'probot';
import { enqueueReconcile, ensureReconcileScheduler, RECONCILE_SCHEDULER_ID } from '../queues/installation-queue.js';

export interface HealerOptions {
  /** How often Redis is checked for a restart or a lost keyspace. */
  checkMs?: number;
  /** How often a reconciliation is queued regardless. */
  fullMs?: number;
}

export interface Healer {
  /** One check now (the timer calls it); resolves with why it queued a reconciliation, if it did. */
  check(): Promise<string | undefined>;
  stop(): void;
}

export const DEFAULT_HEAL_CHECK_MS = 15_000;
export const DEFAULT_FULL_RECONCILE_MS = 30 * 60_000;

export function startScheduleHealer(
  deps: { redis: RedisConnection; installationQueue: Queue; log: Logger },
  o: HealerOptions = {},
): Healer {
  const checkMs = o.checkMs ?? DEFAULT_HEAL_CHECK_MS;
  const fullMs = o.fullMs ?? DEFAULT_FULL_RECONCILE_MS;
  let runId: string | undefined;
  let lastFull = Date.now();
  let busy = false;

  const check = async (): Promise<string | undefined> => {
    const id = await redisRunId(deps.redis);
    const restarted = runId !== undefined && id !== undefined && id !== runId;
    runId = id ?? runId;
    const lost = !(await deps.installationQueue.getJobScheduler(RECONCILE_SCHEDULER_ID));
    const due = Date.now() - lastFull >= fullMs;
    const why = restarted ? 'redis restarted' : lost ? 'redis lost the schedulers' : due ? 'periodic' : undefined;
    if (!why) return undefined;
    if (lost) await ensureReconcileScheduler(deps.installationQueue);
    await enqueueReconcile(deps.installationQueue);
    lastFull = Date.now();
    if (why !== 'periodic') deps.log.warn({ why }, 'schedules may be gone: reconciling now');
    return why;
  };

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    // Redis down: nothing to repair yet; the next tick after it is back will see what it lost.
    check()
      .catch((err: unknown) => deps.log.debug({ err: { message: (err as Error).message } }, 'schedule check failed'))
      .finally(() => {
        busy = false;
      });
  }, checkMs);
  timer.unref();
  // The first reading of run_id, so the next tick can tell a restart.
  void redisRunId(deps.redis).then(
    (id) => {
      runId ??= id;
    },
    () => undefined,
  );
  return { check, stop: () => clearInterval(timer) };
}
