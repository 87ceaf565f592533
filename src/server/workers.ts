/**
 * The workers of every queue (stages.ts), started together and stopped together. Stopping lets
 * running jobs finish until a deadline; past it their processors are signalled to abort and the
 * worker stops waiting, leaving the jobs to BullMQ's stalled-job recovery on another worker.
 */
import { Worker } from 'bullmq';
import type { Logger } from 'probot';
import type { StageDeps } from '../pipeline/deps.js';
import { pauseOnRateLimit } from './pause-on-rate-limit.js';
import { repoLocked } from './repo-locked.js';
import { STAGES, type StageConcurrency } from './stages.js';
import { within } from './within.js';

export interface WorkerSet {
  workers: Worker[];
  /** How many workers are running (all of them, when healthy). */
  running(): number;
  /**
   * Stops taking jobs and waits for running ones up to `graceMs`; then aborts them and waits at
   * most `abortMs` more before dropping the workers' connections. Resolves true when every job
   * finished in time. Bounded whatever Redis does.
   */
  close(graceMs: number, abortMs?: number): Promise<boolean>;
}

/** `deps.redis` is the workers' connection; locks and caches share it. */
export function startWorkers(deps: StageDeps, concurrency: StageConcurrency): WorkerSet {
  const log = deps.log;
  const workers = STAGES.map((stage) => {
    const processor = stage.create(deps);
    const locked = stage.repoLock
      ? repoLocked(stage.queue, processor, { redis: deps.redis, prefix: deps.prefix, ...stage.repoLock })
      : processor;
    // A rate limit pauses the job's installation (or, without one, this queue's worker), not by sleeping in a job.
    const w: Worker = new Worker(
      stage.queue,
      pauseOnRateLimit(locked, { redis: deps.redis, prefix: deps.prefix, worker: () => w }),
      { connection: deps.redis, prefix: deps.prefix, concurrency: stage.concurrency(concurrency) },
    );
    w.on('error', (err) => log.error({ err, queue: stage.queue }, 'worker error'));
    w.on('failed', (job, err) =>
      log.warn(
        {
          err: { message: err.message, name: err.name },
          queue: stage.queue,
          jobId: job?.id,
          attempt: job?.attemptsMade,
        },
        'job failed',
      ),
    );
    return w;
  });
  return {
    workers,
    running: () => workers.filter((w) => w.isRunning()).length,
    close: (graceMs, abortMs = 2_000) => closeWorkers(workers, graceMs, abortMs, log),
  };
}

async function closeWorkers(workers: Worker[], graceMs: number, abortMs: number, log: Logger): Promise<boolean> {
  const closing = Promise.all(workers.map((w) => w.close()));
  if (await within(closing, graceMs)) return true;
  log.warn({ graceMs }, 'jobs still running at the shutdown deadline: aborting them');
  for (const w of workers) w.cancelAllJobs('shutdown deadline');
  if (await within(closing, abortMs)) return false;
  // Redis gone or a job that ignores its abort signal: drop the connections, do not wait on them.
  await within(Promise.all(workers.map((w) => w.disconnect().catch(() => undefined))), 200);
  return false;
}
