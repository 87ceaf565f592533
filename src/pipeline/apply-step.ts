/**
 * The second stage: a shallow checkout of the base commit, the planned bumps made by the Go
 * toolchain (src/toolchain/apply), and the changed files uploaded as blobs. What publish needs
 * is small (paths and blob shas), so it can travel in job data; the checkout is removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'probot';
import type { StewardConfig } from '../config/defaults.js';
import type { GitHubClient } from '../github/app-auth.js';
import { shallowCheckout } from '../github/clone.js';
import type { Plan } from '../planner/plan-schema.js';
import { apply, type ApplyResult } from '../toolchain/apply/index.js';
import { uploadChangedFiles } from '../github/changed-files.js';
import type { TreeEntry } from '../github/commit-files.js';

export interface ApplyStepInput {
  github: GitHubClient;
  owner: string;
  repo: string;
  baseSha: string;
  plan: Plan;
  config: Pick<StewardConfig, 'goDirective'>;
  /** Where git fetches from. */
  cloneUrl: string;
  /** Parent of the temporary checkout; default the OS temp dir. */
  workRoot?: string;
  /** The Go caches apply shares between runs (see resolveGoEnv). */
  cacheDir?: string;
  /** The app's environment: proxy settings for go; never passed on whole. */
  appEnv?: Readonly<Record<string, string | undefined>>;
  /** Which of the given module dirs have a main package (asked while the checkout exists). */
  mainModules?: (checkoutDir: string, dirs: readonly string[]) => Promise<string[]>;
  log: Logger;
  signal?: AbortSignal;
}

export interface ApplyStepResult {
  result: ApplyResult;
  entries: TreeEntry[];
  /** Affected module dirs with a main package; undefined when not asked. */
  mains: string[] | undefined;
}

export async function applyStep(input: ApplyStepInput): Promise<ApplyStepResult> {
  const { github, owner, repo } = input;
  const work = await mkdtemp(join(input.workRoot ?? tmpdir(), 'gomod-steward-apply-'));
  try {
    const dir = join(work, 'repo');
    const { token } = (await github.auth({ type: 'installation' })) as { token: string };
    await shallowCheckout({ url: input.cloneUrl, sha: input.baseSha, dir, token, ...(input.signal ? { signal: input.signal } : {}) });
    const result = await apply(dir, input.plan, {
      config: input.config,
      ...(input.appEnv ? { appEnv: input.appEnv } : {}),
      ...(input.cacheDir ? { cacheDir: input.cacheDir } : {}),
      secrets: [token],
      ...(input.signal ? { signal: input.signal } : {}),
    });
    input.log.info({ files: result.files.length, failed: result.failed.length, updates: result.updates.length }, 'apply finished');
    const mains = input.mainModules ? await input.mainModules(dir, result.affected) : undefined;
    const entries = await uploadChangedFiles(github, owner, repo, dir, result.files);
    return { result, entries, mains };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
