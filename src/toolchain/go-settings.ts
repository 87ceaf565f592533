/**
 * The one Go environment of the app: GOPROXY, GOPRIVATE/GONOPROXY/GONOSUMDB, GOSUMDB, GOINSECURE,
 * GOFLAGS, NETRC and proxy credentials, resolved once and used by both the planner's proxy client
 * and every `go` child of apply, so a plan never promises what apply cannot fetch.
 *
 * Source: the process environment only. Go's own defaults fill what it leaves unset, asked from a
 * `go env` run with GOENV=off and the allow-listed environment: a `go env -w` file is read by
 * neither the planner nor apply (an operator sees the whole configuration in the deployment).
 *
 * Credentials never travel in GOPROXY: user info written in a GOPROXY URL and GOPROXY_AUTH
 * entries become `auth`, which the proxy client sends itself and go receives through GOAUTH
 * (job-credentials.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { proxyConfigFromEnv, type Env, type ProxyConfig } from '../gomod/proxy/config.js';
import { ProxyConfigError } from '../gomod/proxy/errors.js';
import { parseGoproxy } from '../gomod/proxy/goproxy-list.js';
import { basicAuthHeader, parseProxyAuth, type AuthEntry } from '../gomod/proxy/proxy-auth.js';
import { redactUrl } from '../gomod/proxy/redact.js';
import { findExecutableDir } from './find-executable.js';
import { GO_PASSTHROUGH_NAMES } from './go-env-names.js';
import { makeScratch, removeScratch } from './scratch-home.js';

/** What Go defaults when the environment leaves them unset (GONOPROXY/GONOSUMDB follow GOPRIVATE). */
const DEFAULTED = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB'] as const;

export interface GoSettings {
  /** The passthrough variables as go children get them: effective values, no credentials. */
  vars: Readonly<Record<string, string>>;
  /** Proxy credentials, user info from GOPROXY first (it wins over GOPROXY_AUTH for its URL). */
  auth: readonly AuthEntry[];
}

/** Go treats an empty variable as unset. */
function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

/** GOPROXY without user info, and that user info as credentials for its proxy URL. */
function splitGoproxyCredentials(goproxy: string): { goproxy: string; auth: AuthEntry[] } {
  const auth: AuthEntry[] = [];
  for (const p of parseGoproxy(goproxy)) {
    if (p.kind !== 'url' || !p.credentials) continue;
    const url = new URL(p.url);
    auth.push({
      prefix: `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`,
      header: basicAuthHeader(p.credentials.username, p.credentials.password),
    });
  }
  return { goproxy: goproxy.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s,|]*@/gi, '$1'), auth };
}

/**
 * Pure: the settings from the app's environment and Go's defaults for what it leaves unset.
 * `homeDir` locates `~/.netrc` when NETRC is unset; the file is only named when it exists, so
 * that go children (whose HOME is private) read the same netrc the proxy client reads.
 */
export function goSettingsFrom(appEnv: Env, defaults: Partial<Record<string, string>>, homeDir?: string): GoSettings {
  const vars: Record<string, string> = {};
  for (const name of GO_PASSTHROUGH_NAMES) {
    const value = get(appEnv, name);
    if (value !== undefined) vars[name] = value;
  }
  for (const name of DEFAULTED) {
    const value = vars[name] ?? get(defaults, name);
    if (value !== undefined) vars[name] = value;
  }
  if (vars.GOPROXY === undefined) throw new ProxyConfigError('GOPROXY is not set and `go env GOPROXY` gave no default');
  const split = splitGoproxyCredentials(vars.GOPROXY);
  vars.GOPROXY = split.goproxy;
  if (vars.NETRC === undefined) {
    const home = get(appEnv, 'HOME') ?? homeDir;
    const netrc = home === undefined ? undefined : join(home, '.netrc');
    if (netrc && existsSync(netrc)) vars.NETRC = netrc;
  }
  return Object.freeze({
    vars: Object.freeze(vars),
    auth: Object.freeze([...split.auth, ...parseProxyAuth(get(appEnv, 'GOPROXY_AUTH') ?? '')]),
  });
}

