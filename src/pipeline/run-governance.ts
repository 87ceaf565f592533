/**
 * The `governance` stage: the `gomod-steward / governance` check run on one commit. It reads the
 * config at the commit, the files it needs (the API's snapshot; a shallow checkout only when
 * `tidy` or `go-sum` is on, since those run Go), runs the same check as the CLI, and reports:
 * the run is started first (or found, when a retry or a second event already started it), then
 * updated with the output, 50 annotations a request, the last update carrying the conclusion.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Processor } from 'bullmq';
import type { StewardConfig } from '../config/defaults.js';
import type { GitHubClient } from '../github/app-auth.js';
import { shallowCheckout } from '../github/clone.js';
import { installationGitHeaders } from '../github/git-credentials.js';
import {
  findGovernanceCheck,
  pullRequestFiles,
  startGovernanceCheck,
  updateGovernanceCheck,
} from '../github/governance-check-run.js';
import { redactUrl } from '../gomod/proxy/index.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { readRepoSnapshot } from '../github/repo-snapshot.js';
import { runCheck, type CheckInput } from '../governance/check.js';
import { governanceConclusion, governanceOutputs } from '../governance/check-run-output.js';
import type { CheckReport } from '../governance/finding.js';
import { GOVERNANCE_QUEUE, governanceJobSchema, type GovernanceJobData } from '../queues/governance-queue.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { makeCheckoutDir } from '../toolchain/checkout-dir.js';
import { openCheckEnv } from '../toolchain/check-env.js';
import { isModuleFile } from '../workspace/paths.js';
import { fsTree } from '../workspace/tree.js';
import type { StageDeps } from './deps.js';
import { jobLog } from './job-log.js';
import { planModuleSource } from './plan-source.js';
import { securityDb } from './security-db.js';

export type GovernanceRunResult =
  | { outcome: 'reported'; checkRunId: number; conclusion: string; findings: number; requests: number }
  | { outcome: 'skipped'; reason: 'no-module-files' | 'disabled' | 'invalid-config' | 'already-reported' };

export function createGovernanceProcessor(
  deps: Pick<StageDeps, 'auth' | 'log' | 'pipeline'>,
): Processor<GovernanceJobData, GovernanceRunResult> {
  return async (job, _token, signal) => {
    const data = parseJobData(governanceJobSchema, job.data, GOVERNANCE_QUEUE);
    const log = jobLog(deps.log, GOVERNANCE_QUEUE, job, data, { sha: data.headSha });
    const github = await deps.auth.installation(data.installationId);
    const at = { owner: data.owner, repo: data.repo, headSha: data.headSha };

    // 1. Read: whether the pull request touches a module file, the config at the commit, the run.
    if (data.pullNumber !== null) {
      const files = await pullRequestFiles(github, data.owner, data.repo, data.pullNumber);
      if (!files.some(isModuleFile)) return { outcome: 'skipped', reason: 'no-module-files' };
    }
    const read = await readRepoConfig(github, { owner: data.owner, repo: data.repo, ref: data.headSha });
    // A broken config has its own check run (gomod-steward / config).
    if (read.kind === 'invalid') return { outcome: 'skipped', reason: 'invalid-config' };
    if (!read.config.enabled) return { outcome: 'skipped', reason: 'disabled' };
    const found = await findGovernanceCheck(github, at);
    // The run asked to re-run is finished by definition; a new one replaces it on the commit.
    const existing = found && found.id === data.rerunOf ? null : found;
    if (existing?.status === 'completed') return { outcome: 'skipped', reason: 'already-reported' };

    // 2. Decide: the check, on the snapshot or a checkout.
    const checkRunId = existing?.id ?? (await startGovernanceCheck(github, at));
    let report: CheckReport;
    try {
      report = await check(github, data, read.config, deps.pipeline, signal);
    } catch (err) {
      // The last attempt closes the run it started, so a commit never shows a check forever in progress.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        const reason = redactUrl((err as Error).message.split('\n')[0] ?? 'unknown error');
        await updateGovernanceCheck(
          github,
          at,
          checkRunId,
          { title: 'The governance check could not run', summary: `It failed on every attempt: ${reason}` },
          'neutral',
        );
      }
      throw err;
    }

    // 3. Report.
    const outputs = governanceOutputs(report, data.headSha);
    const conclusion = governanceConclusion(report);
    for (const [i, output] of outputs.entries())
      await updateGovernanceCheck(github, at, checkRunId, output, i === outputs.length - 1 ? conclusion : undefined);
    log.info({ checkRunId, conclusion, findings: report.findings.length }, 'governance check reported');
    return { outcome: 'reported', checkRunId, conclusion, findings: report.findings.length, requests: outputs.length };
  };
}

async function check(
  github: GitHubClient,
  data: GovernanceJobData,
  config: StewardConfig,
  deps: StageDeps['pipeline'],
  signal: AbortSignal | undefined,
): Promise<CheckReport> {
  const levels = config.governance.levels;
  const license = levels.license !== 'off';
  const base: CheckInput = {
    config,
    source: await planModuleSource(deps, github, data.installationId),
    vulnDb: async () => (await securityDb(deps.appEnv)).snapshot,
    ...(deps.cacheDir ? { toolCache: join(deps.cacheDir, 'tools') } : {}),
    // "Newly added" modules: those the base did not have.
    ...(license && data.baseSha
      ? { base: (await readRepoSnapshot(github, data.owner, data.repo, data.baseSha)).tree }
      : {}),
  };
  const { token } = (await github.auth({ type: 'installation' })) as { token: string };
  const cloneUrl = deps.cloneUrl(data.owner, data.repo);
  // go for tidy and go-sum, and for the module zips the license rule reads.
  const withGo = async <T>(f: (goEnv: CheckInput['goEnv']) => Promise<T>): Promise<T> => {
    if (!license && levels.tidy === 'off' && levels['go-sum'] === 'off') return f(undefined);
    const goEnv = await openCheckEnv({
      appEnv: deps.appEnv,
      cacheDir: deps.cacheDir,
      gitHeaders: installationGitHeaders(cloneUrl, token),
    });
    try {
      return await f(async () => goEnv.env);
    } finally {
      await goEnv.dispose();
    }
  };
  if (levels.tidy === 'off' && levels['go-sum'] === 'off') {
    const snapshot = await readRepoSnapshot(github, data.owner, data.repo, data.headSha);
    return withGo((goEnv) => runCheck({ ...base, tree: snapshot.tree, ...(goEnv ? { goEnv } : {}) }));
  }
  // tidy and go-sum run Go, which needs the files on disk: a shallow checkout, as apply makes.
  const work = await makeCheckoutDir(deps.workRoot ?? tmpdir());
  try {
    const dir = join(work, 'repo');
    await shallowCheckout({ url: cloneUrl, sha: data.headSha, dir, token, signal });
    return await withGo((goEnv) => runCheck({ ...base, root: dir, tree: fsTree(dir), ...(goEnv ? { goEnv } : {}) }));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
