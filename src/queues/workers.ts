/**
 * The workers of every queue, started together and stopped together. Stopping lets running jobs
 * finish until a deadline; past it their processors are signalled to abort and the worker stops
 * waiting, leaving the jobs to BullMQ's stalled-job recovery on another worker.
 */
import { Worker, type Processor } from 'bullmq';
import type { PipelineDeps } from '../pipeline/deps.js';
import { APPLY_QUEUE, createApplyProcessor } from './apply-queue.js';
import { createPublishProcessor, PUBLISH_QUEUE } from './publish-queue.js';
import { pauseOnSecondaryRateLimit } from './rate-limit.js';
import type { Redis } from 'ioredis';
import type { Logger } from 'probot';
import type { CommandActions } from '../commands/actions.js';
import type { GitHubAuth } from '../github/app-auth.js';
import { createImpactProcessor, IMPACT_QUEUE } from './impact-queue.js';
import type { AppSlug } from '../github/app-slug.js';
import { COMMAND_QUEUE, createCommandProcessor } from './command-queue.js';
import { createInstallationProcessor, INSTALLATION_QUEUE } from './installation-queue.js';
import { createPlanProcessor, PLAN_QUEUE, type PlanHandler } from './plan-queue.js';
import type { QueueSet } from './queue-set.js';
import { createRescheduleProcessor, RESCHEDULE_QUEUE } from './reschedule-queue.js';

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  queues: QueueSet;
  auth: GitHubAuth;
  log: Logger;
  planHandler: PlanHandler;
  /** Plan jobs run at most this many at a time per process. */
  planConcurrency: number;
  /** The apply and publish stages; without it only plan jobs run (tests of the app shell). */
  pipeline?: PipelineDeps;
  /** apply jobs (the go toolchain, CPU-bound) per process. Default 1. */
  applyConcurrency?: number;
  /** What the comment commands ask of the pipeline. */
  commandActions: CommandActions;
  appSlug: AppSlug;
}

export interface WorkerSet {
  workers: Worker[];
  /** How many workers are running (all of them, when healthy). */
  running(): number;
  /** Stops taking jobs and waits for running ones up to `graceMs`; resolves true when they all finished. */
  close(graceMs: number): Promise<boolean>;
}

export function startWorkers(o: WorkerOptions): WorkerSet {
  const base = { connection: o.connection, prefix: o.prefix };
  const make = (name: string, processor: Processor, concurrency: number) => {
    // A secondary rate limit pauses this queue's worker through BullMQ, not by sleeping in a job.
    const w: Worker = new Worker(name, pauseOnSecondaryRateLimit(processor, () => w), { ...base, concurrency });
    w.on('error', (err) => o.log.error({ err, queue: name }, 'worker error'));
    w.on('failed', (job, err) =>
      o.log.warn({ err: { message: err.message, name: err.name }, queue: name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed'),
    );
    return w;
  };
  const deps = { planQueue: o.queues.plan, rescheduleQueue: o.queues.reschedule, auth: o.auth, log: o.log };
  const workers = [
    make(PLAN_QUEUE, createPlanProcessor(o.planHandler, deps), o.planConcurrency),
    // One at a time keeps an installation's added/removed events in their order within a process.
    make(INSTALLATION_QUEUE, createInstallationProcessor(deps), 1),
    make(RESCHEDULE_QUEUE, createRescheduleProcessor(deps), 4),
    // One at a time: two runs of one matrix finishing together would each rewrite the same PR body.
    make(IMPACT_QUEUE, createImpactProcessor({ ...deps, lock: { redis: o.connection, prefix: o.prefix } }), 1),
    // Commands on one repository serialise on its dashboard lock, not on this concurrency.
    make(COMMAND_QUEUE, createCommandProcessor({ auth: o.auth, appSlug: o.appSlug, actions: o.commandActions, redis: o.connection, prefix: o.prefix, log: o.log }), 4),
  ];
  if (o.pipeline) {
    const stage = { auth: o.auth, log: o.log, pipeline: o.pipeline };
    workers.push(make(APPLY_QUEUE, createApplyProcessor(stage), o.applyConcurrency ?? 1), make(PUBLISH_QUEUE, createPublishProcessor(stage), 2));
  }
  return {
    workers,
    running: () => workers.filter((w) => w.isRunning()).length,
    close: (graceMs) => closeWorkers(workers, graceMs, o.log),
  };
}

async function closeWorkers(workers: Worker[], graceMs: number, log: Logger): Promise<boolean> {
  const closing = Promise.all(workers.map((w) => w.close())).then(() => true);
  if (await within(closing, graceMs)) return true;
  log.warn({ graceMs }, 'jobs still running at the shutdown deadline: aborting them');
  for (const w of workers) w.cancelAllJobs('shutdown deadline');
  if (await within(closing, 2_000)) return false;
  await Promise.all(workers.map((w) => w.disconnect().catch(() => undefined)));
  return false;
}

async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
