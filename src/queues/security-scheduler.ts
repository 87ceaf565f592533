/**
 * The second job scheduler of a repository, beside its plan scheduler and on the same `plan`
 * queue: id `security:<installationId>:<repoId>`, job name `security`, the config's
 * `security.schedule` (default daily) with its own stable jitter. It starts the security check
 * (pipeline/run-security.ts); repo-schedulers.ts keeps it in step with the plan scheduler.
 */
import type { Queue } from 'bullmq';
import { jitteredCron } from '../config/index.js';
import { repoRefSchema, type RepoRef } from '../repo-ref.js';
import { PLAN_JOB_OPTIONS } from './plan-queue.js';

export const SECURITY_JOB_NAME = 'security';
export const DEFAULT_SECURITY_SCHEDULE = 'daily';

export const securityJobSchema = repoRefSchema;

const ID_PATTERN = /^security:(\d+):(\d+)$/;

export function securitySchedulerId(installationId: number, repositoryId: number): string {
  return `security:${installationId}:${repositoryId}`;
}

export function parseSecuritySchedulerId(id: string): { installationId: number; repositoryId: number } | undefined {
  const m = ID_PATTERN.exec(id);
  return m ? { installationId: Number(m[1]), repositoryId: Number(m[2]) } : undefined;
}

export function securityPattern(repositoryId: number, schedule: string): string {
  return jitteredCron(schedule, `security:${repositoryId}`, 59, { seconds: true });
}

export async function upsertSecurityScheduler(
  planQueue: Queue,
  ref: RepoRef,
  schedule: string,
  tz: string,
  pattern: string = securityPattern(ref.repositoryId, schedule),
): Promise<void> {
  const data: RepoRef = {
    installationId: ref.installationId,
    repositoryId: ref.repositoryId,
    owner: ref.owner,
    repo: ref.repo,
  };
  await planQueue.upsertJobScheduler(
    securitySchedulerId(ref.installationId, ref.repositoryId),
    { pattern, tz },
    { name: SECURITY_JOB_NAME, data, opts: PLAN_JOB_OPTIONS },
  );
}

export async function removeSecurityScheduler(
  planQueue: Queue,
  installationId: number,
  repositoryId: number,
): Promise<boolean> {
  return planQueue.removeJobScheduler(securitySchedulerId(installationId, repositoryId));
}

/** A security check outside its schedule (a command on the security PR); one job per reason. */
export async function enqueueSecurityCheck(planQueue: Queue, ref: RepoRef, reason: string): Promise<string> {
  const jobId = `security-${ref.installationId}-${ref.repositoryId}-${reason.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  await planQueue.add(SECURITY_JOB_NAME, securityJobSchema.parse(ref), { ...PLAN_JOB_OPTIONS, jobId });
  return jobId;
}

/** The ids of every security scheduler on the queue. */
export async function securitySchedulerIds(planQueue: Queue): Promise<Set<string>> {
  const all = await planQueue.getJobSchedulers(0, -1, true);
  return new Set(all.map((s) => s.id ?? s.key).filter((id) => parseSecuritySchedulerId(id) !== undefined));
}

/** Removes every security scheduler of one installation. */
export async function removeInstallationSecuritySchedulers(planQueue: Queue, installationId: number): Promise<number> {
  const all = await planQueue.getJobSchedulers(0, -1, true);
  const mine = all
    .map((s) => s.id ?? s.key)
    .filter((id) => parseSecuritySchedulerId(id)?.installationId === installationId);
  await Promise.all(mine.map((id) => planQueue.removeJobScheduler(id)));
  return mine.length;
}

/** Re-points an existing security scheduler's template (a renamed repository), keeping its timing. */
export async function renameSecurityScheduler(planQueue: Queue, ref: RepoRef): Promise<void> {
  const json = await planQueue.getJobScheduler(securitySchedulerId(ref.installationId, ref.repositoryId));
  if (!json?.pattern) return;
  await upsertSecurityScheduler(planQueue, ref, DEFAULT_SECURITY_SCHEDULE, json.tz ?? 'UTC', json.pattern);
}
