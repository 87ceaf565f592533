/**
 * A shallow checkout of one commit. The installation token reaches git only as an
 * `http.<host>.extraHeader` in a gitconfig file of its own (git-credentials.ts): never in the
 * URL (git would store it in .git/config and print it in errors), never in argv (visible to
 * `ps`), never in git's environment.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installationGitHeaders, writeGitHeaders } from './git-credentials.js';
import { StewardError } from '../errors.js';
import { isSha } from '../repo-ref.js';

export class GitCloneError extends StewardError {
  readonly code = 'git-clone';
}

export interface CheckoutInput {
  /** https URL of the repository (or a local path in tests). */
  url: string;
  sha: string;
  dir: string;
  token?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Where git clones a repository from, given the REST API's base URL (github.com or GHES `…/api/v3`). */
export function gitUrlFor(apiUrl: string, owner: string, repo: string): string {
  const api = new URL(apiUrl);
  const web =
    api.hostname === 'api.github.com'
      ? new URL('https://github.com/')
      : new URL(api.pathname.replace(/\/api\/v3\/?$/, '/').replace(/\/?$/, '/'), api.origin);
  return new URL(`${encodeURIComponent(owner)}/${encodeURIComponent(repo)}.git`, web).toString();
}

export async function shallowCheckout(input: CheckoutInput): Promise<void> {
  if (!isSha(input.sha)) throw new GitCloneError(`not a commit sha: ${input.sha}`);
  await mkdir(input.dir, { recursive: true });
  const private_ = await mkdtemp(join(tmpdir(), 'gomod-steward-git-'));
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: private_,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    };
    const headers = input.token ? installationGitHeaders(input.url, input.token) : [];
    if (headers.length > 0) {
      env.GIT_CONFIG_GLOBAL = join(private_, 'gitconfig');
      await writeGitHeaders(env.GIT_CONFIG_GLOBAL, headers);
    }
    const git = (args: string[]) => runGit(args, input.dir, env, input.token, input.timeoutMs ?? 300_000, input.signal);
    await git(['init', '-q']);
    await git(['remote', 'add', 'origin', input.url]);
    await git(['fetch', '-q', '--depth', '1', '--no-tags', 'origin', input.sha]);
    await git(['-c', 'advice.detachedHead=false', 'checkout', '-q', 'FETCH_HEAD']);
  } finally {
    await rm(private_, { recursive: true, force: true });
  }
}

function runGit(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  token: string | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], signal, timeout: timeoutMs });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 16_384) stderr += d.toString('utf8');
    });
    child.on('error', (err) => reject(new GitCloneError(`git ${args[0]}: ${err.message}`, { cause: err })));
    child.on('close', (code, sig) => {
      if (code === 0) return resolve();
      const text = token ? stderr.split(token).join('***') : stderr;
      reject(
        new GitCloneError(
          `git ${args[0]} failed (${sig ?? `exit ${code}`}): ${text.trim().split('\n').slice(-5).join(' / ')}`,
        ),
      );
    });
  });
}
