/**
 * What a job on the plan queue does, by its name: `security` jobs (the security scheduler) run
 * the security check, every other one the scheduled or commanded plan run.
 */
import { SECURITY_JOB_NAME } from '../queues/security-scheduler.js';
import type { StageDeps } from './deps.js';
import type { PlanHandler } from './plan-handler.js';
import { runPlan } from './run-plan.js';
import { runSecurity } from './run-security.js';

export function planJobHandler(deps: Pick<StageDeps, 'pipeline' | 'queues'>): PlanHandler {
  return (ctx) => (ctx.job.name === SECURITY_JOB_NAME ? runSecurity(ctx, deps) : runPlan(ctx, deps));
}
