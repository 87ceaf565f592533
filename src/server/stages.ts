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
  /** WORKER_CONCURRENCY: the base every stage's concurrency is derived from. */
  plan: number;
  /** Apply jobs per process; default applyConcurrency's. */
  apply?: number;
}

/**
 * Plan reads GitHub and the module proxy and computes a little: it waits on the network most of
 * its time (a burst's plans ran 2-3 s each while the whole app used half a core), so a process
 * runs several per WORKER_CONCURRENCY.
 */
export const PLANS_PER_SLOT = 4;

export function planConcurrency(c: StageConcurrency): number {
  return Math.max(1, c.plan * PLANS_PER_SLOT);
}

/**
 * Apply clones from GitHub, then runs the go toolchain, which also waits on the module proxy
 * and the disk: two per core keeps the cores busy while one apply waits (as many as asked, but
 * no more than that; never fewer than one).
 */
export const APPLIES_PER_CORE = 2;

export function applyConcurrency(c: StageConcurrency, cores: number = availableParallelism()): number {
  return Math.max(1, c.apply ?? Math.min(c.plan, cores) * APPLIES_PER_CORE);
}

/**
 * Publish waits on GitHub and, most of its time, on its installation's write slots (a timer, no
 * work): many at once, so a burst's publishes of many installations run side by side instead
 * of queueing behind a few installations' spaced writes.
 */
export const PUBLISH_CONCURRENCY = 32;

export interface Stage {
  queue: string;
  create(deps: StageDeps): Processor;
  concurrency(c: StageConcurrency): number;
  /** Held for the whole job; absent: the stage takes no repository lock. */
  repoLock?: RepoLockOptions;
}

export const STAGES: readonly Stage[] = [
  { queue: PLAN_QUEUE, create: createPlanProcessor, concurrency: planConcurrency },
  // One at a time keeps an installation's added/removed events in their order within a process.
  { queue: INSTALLATION_QUEUE, create: createInstallationProcessor, concurrency: () => 1 },
  { queue: RESCHEDULE_QUEUE, create: createRescheduleProcessor, concurrency: () => 4 },
  // One at a time: two runs of one matrix finishing together would each rewrite the same PR body.
  // Under the lock publish holds while it starts a matrix, so a report waits for its record.
  { queue: IMPACT_QUEUE, create: createImpactProcessor, concurrency: () => 1, repoLock: { retryDelayMs: 5_000 } },
  // Commands on one repository serialise on its dashboard lock, not on this concurrency.
  { queue: COMMAND_QUEUE, create: createCommandProcessor, concurrency: () => 4 },
  // The go toolchain: two per core at most (applyConcurrency); the module and build caches are
  // shared and go locks them itself. Apply can run for minutes: the short lease is renewed while it runs.
  { queue: APPLY_QUEUE, create: createApplyProcessor, concurrency: applyConcurrency, repoLock: {} },
  // Mostly waiting on GitHub: many repositories at once; each installation's writes stay spaced
  // through Redis (server/write-spacing.ts).
  { queue: PUBLISH_QUEUE, create: createPublishProcessor, concurrency: () => PUBLISH_CONCURRENCY, repoLock: {} },
  // Reads a commit and reports on it, changing nothing: no lock. One at a time, since tidy and
  // go-sum run the go toolchain on a checkout.
  { queue: GOVERNANCE_QUEUE, create: createGovernanceProcessor, concurrency: () => 1 },
];
