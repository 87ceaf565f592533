/**
 * Failure modes of the module proxy client. Every URL that reaches a message here has already
 * been stripped of credentials (see redact.ts); the classes never see a secret.
 */
import { InputError, StewardError } from '../../errors.js';

/** GOPROXY / GOPROXY_AUTH / go env is unusable; nothing can be fetched until the user fixes it. */
export class ProxyConfigError extends InputError {
  override readonly code = 'proxy-config';
}

/** Every proxy in the list answered 404/410 (Go's fs.ErrNotExist). */
export class ModuleNotFoundError extends StewardError {
  readonly code = 'module-not-found';
  constructor(
    readonly modulePath: string,
    readonly version: string | undefined,
    /** The last not-found answer, e.g. `<url>: 404 Not Found` (redacted). */
    readonly detail: string,
  ) {
    super(`${version ? `${modulePath}@${version}` : `module ${modulePath}`}: not found: ${detail}`);
  }
}

/**
 * The module can only be fetched from its origin repository (GOPROXY reached `direct`, or the
 * path matches GONOPROXY/GOPRIVATE). The planner reports such modules as skipped.
 */
export class NeedsVcsError extends StewardError {
  readonly code = 'needs-vcs';
  constructor(
    readonly modulePath: string,
    /** Why the proxies were not enough, when some were tried first (redacted). */
    readonly detail?: string,
  ) {
    super(`fetching ${modulePath} needs a version control checkout; not supported by gomod-steward's proxy client`);
  }
}

/** GOPROXY=off (or the list reached `off`). */
export class ModuleLookupDisabledError extends StewardError {
  readonly code = 'lookup-disabled';
  constructor(readonly modulePath: string) {
    super(`module ${modulePath}: module lookup disabled by GOPROXY=off`);
  }
}

/** 5xx, 429, timeouts and network errors that outlasted every retry. */
export class ProxyUnavailableError extends StewardError {
  readonly code = 'proxy-unavailable';
  constructor(
    readonly modulePath: string,
    /** Redacted URL of the last attempt. */
    readonly url: string,
    readonly attempts: number,
    /** HTTP status of the last attempt; undefined for network errors and timeouts. */
    readonly status: number | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`module ${modulePath}: proxy unavailable after ${attempts} attempt(s): ${url}: ${reason}`, options);
  }
}

/** The proxy answered, but not usefully: a 4xx other than 404/410, bad JSON, a wrong version, a zip too large. */
export class ProxyResponseError extends StewardError {
  readonly code = 'proxy-bad-response';
  constructor(
    readonly modulePath: string,
    readonly url: string,
    readonly status: number | undefined,
    /** What was wrong with the answer (the message without the module and URL). */
    readonly reason: string,
  ) {
    super(`module ${modulePath}: reading ${url}: ${reason}`);
  }
}