/** The proxy client's configuration: the same settings, the credentials attached. */
export function proxyConfigOf(settings: GoSettings): ProxyConfig {
  // No HOME and no GOPROXY_AUTH: the netrc path and every credential come from the settings.
  const config = proxyConfigFromEnv(settings.vars);
  return { ...config, auth: [...settings.auth] };
}

const memo = new Map<string, Promise<GoSettings>>();

/**
 * The settings for this environment, asking `go env` only when something is left unset.
 * Memoised per distinct input; a failure is not kept (a toolchain may appear later).
 */
export function resolveGoSettings(appEnv: Env, goCommand = 'go'): Promise<GoSettings> {
  const own = Object.fromEntries(
    [...GO_PASSTHROUGH_NAMES, 'GOPROXY_AUTH', 'HOME', 'PATH'].flatMap((n) => (appEnv[n] ? [[n, appEnv[n]]] : [])),
  );
  const key = JSON.stringify([goCommand, own]);
  let p = memo.get(key);
  if (!p) {
    p = (async () => {
      const missing = DEFAULTED.some((n) => !get(appEnv, n));
      const defaults = missing ? await goEnvDefaults(appEnv, goCommand) : {};
      if (defaults === null && !get(appEnv, 'GOPROXY')) {
        throw new ProxyConfigError(
          `GOPROXY is not set and there is no \`${goCommand}\` command to supply its default; set GOPROXY or put Go on PATH`,
        );
      }
      return goSettingsFrom(appEnv, defaults ?? {}, homedir());
    })();
    p.catch(() => memo.delete(key));
    memo.set(key, p);
  }
  return p;
}

/**
 * `go env` for the defaulted names, in an environment built from the allow-list alone: the
 * go directory on PATH, a throw-away HOME, GOENV=off. Nothing else of the app's environment
 * (its private key, webhook secret, Redis password, tokens) reaches this child. null: no go.
 */
async function goEnvDefaults(appEnv: Env, goCommand: string): Promise<Partial<Record<string, string>> | null> {
  const command = isAbsolute(goCommand) ? goCommand : findGo(goCommand, appEnv);
  if (!command) return null;
  const home = await makeScratch('gomod-steward-goenv-');
  try {
    const env: Record<string, string> = { HOME: home, GOENV: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
    const goDir = command.slice(0, command.lastIndexOf('/'));
    if (goDir) env.PATH = goDir;
    for (const name of GO_PASSTHROUGH_NAMES) {
      const value = get(appEnv, name);
      if (value !== undefined && name !== 'GOFLAGS') env[name] = value;
    }
    // Go must not see credentials in GOPROXY either; the defaults do not depend on them.
    if (env.GOPROXY) env.GOPROXY = splitGoproxyCredentials(env.GOPROXY).goproxy;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        command,
        ['env', '-json', ...DEFAULTED],
        { env, cwd: home, timeout: 30_000, maxBuffer: 1 << 20 },
        (err, out) => {
          if (!err) return resolve(out);
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return resolve('null');
          reject(
            new ProxyConfigError(`\`${goCommand} env\` failed: ${redactUrl(`${err.message}`.split('\n')[0] ?? '')}`),
          );
        },
      );
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(stdout);
    } catch {
      throw new ProxyConfigError(`\`${goCommand} env -json\` printed something that is not JSON`);
    }
    if (parsed === null) return null;
    const out: Record<string, string> = {};
    for (const n of DEFAULTED) {
      const v = (parsed as Record<string, unknown>)[n];
      if (typeof v === 'string') out[n] = v;
    }
    return out;
  } finally {
    await removeScratch(home);
  }
}

function findGo(goCommand: string, appEnv: Env): string | undefined {
  const dir = findExecutableDir(goCommand, appEnv.PATH ?? process.env.PATH);
  return dir ? join(dir, goCommand) : undefined;
}

/** The proxy client's configuration for this environment. */
export async function resolveProxyConfig(appEnv: Env, goCommand = 'go'): Promise<ProxyConfig> {
  return proxyConfigOf(await resolveGoSettings(appEnv, goCommand));
}
