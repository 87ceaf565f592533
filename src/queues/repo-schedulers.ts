/**
 * One BullMQ job scheduler per repository on the `plan` queue: id `repo:<installationId>:<repoId>`,
 * the repository's schedule with a stable per-repo jitter (spread over the hour and the minute,
 * so thousands of repositories do not all start at 05:00:00), in the repository's time zone.
 * Upserting is idempotent; removing an absent scheduler is a no-op.
 */
import type { JobSchedulerJson, Queue } from 'bullmq';
import { jitteredCron } from '../config/index.js';
import { PLAN_JOB_NAME, PLAN_JOB_OPTIONS, type PlanJobData } from './plan-queue.js';
import { repoRefSchema } from '../repo-ref.js';
import {
  DEFAULT_SECURITY_SCHEDULE,
  removeInstallationSecuritySchedulers,
  removeSecurityScheduler,
  renameSecurityScheduler,
  upsertSecurityScheduler,
} from './security-scheduler.js';

export const DEFAULT_SCHEDULE = { schedule: 'twice-monthly', timezone: 'UTC' } as const;

export interface RepoSchedule {
  /** A config `schedule`: keyword or 5-field cron. */
  schedule: string;
  /** IANA time zone. */
  timezone: string;
  /** The security check's schedule (config `security.schedule`); null: security checks are off. Default daily. */
  security?: string | null;
}

export interface RepoSchedulerInfo {
  id: string;
  installationId: number;
  repositoryId: number;
  pattern: string | undefined;
  tz: string | undefined;
  /** Undefined when the template does not hold valid ids (written by something else). */
  data: PlanJobData | undefined;
  /** Epoch ms of the next run. */
  next: number | undefined;
}

const ID_PATTERN = /^repo:(\d+):(\d+)$/;

export function repoSchedulerId(installationId: number, repositoryId: number): string {
  return `repo:${installationId}:${repositoryId}`;
}

export function parseRepoSchedulerId(id: string): { installationId: number; repositoryId: number } | undefined {
  const m = ID_PATTERN.exec(id);
  return m ? { installationId: Number(m[1]), repositoryId: Number(m[2]) } : undefined;
}

/** The cron a repository's scheduler runs: its schedule, jittered by its repository id. */
export function repoPattern(repositoryId: number, schedule: string): string {
  return jitteredCron(schedule, `repo:${repositoryId}`, 59, { seconds: true });
}

export async function upsertRepoScheduler(
  planQueue: Queue,
  ref: PlanJobData,
  schedule: RepoSchedule = DEFAULT_SCHEDULE,
): Promise<void> {
  await upsertWithPattern(planQueue, ref, repoPattern(ref.repositoryId, schedule.schedule), schedule.timezone);
  // The security check is scheduled beside the run, unless the config turns it off.
  const security = schedule.security === undefined ? DEFAULT_SECURITY_SCHEDULE : schedule.security;
  if (security === null) await removeSecurityScheduler(planQueue, ref.installationId, ref.repositoryId);
  else await upsertSecurityScheduler(planQueue, ref, security, schedule.timezone);
}

/** Re-points an existing scheduler's template (a renamed repository) without touching its timing. */
export async function upsertWithPattern(
  planQueue: Queue,
  ref: PlanJobData,
  pattern: string,
  tz: string,
): Promise<void> {
  const data: PlanJobData = {
    installationId: ref.installationId,
    repositoryId: ref.repositoryId,
    owner: ref.owner,
    repo: ref.repo,
  };
  await planQueue.upsertJobScheduler(
    repoSchedulerId(ref.installationId, ref.repositoryId),
    { pattern, tz },
    { name: PLAN_JOB_NAME, data, opts: PLAN_JOB_OPTIONS },
  );
  await renameSecurityScheduler(planQueue, data);
}

export async function removeRepoScheduler(
  planQueue: Queue,
  installationId: number,
  repositoryId: number,
): Promise<boolean> {
  await removeSecurityScheduler(planQueue, installationId, repositoryId);
  return planQueue.removeJobScheduler(repoSchedulerId(installationId, repositoryId));
}

export async function getRepoScheduler(
  planQueue: Queue,
  installationId: number,
  repositoryId: number,
): Promise<RepoSchedulerInfo | undefined> {
  const json = await planQueue.getJobScheduler(repoSchedulerId(installationId, repositoryId));
  return json ? toInfo(json) : undefined;
}

/** Every repository scheduler on the queue (other schedulers are skipped). */
export async function listRepoSchedulers(planQueue: Queue): Promise<RepoSchedulerInfo[]> {
  const all = await planQueue.getJobSchedulers(0, -1, true);
  return all.map(toInfo).filter((s): s is RepoSchedulerInfo => s !== undefined);
}

/** Removes every scheduler of one installation; returns how many there were. */
export async function removeInstallationSchedulers(planQueue: Queue, installationId: number): Promise<number> {
  const mine = (await listRepoSchedulers(planQueue)).filter((s) => s.installationId === installationId);
  await Promise.all(mine.map((s) => planQueue.removeJobScheduler(s.id)));
  await removeInstallationSecuritySchedulers(planQueue, installationId);
  return mine.length;
}

function toInfo(json: JobSchedulerJson): RepoSchedulerInfo | undefined {
  const id = json.id ?? json.key;
  const ids = parseRepoSchedulerId(id);
  if (!ids) return undefined;
  const data = repoRefSchema.safeParse(json.template?.data);
  return {
    id,
    ...ids,
    pattern: json.pattern,
    tz: json.tz,
    data: data.success ? data.data : undefined,
    next: json.next,
  };
}
