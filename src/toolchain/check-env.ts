/**
 * The go environment of one governance check on a checkout (tidy, go-sum): the sandboxed
 * environment apply uses, with the job's git credentials as a private file, never a variable.
 */
import type { GitHeader } from '../github/git-credentials.js';
import type { GoEnv } from './go-env-names.js';
import { resolveGoEnv } from './go-env.js';
import { resolveGoSettings } from './go-settings.js';
import { openJobCredentials } from './job-credentials.js';

export interface CheckEnv {
  env: GoEnv;
  dispose(): Promise<void>;
}

export async function openCheckEnv(opts: {
  appEnv: Readonly<Record<string, string | undefined>>;
  cacheDir?: string | undefined;
  gitHeaders?: readonly GitHeader[];
}): Promise<CheckEnv> {
  const settings = await resolveGoSettings(opts.appEnv);
  const credentials = await openJobCredentials({ settings, gitHeaders: opts.gitHeaders ?? [] });
  try {
    const env = {
      ...(await resolveGoEnv({ appEnv: opts.appEnv, cacheDir: opts.cacheDir, settings })),
      ...credentials.env,
    };
    return { env, dispose: () => credentials.dispose() };
  } catch (err) {
    await credentials.dispose();
    throw err;
  }
}
