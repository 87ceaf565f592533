/**
 * The proxy configuration as the go command would have it: environment variables first, the
 * go command's defaults (`go env`: the built-in GOPROXY, the user's go env file) for those left
 * unset. gomod/ stays pure by taking these defaults as an argument; running `go env` is here.
 * Run at most once per distinct setting of the variables involved, and only when the
 * environment leaves one of them unset.
 */
import { execFile } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { proxyConfigFromEnv, type Env, type GoEnvDefaults, type ProxyConfig } from '../gomod/proxy/config.js';
import { ProxyConfigError } from '../gomod/proxy/errors.js';
import { redactUrl } from '../gomod/proxy/redact.js';

const VARS = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB'] as const;

const cache = new Map<string, Promise<GoEnvDefaults | null>>();

// Not runGo: this child keeps the app's environment (minus the variables asked about), as the
// go command a user runs would, so that its answer is the one that user would get.
function runGoEnv(goCommand: string, childEnv: NodeJS.ProcessEnv): Promise<GoEnvDefaults | null> {
  return new Promise((resolve, reject) => {
    execFile(
      goCommand,
      ['env', '-json', ...VARS],
      { env: childEnv, cwd: tmpdir(), timeout: 30_000, maxBuffer: 1 << 20 },
      (err, stdout) => {
        if (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(null);
          const first = redactUrl(`${err.message}`.split('\n')[0] ?? '');
          return reject(new ProxyConfigError(`\`${goCommand} env\` failed: ${first}`));
        }
        try {
          const parsed = JSON.parse(stdout) as Record<string, unknown>;
          const out: GoEnvDefaults = {};
          for (const v of VARS) if (typeof parsed[v] === 'string') out[v] = parsed[v] as string;
          resolve(out);
        } catch {
          reject(new ProxyConfigError(`\`${goCommand} env -json\` printed something that is not JSON`));
        }
      },
    );
  });
}

/** `go env` values for GOPROXY & co. under `env`; null when there is no go command. */
export function loadGoEnvDefaults(env: Env, goCommand = 'go'): Promise<GoEnvDefaults | null> {
  const own: Record<string, string> = {};
  for (const v of [...VARS, 'GOENV'] as const) {
    const value = env[v];
    if (value) own[v] = value;
  }
  const key = JSON.stringify([goCommand, env.PATH ?? process.env.PATH, own]);
  let p = cache.get(key);
  if (!p) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: 'local' };
    // The variables we ask about come from `env` alone; secrets have no business in a child.
    for (const v of [...VARS, 'GOENV', 'GOPROXY_AUTH']) delete childEnv[v];
    Object.assign(childEnv, own);
    if (env.PATH) childEnv.PATH = env.PATH;
    if (env.HOME) childEnv.HOME = env.HOME;
    p = runGoEnv(goCommand, childEnv);
    // A failure should not stick: the next client may find a working toolchain.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/**
 * gomod's proxyConfigFromEnv, with unset variables filled in from `go env` and the netrc file
 * defaulting to the user's home directory when `env` has no HOME.
 */
export async function resolveProxyConfig(env: Env, goCommand = 'go'): Promise<ProxyConfig> {
  const missing = VARS.some((v) => !env[v]);
  if (!missing) return proxyConfigFromEnv(env, {}, homedir());
  const defaults = await loadGoEnvDefaults(env, goCommand);
  if (defaults === null && !env.GOPROXY) {
    throw new ProxyConfigError(
      `GOPROXY is not set and there is no \`${goCommand}\` command to supply its default; set GOPROXY or put Go on PATH`,
    );
  }
  return proxyConfigFromEnv(env, defaults ?? {}, homedir());
}
