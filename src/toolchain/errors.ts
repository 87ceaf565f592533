/**
 * Failures of a `go` child process. Each class quotes Go's own words (`goMessage`: the stderr
 * lines that say what went wrong) and carries the arguments and module directory, so a caller
 * can tell the user exactly which command failed where without re-reading stderr.
 */
import { StewardError, type SourcePosition } from '../errors.js';

/** What every go failure knows about the command that failed. */
export interface GoFailureContext {
  args: readonly string[];
  /** The module (or workspace) directory the command ran in. */
  dir?: string;
  exitCode?: number | null;
  /** Full captured stderr (capped, secrets already redacted). */
  stderr: string;
}

export class GoCommandError extends StewardError {
  readonly code: string = 'go-command';
  readonly args: readonly string[];
  readonly dir: string | undefined;
  readonly exitCode: number | null;
  readonly stderr: string;
  /** Go's own message: the relevant stderr lines, verbatim. */
  readonly goMessage: string;

  constructor(ctx: GoFailureContext, goMessage: string, headline?: string, options?: { cause?: unknown }) {
    const command = `go ${ctx.args.join(' ')}`;
    const where = ctx.dir ? ` in ${ctx.dir}` : '';
    const status = ctx.exitCode === undefined || ctx.exitCode === null ? '' : ` (exit ${ctx.exitCode})`;
    const lead = headline ? `${headline}: ` : '';
    const body = goMessage ? `:\n${goMessage}` : '';
    super(`${lead}\`${command}\`${where} failed${status}${body}`, options);
    this.args = [...ctx.args];
    this.dir = ctx.dir;
    this.exitCode = ctx.exitCode ?? null;
    this.stderr = ctx.stderr;
    this.goMessage = goMessage;
  }
}

/** The proxy (or origin) has no such module or version: 404/410, unknown revision, no matching versions. */
export class GoModuleNotFoundError extends GoCommandError {
  override readonly code = 'go-module-not-found';
  constructor(
    ctx: GoFailureContext,
    goMessage: string,
    readonly modulePath: string | undefined,
    /** A version or query (`latest`, `v1`) when Go named one. */
    readonly version: string | undefined,
    /** The HTTP status the proxy answered, when Go quoted one. */
    readonly httpStatus: number | undefined,
  ) {
    const what = modulePath ? `${modulePath}${version ? `@${version}` : ''}` : 'a module or package';
    super(ctx, goMessage, `not found: ${what}`);
  }
}

/** The proxy or origin could not be reached or answered with a server error; a retry may succeed. */
export class GoNetworkError extends GoCommandError {
  override readonly code = 'go-network';
  constructor(ctx: GoFailureContext, goMessage: string) {
    super(ctx, goMessage, 'network failure');
  }
}

/** go.sum (or the checksum database) disagrees with what was downloaded: never retried, never "fixed" automatically. */
export class GoChecksumMismatchError extends GoCommandError {
  override readonly code = 'go-checksum-mismatch';
  constructor(
    ctx: GoFailureContext,
    goMessage: string,
    readonly modulePath: string,
    readonly version: string,
    /** True when the mismatch is on the module's go.mod hash rather than its zip. */
    readonly goModOnly: boolean,
  ) {
    super(ctx, goMessage, `SECURITY ERROR: checksum mismatch for ${modulePath}@${version}`);
  }
}

/** A go.mod or go.work asks for a newer Go than the local toolchain, and GOTOOLCHAIN forbids fetching one. */
export class GoVersionTooNewError extends GoCommandError {
  override readonly code = 'go-version-too-new';
  constructor(
    ctx: GoFailureContext,
    goMessage: string,
    /** Who asks: `go.mod`, `go.work`, or `module ../dep`. */
    readonly subject: string,
    readonly required: string,
    /** The local toolchain's version, when Go said it. */
    readonly running: string | undefined,
    readonly goToolchain: string | undefined,
  ) {
    super(
      ctx,
      goMessage,
      `${subject} requires go >= ${required}${running ? ` but the toolchain is go ${running}` : ''}`,
    );
  }
}

/** Go sources do not build or vet; positions point at the offending code. */
export class GoCompileError extends GoCommandError {
  override readonly code = 'go-compile';
  constructor(
    ctx: GoFailureContext,
    goMessage: string,
    readonly positions: readonly SourcePosition[],
  ) {
    super(ctx, goMessage, 'build failed');
  }
}

/**
 * Go refused to parse a go.mod, go.work or go.sum. The planner's own parser reads these files
 * first, so this usually means Go is stricter than we are about something; the position says where.
 */
export class GoModSyntaxInToolchainError extends GoCommandError {
  override readonly code = 'go-mod-syntax';
  constructor(
    ctx: GoFailureContext,
    goMessage: string,
    readonly position: SourcePosition | undefined,
  ) {
    super(ctx, goMessage, 'go rejected a module file');
  }
}

export class GoTimeoutError extends GoCommandError {
  override readonly code = 'go-timeout';
  constructor(
    ctx: GoFailureContext,
    readonly timeoutMs: number,
  ) {
    super(ctx, tailLines(ctx.stderr, 10), `timed out after ${timeoutMs} ms; process group killed`);
  }
}

/** The caller's AbortSignal fired; the process group was killed. */
export class GoAbortedError extends GoCommandError {
  override readonly code = 'go-aborted';
  constructor(ctx: GoFailureContext, reason: unknown) {
    super(ctx, '', 'aborted; process group killed', { cause: reason });
  }
}

/** `go` could not be started at all (not on the PATH given, cwd missing, ...). */
export class GoSpawnError extends GoCommandError {
  override readonly code = 'go-spawn';
  constructor(ctx: GoFailureContext, cause: Error) {
    super(ctx, cause.message, 'could not start go', { cause });
  }
}

/** The go environment could not be built: no go on PATH, an invalid GOWORK or GOTOOLCHAIN. */
export class GoEnvError extends StewardError {
  readonly code = 'go-env';
}

/** A secret value was about to reach a go child process. The message names the variable, never the value. */
export class SecretInEnvironmentError extends StewardError {
  readonly code = 'secret-in-go-env';
  constructor(readonly variable: string) {
    super(`refusing to run go: ${variable} holds a secret value`);
  }
}

function tailLines(text: string, n: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-n).join('\n');
}
