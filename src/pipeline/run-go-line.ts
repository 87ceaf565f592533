/**
 * The go-line job (queues/go-line-job.ts), run by the apply worker: read the config and the default
 * branch's tip, raise the go line on a shallow checkout of it (toolchain/raise-go-line.ts), upload
 * the changed files and publish the go-line PR (pull-request/publish-go-line.ts), then have the
 * dashboard rewritten so it lists the PR. When Go cannot build the raised modules nothing is
 * published and the dashboard issue is told why, in Go's words.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import { defaultBranchTip } from '../github/branch-tips.js';
import { uploadChangedFiles } from '../github/changed-files.js';
import { shallowCheckout } from '../github/clone.js';
import { installationGitHeaders } from '../github/git-credentials.js';
import { commentOnIssue } from '../github/issue-comments.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { publishGoLine, type GoLinePublishOutcome } from '../pull-request/publish-go-line.js';
import type { GoLineJobData } from '../queues/go-line-job.js';
import { enqueuePlan } from '../queues/plan-queue.js';
import { makeCheckoutDir } from '../toolchain/checkout-dir.js';
import { raiseGoLine } from '../toolchain/raise-go-line.js';
import type { StageDeps } from './deps.js';

export type GoLineRunResult =
  | { outcome: 'disabled' | 'invalid-config' | 'nothing-to-raise' }
  | { outcome: 'does-not-build'; dir: string }
  | { outcome: 'published'; publish: GoLinePublishOutcome };

export async function runGoLine(
  deps: Pick<StageDeps, 'pipeline' | 'queues'>,
  github: GitHubClient,
  data: GoLineJobData,
  jobId: string,
  log: Logger,
  signal?: AbortSignal,
): Promise<GoLineRunResult> {
  const { owner, repo, go } = data;
  const read = await readRepoConfig(github, { owner, repo });
  if (read.kind === 'invalid') return { outcome: 'invalid-config' };
  if (!read.config.enabled) return { outcome: 'disabled' };
  const { toolchain } = read.config.goLine;
  const tip = await defaultBranchTip(github, owner, repo);

  const work = await makeCheckoutDir(deps.pipeline.workRoot ?? tmpdir());
  try {
    const dir = join(work, 'repo');
    const { token } = (await github.auth({ type: 'installation' })) as { token: string };
    const cloneUrl = deps.pipeline.cloneUrl(owner, repo);
    await shallowCheckout({ url: cloneUrl, sha: tip.sha, dir, token, signal });
    const raised = await raiseGoLine(dir, {
      go,
      toolchain,
      appEnv: deps.pipeline.appEnv,
      cacheDir: deps.pipeline.cacheDir,
      gitHeaders: installationGitHeaders(cloneUrl, token),
      secrets: [token],
      signal,
    });
    if (raised.kind === 'nothing-to-raise') {
      log.info({ go, base: tip.name }, 'every module already declares the go line: no go-line PR');
      return { outcome: 'nothing-to-raise' };
    }
    if (raised.kind === 'does-not-build') {
      await commentOnIssue(
        github,
        owner,
        repo,
        data.issueNumber,
        `I raised the \`go\` line to ${go} on \`${tip.name}\`, but \`${raised.command}\` failed in \`${raised.dir}\`, so I opened no pull request:\n\n\`\`\`\n${raised.error.replace(/```/g, "'''")}\n\`\`\``,
      );
      log.warn({ go, dir: raised.dir }, 'the raised go line does not build: no PR');
      return { outcome: 'does-not-build', dir: raised.dir };
    }
    const entries = await uploadChangedFiles(github, owner, repo, dir, raised.files);
    const publish = await publishGoLine({
      github,
      owner,
      repo,
      base: tip.name,
      baseSha: tip.sha,
      go,
      toolchain,
      lines: raised.lines,
      entries,
      builtWith: raised.builtWith,
      labels: read.config.labels,
      ...(data.force ? { force: true } : {}),
      log,
    });
    // The dashboard was written before this PR existed: a plan-only run rewrites it (run-plan.ts).
    const { installationId, repositoryId } = data;
    await enqueuePlan(
      deps.queues.plan,
      { installationId, repositoryId, owner, repo, refresh: true },
      `dashboard-${jobId}`,
    );
    return { outcome: 'published', publish };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
