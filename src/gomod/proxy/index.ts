/** The Go module proxy client (GOPROXY protocol) and the Go rules it follows. */
export { createProxyClient, type ProxyClient, type ProxyClientOptions, type ProxyStats } from './client.js';
export {
  bypassesProxy,
  mayCarryCredentials,
  proxyConfigFromEnv,
  skipsSumDb,
  type Env,
  type GoEnvDefaults,
  type ProxyConfig,
} from './config.js';
export {
  ModuleLookupDisabledError,
  ModuleNotFoundError,
  NeedsVcsError,
  ProxyConfigError,
  ProxyResponseError,
  ProxyUnavailableError,
} from './errors.js';
export { urlPathEscape } from './url-path-escape.js';
export { parseGoproxy, type BasicCredentials, type ProxySpec } from './goproxy-list.js';
export { matchPrefixPatterns, pathMatch } from './match-prefix-patterns.js';
export { netrcEntryFor, parseNetrc, readNetrc, type Netrc, type NetrcEntry } from './netrc.js';
export { parseProxyAuth, proxyAuthHeaderFor, type AuthEntry } from './proxy-auth.js';
export { redactUrl } from './redact.js';
export type { FetchLike } from './http-get.js';
