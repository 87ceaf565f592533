/**
 * The proxy configuration read from environment variables. Pure: the go command's own defaults
 * and the home directory are passed in (toolchain/go-env-defaults.ts runs `go env`), so this is
 * testable without a toolchain.
 */
import { join } from 'node:path';
import { ProxyConfigError } from './errors.js';
import { parseGoproxy, type ProxySpec } from './goproxy-list.js';
import { matchPrefixPatterns } from './match-prefix-patterns.js';
import { parseProxyAuth, type AuthEntry } from './proxy-auth.js';
import { redactUrl } from './redact.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What `go env` reports for these variables, run under the same environment (so that its
 * GOPRIVATE-derived defaults and the user's go env file agree with `env`).
 */
export interface GoEnvDefaults {
  GOPROXY?: string;
  GOPRIVATE?: string;
  GONOPROXY?: string;
  GONOSUMDB?: string;
}

export interface ProxyConfig {
  /** GOPROXY as effective (possibly from `go env`); may contain credentials, never print it. */
  goproxy: string;
  proxies: ProxySpec[];
  goprivate: string;
  gonoproxy: string;
  gonosumdb: string;
  /** "" when there is none (no NETRC, no home directory). */
  netrcPath: string;
  auth: AuthEntry[];
}

/** Go treats an empty variable as unset. */
function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === '' ? undefined : v;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Credentials go only over https, or to a loopback test server. */
export function mayCarryCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

/**
 * `homeDir` stands in for an unset HOME when locating the netrc file; with neither there is no
 * netrc file to read (netrcPath is "").
 */
export function proxyConfigFromEnv(env: Env, goEnv: GoEnvDefaults = {}, homeDir?: string): ProxyConfig {
  const goproxy = get(env, 'GOPROXY') ?? nonEmpty(goEnv.GOPROXY);
  if (goproxy === undefined) {
    throw new ProxyConfigError('GOPROXY is not set and `go env GOPROXY` gave no default');
  }
  const proxies = parseGoproxy(goproxy);
  for (const p of proxies) {
    if (p.kind === 'url' && p.credentials && !mayCarryCredentials(new URL(p.url))) {
      const shown = redactUrl(p.url.replace('://', '://user@'));
      throw new ProxyConfigError(`GOPROXY: refusing to pass credentials to insecure URL: ${shown}`);
    }
  }
  const goprivate = get(env, 'GOPRIVATE') ?? nonEmpty(goEnv.GOPRIVATE) ?? '';
  // An unset GONOPROXY/GONOSUMDB means "same as GOPRIVATE" (go env already applied that rule).
  const gonoproxy = get(env, 'GONOPROXY') ?? nonEmpty(goEnv.GONOPROXY) ?? goprivate;
  const gonosumdb = get(env, 'GONOSUMDB') ?? nonEmpty(goEnv.GONOSUMDB) ?? goprivate;
  const home = get(env, 'HOME') ?? nonEmpty(homeDir);
  const netrcPath = get(env, 'NETRC') ?? (home === undefined ? '' : join(home, '.netrc'));
  const auth = parseProxyAuth(get(env, 'GOPROXY_AUTH') ?? '');
  return { goproxy, proxies, goprivate, gonoproxy, gonosumdb, netrcPath, auth };
}

/** Does GONOPROXY (or GOPRIVATE) send this module around the proxies? */
export function bypassesProxy(config: ProxyConfig, modulePath: string): boolean {
  return matchPrefixPatterns(config.gonoproxy, modulePath);
}

/** Does GONOSUMDB (or GOPRIVATE) exempt this module from checksum-database verification? */
export function skipsSumDb(config: ProxyConfig, modulePath: string): boolean {
  return matchPrefixPatterns(config.gonosumdb, modulePath);
}
