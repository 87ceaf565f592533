/**
 * The first run right after installation: without it nothing would happen until the schedule
 * fires, up to two weeks later. Each repository gets a plan job delayed by a stable jitter within
 * a window that grows with the number of repositories installed at once (a few seconds per
 * repository, at most half an hour), so an organisation of 500 repositories does not run at once
 * and a single repository runs within seconds. The job id comes from the installation job, so a
 * retried installation job queues nothing twice.
 */
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { PLAN_JOB_NAME, PLAN_JOB_OPTIONS, type PlanJobData } from './plan-queue.js';

export const FIRST_RUN_MS_PER_REPO = 4_000;
export const FIRST_RUN_MAX_WINDOW_MS = 30 * 60_000;

export function firstRunWindowMs(repositories: number): number {
  return Math.min(FIRST_RUN_MAX_WINDOW_MS, Math.max(1, repositories) * FIRST_RUN_MS_PER_REPO);
}

/** Where in the window a repository runs: the same repository always lands on the same spot. */
export function firstRunDelayMs(repositoryId: number, windowMs: number): number {
  const h = createHash('sha256').update(`first-run:${repositoryId}`).digest().readUInt32BE(0);
  return Math.floor((h / 0x1_0000_0000) * windowMs);
}

export function firstRunJob(data: PlanJobData, windowMs: number, origin: string) {
  return {
    name: PLAN_JOB_NAME,
    data,
    opts: {
      ...PLAN_JOB_OPTIONS,
      delay: firstRunDelayMs(data.repositoryId, windowMs),
      jobId: `plan-${data.installationId}-${data.repositoryId}-first-run-${origin.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
    },
  };
}

/** First runs still waiting out their delay, of one installation (or only of `repositoryIds`): removed. */
export async function removeFirstRuns(
  planQueue: Queue,
  installationId: number,
  repositoryIds?: readonly number[],
): Promise<number> {
  const ids = repositoryIds ? new Set(repositoryIds) : undefined;
  const mine = (await planQueue.getDelayed()).filter(
    (j) =>
      j.id?.startsWith(`plan-${installationId}-`) &&
      j.id.includes('-first-run-') &&
      (!ids || ids.has((j.data as PlanJobData).repositoryId)),
  );
  await Promise.all(mine.map((j) => j.remove()));
  return mine.length;
}
