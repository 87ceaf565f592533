/**
 * The `apply` stage: a shallow checkout of the base commit, the planned bumps made by the Go
 * toolchain (toolchain/apply), the changed files uploaded as blobs, then the group's publish job
 * with what changed. What publish needs is small (paths and blob shas), so it travels in job
 * data; the checkout is removed.
 */
import { jobLog } from './job-log.js';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Processor } from 'bullmq';
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import { uploadChangedFiles } from '../github/changed-files.js';
import { installationGitHeaders } from '../github/git-credentials.js';
import { shallowCheckout } from '../github/clone.js';
import type { TreeEntry } from '../github/commit-files.js';
import { selectServices } from '../impact/services.js';
import { APPLY_QUEUE, applyJobSchema, type ApplyJobData } from '../queues/apply-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { enqueuePublish } from '../queues/publish-queue.js';
import { GO_LINE_JOB_NAME, goLineJobSchema } from '../queues/go-line-job.js';
import { runGoLine, type GoLineRunResult } from './run-go-line.js';

import { apply, type ApplyResult } from '../toolchain/apply/index.js';
import { makeCheckoutDir } from '../toolchain/checkout-dir.js';
import type { PipelineDeps, StageDeps } from './deps.js';
import type { Vulnerability } from '../planner/plan-schema.js';
import { withReachability } from './security-reach.js';

export interface ApplyRunResult {
  publishJob: string;
  files: number;
  failed: number;
}

export function createApplyProcessor(
  deps: Pick<StageDeps, 'auth' | 'log' | 'pipeline' | 'queues'>,
): Processor<ApplyJobData, ApplyRunResult | GoLineRunResult> {
  return async (job, _token, signal) => {
    if (job.name === GO_LINE_JOB_NAME) {
      // A ticked go-line box (pipeline/run-go-line.ts): the Go toolchain on a checkout, like apply.
      const data = parseJobData(goLineJobSchema, job.data, APPLY_QUEUE);
      const log = jobLog(deps.log, APPLY_QUEUE, job, data, { go: data.go });
      const github = await deps.auth.installation(data.installationId);
      return runGoLine(deps, github, data, String(job.id ?? ''), log, signal);
    }
    const data = parseJobData(applyJobSchema, job.data, APPLY_QUEUE);
    const log = jobLog(deps.log, APPLY_QUEUE, job, data, { group: data.group });
    const github = await deps.auth.installation(data.installationId);
    const { result, entries, withMainPackage, vulnerabilities } = await applyOnCheckout(
      github,
      data,
      deps.pipeline,
      log,
      signal,
    );
    const publishJob = await enqueuePublish(
      deps.queues.publish,
      {
        installationId: data.installationId,
        repositoryId: data.repositoryId,
        owner: data.owner,
        repo: data.repo,
        base: data.base,
        baseSha: data.baseSha,
        group: data.group,
        ...(data.force ? { force: true } : {}),
        entries,
        updates: result.updates,
        carried: result.carried,
        affected: result.affected,
        services: selectServices(result.affected, data.services, (dir) => withMainPackage?.includes(dir) ?? true),
        failed: result.failed,
        skipped: result.skipped,
        ...(vulnerabilities?.length ? { vulnerabilities } : {}),
        ...(result.breaking?.length ? { breaking: result.breaking } : {}),
        publish: data.publish,
      },
      { apply: data, applyJobId: String(job.id ?? '') },
    );
    return { publishJob, files: entries.length, failed: result.failed.length };
  };
}

interface CheckoutResult {
  result: ApplyResult;
  entries: TreeEntry[];
  /** Affected module dirs with a main package; undefined when not asked. */
  withMainPackage: string[] | undefined;
  /** The plan's advisories, marked with their reachability where govulncheck could tell. */
  vulnerabilities: Vulnerability[] | undefined;
}

async function applyOnCheckout(
  github: GitHubClient,
  data: ApplyJobData,
  deps: PipelineDeps,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<CheckoutResult> {
  const { owner, repo } = data;
  const work = await makeCheckoutDir(deps.workRoot ?? tmpdir());
  try {
    const dir = join(work, 'repo');
    const { token } = (await github.auth({ type: 'installation' })) as { token: string };
    const cloneUrl = deps.cloneUrl(owner, repo);
    await shallowCheckout({ url: cloneUrl, sha: data.baseSha, dir, token, signal });
    // Scanned before anything moves: reachability of the versions the repository has today.
    const vulns = data.plan.vulnerabilities;
    const vulnerabilities = vulns?.length ? await withReachability(dir, vulns, deps, [token], log) : undefined;
    const result = await apply(dir, data.plan, {
      config: { goDirective: data.goDirective },
      // go fetches private modules of the app's own GitHub through git, with the same token.
      gitHeaders: installationGitHeaders(cloneUrl, token),
      appEnv: deps.appEnv,
      cacheDir: deps.cacheDir,
      secrets: [token],
      signal,
    });
    log.info(
      { files: result.files.length, failed: result.failed.length, updates: result.updates.length },
      'apply finished',
    );
    // Asked while the checkout exists.
    const withMainPackage = deps.withMainPackage ? await deps.withMainPackage(dir, result.affected) : undefined;
    const entries = await uploadChangedFiles(github, owner, repo, dir, result.files);
    return { result, entries, withMainPackage, vulnerabilities };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
