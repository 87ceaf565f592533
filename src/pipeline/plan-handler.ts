/**
 * What a plan job hands to whoever plans: the checked job data, a way to reach GitHub as the
 * installation, a logger. The pipeline's `runPlan` is one such handler; tests of the app shell
 * plug in their own.
 */
import type { Job } from 'bullmq';
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import type { PlanJobData } from '../queues/plan-queue.js';

export interface PlanJobContext {
  data: PlanJobData;
  job: Job<PlanJobData>;
  /** A client authenticated as the job's installation. */
  github(): Promise<GitHubClient>;
  log: Logger;
  /** Aborted when the worker is force-closed at the end of the shutdown grace period. */
  signal: AbortSignal | undefined;
}

/** Throw to fail the job (BullMQ retries it); the return value is stored as the job's result. */
export type PlanHandler = (ctx: PlanJobContext) => Promise<unknown>;
