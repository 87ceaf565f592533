/**
 * Credentials for the go and git children of one job, as files private to that job: never in
 * an environment variable's value, an argument, a URL or a log.
 *
 * - Proxy credentials (GoSettings.auth) reach go through GOAUTH: a command that prints them in
 *   GOAUTH's format from a file of mode 0600. The command's path is the only thing in the
 *   environment. Go sends GOAUTH credentials over https only.
 * - Git credentials (an `http.<url>.extraHeader` scoped to one host) reach the git that go runs
 *   for direct VCS fetches through GIT_CONFIG_GLOBAL, a gitconfig file of mode 0600.
 *
 * The folder is removed when the job is done with it (`dispose`).
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGitHeaders, type GitHeader } from '../github/git-credentials.js';
import type { GoSettings } from './go-settings.js';

export type { GitHeader };

export interface JobCredentials {
  /** Variables to add to the go children's environment (names on the allow-list). */
  env: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

export async function openJobCredentials(opts: {
  settings: GoSettings;
  gitHeaders?: readonly GitHeader[];
  /** The operator's own gitconfig, still read by go's git (url rewrites, proxies). */
  includeGitConfig?: string;
  root?: string;
}): Promise<JobCredentials> {
  const auth = opts.settings.auth;
  const gitHeaders = opts.gitHeaders ?? [];
  if (auth.length === 0 && gitHeaders.length === 0 && opts.includeGitConfig === undefined)
    return { env: {}, dispose: async () => undefined };
  const dir = await mkdtemp(join(opts.root ?? tmpdir(), 'gomod-steward-credentials-'));
  try {
    const env: Record<string, string> = {};
    if (auth.length > 0) {
      const sets = auth.map((a) => `https://${a.prefix}\n\nAuthorization: ${a.header}\n\n`).join('');
      await writeFile(join(dir, 'goauth'), sets, { mode: 0o600 });
      const script = join(dir, 'goauth.sh');
      await writeFile(script, `#!/bin/sh\nexec cat '${join(dir, 'goauth')}'\n`, { mode: 0o700 });
      await chmod(script, 0o700);
      const base = opts.settings.vars.GOAUTH ?? 'netrc';
      env.GOAUTH = base === 'off' ? 'off' : `${base};${script}`;
    }
    if (gitHeaders.length > 0 || opts.includeGitConfig !== undefined) {
      await writeGitHeaders(join(dir, 'gitconfig'), gitHeaders, opts.includeGitConfig);
      env.GIT_CONFIG_GLOBAL = join(dir, 'gitconfig');
    }
    return { env, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
