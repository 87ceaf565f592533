/**
 * The only environment variables a go child process may receive. Anything else (the app's
 * private key, tokens, cloud credentials) never reaches go, git or a `go run` program.
 */
export type GoEnv = Readonly<Record<string, string>>;

/** Read from the app's environment when set there; never defaulted by us. */
export const GO_PASSTHROUGH_NAMES = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOVCS',
  'GOFLAGS',
  'GOAUTH',
  'NETRC',
  // A private proxy behind a corporate CA or an outbound HTTP proxy needs these to be reachable.
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
] as const;

/** Set by `buildGoEnv` itself, from options rather than from the app's environment. */
export const GO_MANAGED_NAMES = [
  'PATH',
  'HOME',
  'GOPATH',
  'GOMODCACHE',
  'GOCACHE',
  'GOTMPDIR',
  'TMPDIR',
  'GOENV',
  'GOWORK',
  'GOTOOLCHAIN',
  'CGO_ENABLED',
  'GIT_TERMINAL_PROMPT',
  'GIT_CONFIG_NOSYSTEM',
  // A job's credentials file (job-credentials.ts); GOAUTH is passed through or set there too.
  'GIT_CONFIG_GLOBAL',
] as const;

/** Callers may add these per command (e.g. `go list -deps` for another platform). */
export const GO_EXTRA_NAMES = ['GOOS', 'GOARCH', 'GOEXPERIMENT', 'GODEBUG'] as const;

export const GO_ENV_NAMES: ReadonlySet<string> = new Set<string>([
  ...GO_PASSTHROUGH_NAMES,
  ...GO_MANAGED_NAMES,
  ...GO_EXTRA_NAMES,
]);
