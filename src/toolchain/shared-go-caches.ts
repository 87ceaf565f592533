/**
 * Finds the user's own module and build caches (what `go env` says for them), so that the
 * worker reuses downloads instead of fetching every module again.
 */
import { homedir, tmpdir } from 'node:os';
import { z } from 'zod';
import { GoEnvError } from './errors.js';
import { runGo } from './run-go.js';

export interface GoCachePaths {
  GOPATH: string;
  GOMODCACHE: string;
  GOCACHE: string;
}

const GoEnvCaches = z.object({
  GOPATH: z.string(),
  GOMODCACHE: z.string().min(1),
  GOCACHE: z.string().min(1),
});

const memo = new Map<string, Promise<GoCachePaths>>();

/**
 * Asks `go env` with only PATH, HOME and the three cache variables (when the app sets them),
 * so the answer honours the user's `go env -w` file and nothing else. Memoised per input.
 */
export function detectSharedGoCaches(
  goDir: string,
  appEnv: Readonly<Record<string, string | undefined>>,
): Promise<GoCachePaths> {
  const env: Record<string, string> = { PATH: goDir, HOME: appEnv.HOME || homedir() };
  for (const name of ['GOPATH', 'GOMODCACHE', 'GOCACHE'] as const) {
    const value = appEnv[name];
    if (value) env[name] = value;
  }
  const key = JSON.stringify(env);
  let found = memo.get(key);
  if (!found) {
    found = ask(env);
    memo.set(key, found);
    found.catch(() => memo.delete(key));
  }
  return found;
}

async function ask(env: Record<string, string>): Promise<GoCachePaths> {
  const { stdout } = await runGo(['env', '-json', 'GOPATH', 'GOMODCACHE', 'GOCACHE'], {
    cwd: tmpdir(),
    env,
    timeoutMs: 30_000,
    maxOutputBytes: 64 * 1024,
  });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new GoEnvError('go env -json printed something other than JSON');
  }
  const parsed = GoEnvCaches.safeParse(json);
  if (!parsed.success) {
    throw new GoEnvError(`go env did not report usable caches: ${parsed.error.message}`);
  }
  return parsed.data;
}
