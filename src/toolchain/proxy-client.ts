/**
 * A module proxy client configured from the app's environment the way the go command would be
 * (GOPROXY & co., `go env` defaults, NETRC), with its disk cache where the app keeps it. The
 * client itself (gomod/proxy/client.ts) is pure: it gets its configuration and cache directory
 * as arguments, from here.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createProxyClient, type ProxyClient, type ProxyClientOptions } from '../gomod/proxy/client.js';
import type { Env } from '../gomod/proxy/config.js';
import { resolveProxyConfig } from './go-settings.js';

export interface EnvProxyClientOptions extends Omit<ProxyClientOptions, 'config' | 'cacheDir'> {
  /** Where GOPROXY, GOPRIVATE, GONOPROXY, GONOSUMDB, NETRC, GOPROXY_AUTH, HOME, GOMODSTEWARD_CACHE come from (usually process.env). */
  env: Env;
  /**
   * Disk cache for immutable answers; `false` disables it. Default: $GOMODSTEWARD_CACHE, else
   * ~/.cache/gomod-steward/proxy.
   */
  cacheDir?: string | false;
  /** The go command used for `go env` defaults. Default `go`. */
  goCommand?: string;
}

export function proxyClientFromEnv(opts: EnvProxyClientOptions): ProxyClient {
  const { env, cacheDir, goCommand, ...rest } = opts;
  const dir =
    cacheDir === false
      ? undefined
      : (cacheDir ?? env.GOMODSTEWARD_CACHE ?? join(env.HOME || homedir(), '.cache', 'gomod-steward', 'proxy'));
  return createProxyClient({ ...rest, cacheDir: dir, config: () => resolveProxyConfig(env, goCommand) });
}
