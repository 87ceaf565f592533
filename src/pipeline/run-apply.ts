/** An apply job: the Go toolchain on a checkout of the base commit, then a publish job with what changed. */
import type { Job } from 'bullmq';
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import { PLAN_JOB_OPTIONS } from '../queues/plan-queue.js';
import { applyStep } from './apply-step.js';
import type { PipelineDeps } from './deps.js';
import { publishJobSchema, stageJobId, type ApplyJobData, type PublishJobData } from './job-data.js';
import { selectServices } from '../impact/services.js';

export interface ApplyRunResult {
  publishJob: string;
  files: number;
  failed: number;
}

export async function runApply(
  data: ApplyJobData,
  github: GitHubClient,
  deps: PipelineDeps,
  log: Logger,
  job: Pick<Job, 'id'>,
  signal?: AbortSignal,
): Promise<ApplyRunResult> {
  const { owner, repo } = data;
  const { result, entries, mains } = await applyStep({
    github,
    owner,
    repo,
    baseSha: data.baseSha,
    plan: data.plan,
    config: { goDirective: data.goDirective },
    cloneUrl: deps.cloneUrl(owner, repo),
    appEnv: deps.appEnv,
    ...(deps.cacheDir ? { cacheDir: deps.cacheDir } : {}),
    ...(deps.workRoot ? { workRoot: deps.workRoot } : {}),
    ...(deps.mainModules ? { mainModules: deps.mainModules } : {}),
    log,
    ...(signal ? { signal } : {}),
  });
  const publish: PublishJobData = publishJobSchema.parse({
    installationId: data.installationId,
    repositoryId: data.repositoryId,
    owner,
    repo,
    base: data.base,
    baseSha: data.baseSha,
    group: data.group,
    ...(data.force ? { force: true } : {}),
    entries,
    updates: result.updates,
    carried: result.carried,
    affected: result.affected,
    services: selectServices(result.affected, data.services, (dir) => mains?.includes(dir) ?? true),
    failed: result.failed,
    skipped: result.skipped,
    publish: data.publish,
  });
  const publishJob = stageJobId('publish', data, data.plan.updates, String(job.id ?? ''));
  await deps.publishQueue.add('publish', publish, { ...PLAN_JOB_OPTIONS, backoff: { type: 'exponential', delay: 10_000 }, jobId: publishJob });
  return { publishJob, files: entries.length, failed: result.failed.length };
}
