/**
 * Runs one `go` command as the leader of its own process group, so that a timeout or an abort
 * takes down everything it started (compilers, `go run` programs, git), not just `go` itself.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { classifyGoFailure } from './classify-go-failure.js';
import {
  GoAbortedError,
  GoCommandError,
  GoEnvError,
  GoSpawnError,
  GoTimeoutError,
  type GoFailureContext,
} from './errors.js';
import { GO_ENV_NAMES, type GoEnv } from './go-env-names.js';
import { OutputTail } from './output-tail.js';
import { assertNoSecrets, redactSecrets } from './secrets.js';

export interface RunGoOptions {
  cwd: string;
  /** From `resolveGoEnv`/`buildGoEnv`, optionally with allowlisted variables changed. */
  env: GoEnv;
  timeoutMs: number;
  /** Per stream; the tail is kept. */
  maxOutputBytes: number;
  /** Values that must not reach the child; checked against env and args before spawning, and redacted from output. */
  secrets?: readonly (string | undefined)[];
  signal?: AbortSignal;
  /** Time between SIGTERM and SIGKILL to the process group. Default 3000 ms. */
  killGraceMs?: number;
  /** Another program of the toolchain to run the same way (an absolute path, e.g. GOROOT's gofmt). Default `go`. */
  executable?: string;
}

export interface GoRunResult {
  stdout: string;
  stderr: string;
  code: number;
  durationMs: number;
  stdoutDroppedBytes: number;
  stderrDroppedBytes: number;
}

/** After the leader exits, how long its stdio may stay open (held by an escaped grandchild) before we stop listening. */
const STDIO_LINGER_MS = 1000;

/**
 * Resolves on exit code 0. Otherwise rejects with a classified `GoCommandError` subclass,
 * `GoTimeoutError`, `GoAbortedError`, `GoSpawnError`, `SecretInEnvironmentError` or `GoEnvError`.
 */
export async function runGo(args: readonly string[], options: RunGoOptions): Promise<GoRunResult> {
  const { cwd, env, timeoutMs, maxOutputBytes, signal } = options;
  const secrets = options.secrets ?? [];
  const graceMs = options.killGraceMs ?? 3000;
  checkEnvNames(env);
  assertNoSecrets(env, secrets);
  assertNoSecrets(Object.fromEntries(args.map((a, i) => [`argument ${i + 1}`, a])), secrets);

  const baseCtx = { args, dir: cwd };
  if (signal?.aborted) throw new GoAbortedError({ ...baseCtx, stderr: '' }, signal.reason);

  const started = performance.now();
  const out = new OutputTail(maxOutputBytes);
  const err = new OutputTail(maxOutputBytes);

  return new Promise<GoRunResult>((resolve, reject) => {
    const child = spawn(options.executable ?? 'go', [...args], {
      cwd,
      env: { ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stopReason: 'timeout' | 'abort' | undefined;
    let spawnError: Error | undefined;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is already gone
      }
    };
    const stop = (reason: 'timeout' | 'abort'): void => {
      if (stopReason || settled) return;
      stopReason = reason;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), graceMs));
    };
    const onAbort = (): void => stop('abort');

    timers.push(setTimeout(() => stop('timeout'), timeoutMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));

    child.once('error', (e) => {
      spawnError = e;
      if (child.pid === undefined) finish();
    });
    child.once('exit', (code, sig) => {
      exitCode = code;
      exitSignal = sig;
      // Leftovers of the group would hold our pipes open; go is done, so they are too.
      killGroup('SIGKILL');
      timers.push(
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, STDIO_LINGER_MS),
      );
    });
    child.once('close', () => finish());

    function finish(): void {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      const durationMs = Math.round(performance.now() - started);
      const stdout = redactSecrets(out.text(), secrets);
      const stderr = redactSecrets(err.text(), secrets);
      const ctx: GoFailureContext = { ...baseCtx, exitCode, stderr };

      if (spawnError && child.pid === undefined) return reject(new GoSpawnError(ctx, spawnError));
      if (stopReason === 'timeout') return reject(new GoTimeoutError(ctx, timeoutMs));
      if (stopReason === 'abort') return reject(new GoAbortedError(ctx, signal?.reason));
      if (exitCode === 0) {
        return resolve({
          stdout,
          stderr,
          code: 0,
          durationMs,
          stdoutDroppedBytes: out.dropped,
          stderrDroppedBytes: err.dropped,
        });
      }
      if (exitCode === null) {
        return reject(new GoCommandError(ctx, stderr.trimEnd(), `go was killed by ${exitSignal ?? 'a signal'}`));
      }
      // `go mod download -json` and friends report failures on stdout, leaving stderr empty.
      const text = stderr.trim() !== '' ? stderr : stdout;
      reject(classifyGoFailure(text, args, { dir: cwd, exitCode }));
    }
  });
}

/** A guard against `env: process.env` or a spread of it: only allowlisted names may reach go. */
function checkEnvNames(env: GoEnv): void {
  const unknown = Object.keys(env).filter((k) => !GO_ENV_NAMES.has(k));
  if (unknown.length > 0) {
    throw new GoEnvError(`refusing to run go with variables outside the allowlist: ${unknown.sort().join(', ')}`);
  }
  if (!env.PATH) throw new GoEnvError('refusing to run go without PATH in its environment');
}
