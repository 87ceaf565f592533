/**
 * BullMQ on /metrics: jobs per queue and state (read from Redis when scraped), and from this
 * process's workers the duration and outcome of every job and the outcome of every run.
 */
import type { Job, Queue, Worker } from 'bullmq';
import { Counter, Gauge, Histogram } from 'prom-client';
import { APPLY_QUEUE } from '../queues/apply-queue.js';
import { PLAN_QUEUE } from '../queues/plan-queue.js';
import { PUBLISH_QUEUE } from '../queues/publish-queue.js';
import { METRIC_PREFIX, type Metrics } from './metrics.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A scrape that cannot reach Redis shows the gauges as they were rather than hanging. */
const SCRAPE_TIMEOUT_MS = 2_000;

export function watchQueues(metrics: Metrics, queues: () => Queue[]): void {
  new Gauge({
    name: `${METRIC_PREFIX}queue_jobs`,
    help: 'Jobs in each queue by state (waiting includes prioritised and waiting-children), read at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [metrics.registry],
    async collect() {
      await Promise.all(
        queues().map(async (q) => {
          const counts = await withTimeout(
            q.getJobCounts('waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed'),
          );
          if (!counts) return;
          const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0);
          for (const state of STATES)
            this.set({ queue: q.name, state }, state === 'waiting' ? waiting : (counts[state] ?? 0));
        }),
      );
    },
  });
}

/**
 * What a finished job says about its run: the plan stage ends a run with nothing to do (its
 * reason), publish ends it with a PR opened or updated. Anything else is not a run's end.
 */
export function runOutcome(queue: string, result: unknown): string | undefined {
  const r = (result ?? {}) as { due?: unknown; reason?: unknown; kind?: unknown; created?: unknown };
  if (queue === PLAN_QUEUE && r.due === false && typeof r.reason === 'string') return r.reason;
  if (queue === PUBLISH_QUEUE && r.kind === 'published') return r.created === true ? 'pr-opened' : 'pr-updated';
  if (queue === PUBLISH_QUEUE && typeof r.kind === 'string') return r.kind;
  return undefined;
}

/** Stages whose final failure fails the repository's run. */
const RUN_STAGES = new Set([PLAN_QUEUE, APPLY_QUEUE, PUBLISH_QUEUE]);

export function watchWorkers(metrics: Metrics, workers: Worker[]): void {
  const duration = new Histogram({
    name: `${METRIC_PREFIX}job_duration_seconds`,
    help: 'Time from a job starting to finishing on this process, by queue and outcome.',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.05, 0.25, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [metrics.registry],
  });
  const jobs = new Counter({
    name: `${METRIC_PREFIX}jobs_total`,
    help: 'Jobs finished on this process, by queue and outcome (completed, retrying, failed: no attempts left).',
    labelNames: ['queue', 'outcome'] as const,
    registers: [metrics.registry],
  });
  const runs = new Counter({
    name: `${METRIC_PREFIX}runs_total`,
    help: 'Repository runs ended on this process, by outcome (nothing-due and other plan reasons, pr-opened, pr-updated, failed).',
    labelNames: ['outcome'] as const,
    registers: [metrics.registry],
  });
  const seconds = (job: Job | undefined) =>
    job?.processedOn && job.finishedOn ? Math.max(0, (job.finishedOn - job.processedOn) / 1000) : undefined;

  for (const w of workers) {
    w.on('completed', (job, result) => {
      jobs.inc({ queue: w.name, outcome: 'completed' });
      const s = seconds(job);
      if (s !== undefined) duration.observe({ queue: w.name, outcome: 'completed' }, s);
      const run = runOutcome(w.name, result);
      if (run) runs.inc({ outcome: run });
    });
    w.on('failed', (job) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
      const outcome = final ? 'failed' : 'retrying';
      jobs.inc({ queue: w.name, outcome });
      const s = seconds(job);
      if (s !== undefined) duration.observe({ queue: w.name, outcome }, s);
      if (final && RUN_STAGES.has(w.name)) runs.inc({ outcome: 'failed' });
    });
  }
}

async function withTimeout<T>(p: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), SCRAPE_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
