export {
  GoAbortedError,
  GoChecksumMismatchError,
  GoCommandError,
  GoCompileError,
  GoEnvError,
  GoModSyntaxInToolchainError,
  GoModuleNotFoundError,
  GoNetworkError,
  GoSpawnError,
  GoTimeoutError,
  GoVersionTooNewError,
  SecretInEnvironmentError,
  type GoFailureContext,
} from './errors.js';
export { classifyGoFailure, type GoFailureDetails } from './classify-go-failure.js';
export { GO_ENV_NAMES, GO_PASSTHROUGH_NAMES, type GoEnv } from './go-env-names.js';
export { buildGoEnv, resolveGoEnv, type GoEnvOptions, type GoToolLocations } from './go-env.js';
export {
  goSettingsFrom,
  proxyConfigOf,
  resolveGoSettings,
  resolveProxyConfig,
  type GoSettings,
} from './go-settings.js';
export { proxyClientFromEnv, type EnvProxyClientOptions } from './proxy-client.js';
export { assertNoSecrets, redactSecrets } from './secrets.js';
export { detectSharedGoCaches, type GoCachePaths } from './shared-go-caches.js';
export { runGo, type GoRunResult, type RunGoOptions } from './run-go.js';
