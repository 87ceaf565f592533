/**
 * Every queue's worker, wired the same way: one row per queue naming its processor factory
 * (pipeline/run-<stage>.ts), how many jobs a process runs at once, and whether the job holds its
 * repository's lock (and how long a lease, how soon a waiting job tries again).
 */
import { availableParallelism } from 'node:os';
import type { Processor } from 'bullmq';
import type { StageDeps } from '../pipeline/deps.js';
import { createApplyProcessor } from '../pipeline/run-apply.js';
import { createCommandProcessor } from '../pipeline/run-command.js';
import { createGovernanceProcessor } from '../pipeline/run-governance.js';
import { createImpactProcessor } from '../pipeline/run-impact.js';
import { createInstallationProcessor } from '../pipeline/run-installation.js';
import { createPlanProcessor } from '../pipeline/run-plan.js';
import { createPublishProcessor } from '../pipeline/run-publish.js';
import { createRescheduleProcessor } from '../pipeline/run-reschedule.js';
import { APPLY_QUEUE } from '../queues/apply-queue.js';
import { COMMAND_QUEUE } from '../queues/command-queue.js';
import { GOVERNANCE_QUEUE } from '../queues/governance-queue.js';
import { IMPACT_QUEUE } from '../queues/impact-queue.js';
import { INSTALLATION_QUEUE } from '../queues/installation-queue.js';
import { PLAN_QUEUE } from '../queues/plan-queue.js';
import { PUBLISH_QUEUE } from '../queues/publish-queue.js';
import { RESCHEDULE_QUEUE } from '../queues/reschedule-queue.js';
import type { RepoLockOptions } from '../redis/repo-lock.js';

export interface StageConcurrency {
  /** Plan jobs per process (WORKER_CONCURRENCY). */
  plan: number;
  /** Apply jobs per process; default WORKER_CONCURRENCY up to the machine's cores. */
  apply?: number;
}

/**
 * Apply runs the go toolchain, CPU-bound: as many at once as asked, but no more than there are
 * cores (more would only share them); never fewer than one.
 */
export function applyConcurrency(c: StageConcurrency, cores: number = availableParallelism()): number {
  return Math.max(1, c.apply ?? Math.min(c.plan, cores));
}

export interface Stage {
  queue: string;
  create(deps: StageDeps): Processor;
  concurrency(c: StageConcurrency): number;
  /** Held for the whole job; absent: the stage takes no repository lock. */
  repoLock?: RepoLockOptions;
}

export const STAGES: readonly Stage[] = [
  { queue: PLAN_QUEUE, create: createPlanProcessor, concurrency: (c) => c.plan },
  // One at a time keeps an installation's added/removed events in their order within a process.
  { queue: INSTALLATION_QUEUE, create: createInstallationProcessor, concurrency: () => 1 },
  { queue: RESCHEDULE_QUEUE, create: createRescheduleProcessor, concurrency: () => 4 },
  // One at a time: two runs of one matrix finishing together would each rewrite the same PR body.
  // Under the lock publish holds while it starts a matrix, so a report waits for its record.
  { queue: IMPACT_QUEUE, create: createImpactProcessor, concurrency: () => 1, repoLock: { retryDelayMs: 5_000 } },
  // Commands on one repository serialise on its dashboard lock, not on this concurrency.
  { queue: COMMAND_QUEUE, create: createCommandProcessor, concurrency: () => 4 },
  // The go toolchain, CPU-bound: one per core at most (applyConcurrency); the module and build
  // caches are shared and go locks them itself. Apply can run for minutes: the short lease is renewed while it runs.
  { queue: APPLY_QUEUE, create: createApplyProcessor, concurrency: applyConcurrency, repoLock: {} },
  // Mostly waiting on GitHub: many repositories at once; each installation's writes stay spaced
  // by its one shared client (github/app-auth.ts).
  { queue: PUBLISH_QUEUE, create: createPublishProcessor, concurrency: () => 8, repoLock: {} },
  // Reads a commit and reports on it, changing nothing: no lock. One at a time, since tidy and
  // go-sum run the go toolchain on a checkout.
  { queue: GOVERNANCE_QUEUE, create: createGovernanceProcessor, concurrency: () => 1 },
];
