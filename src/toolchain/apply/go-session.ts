/**
 * Every go command apply runs goes through here: one environment built from the allowlist, the
 * app's secrets checked against it, and a record of each command so a benchmark can replay
 * exactly what ran. Module commands see the module alone (GOWORK=off, -mod=mod); workspace
 * commands see go.work (where Go only accepts -mod=readonly or vendor, so no -mod at all).
 * Measuring runs read-only: `go list -m all` with -mod=mod would add go.sum lines for the
 * whole module graph, lines tidy and `go work sync` then remove again.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoEnv } from '../go-env-names.js';
import { runGo, type GoRunResult } from '../run-go.js';
import type { GoCommandRecord } from './types.js';

export interface GoSessionOptions {
  root: string;
  env: GoEnv;
  secrets: readonly (string | undefined)[];
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
  onCommand?: (command: GoCommandRecord) => void;
  beforeCommand?: (cwd: string, args: readonly string[]) => Promise<void>;
}

export type GoMode = 'module' | 'readonly' | 'workspace';

/** GOFLAGS of the app with any -mod flag taken out: apply decides the module mode itself. */
export function goFlagsWithout(flags: string | undefined): string[] {
  return (flags ?? '').split(/\s+/).filter((f) => f !== '' && !/^--?mod(=|$)/.test(f));
}

export function envFor(base: GoEnv, mode: GoMode, root: string): GoEnv {
  const flags = goFlagsWithout(base.GOFLAGS);
  const env: Record<string, string> = { ...base };
  if (mode === 'module' || mode === 'readonly') {
    env.GOWORK = 'off';
    flags.push(mode === 'module' ? '-mod=mod' : '-mod=readonly');
  } else {
    env.GOWORK = join(root, 'go.work');
  }
  if (flags.length > 0) env.GOFLAGS = flags.join(' ');
  else delete env.GOFLAGS;
  return Object.freeze(env);
}

export class GoSession {
  private readonly envs: Record<GoMode, GoEnv>;
  /** Summed duration of every go command run so far. */
  goMs = 0;
  commands = 0;

  constructor(private readonly opts: GoSessionOptions) {
    this.envs = {
      module: envFor(opts.env, 'module', opts.root),
      readonly: envFor(opts.env, 'readonly', opts.root),
      workspace: envFor(opts.env, 'workspace', opts.root),
    };
  }

  private scratch: Promise<string> | undefined;

  /** Runs `go args` in repository dir `dir`; rejects with runGo's typed errors. */
  run(dir: string, args: string[], mode: GoMode = 'module'): Promise<GoRunResult> {
    return this.runAt(join(this.opts.root, dir), args, mode);
  }

  private gofmtPath: Promise<string> | undefined;

  /**
   * Runs the toolchain's own gofmt (GOROOT/bin/gofmt) in repository dir `dir`; where GOROOT has
   * none, `go run cmd/gofmt` builds the same program from GOROOT's sources.
   */
  async gofmt(dir: string, args: string[]): Promise<GoRunResult> {
    this.gofmtPath ??= this.run(dir, ['env', 'GOROOT'], 'readonly').then((r) => join(r.stdout.trim(), 'bin', 'gofmt'));
    const file = await this.gofmtPath;
    if (!existsSync(file)) return this.run(dir, ['run', 'cmd/gofmt', ...args]);
    return this.runAt(join(this.opts.root, dir), args, 'readonly', file);
  }

  /**
   * Runs a query that must not depend on any module's state (`go list -m path@version`) in an
   * empty directory outside the repository.
   */
  async runOutside(args: string[]): Promise<GoRunResult> {
    this.scratch ??= mkdtemp(join(tmpdir(), 'gomod-steward-query-'));
    return this.runAt(await this.scratch, args, 'readonly');
  }

  async close(): Promise<void> {
    if (this.scratch) await rm(await this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }

  private async runAt(cwd: string, args: string[], mode: GoMode, executable?: string): Promise<GoRunResult> {
    await this.opts.beforeCommand?.(cwd, args);
    const env = this.envs[mode];
    const started = performance.now();
    let ok = false;
    try {
      const result = await runGo(args, {
        cwd,
        env,
        timeoutMs: this.opts.timeoutMs,
        maxOutputBytes: this.opts.maxOutputBytes,
        secrets: this.opts.secrets,
        signal: this.opts.signal,
        ...(executable ? { executable } : {}),
      });
      ok = true;
      return result;
    } finally {
      const durationMs = performance.now() - started;
      this.goMs += durationMs;
      this.commands++;
      this.opts.onCommand?.({ args: [...args], cwd, env, durationMs, ok, ...(executable ? { executable } : {}) });
    }
  }
}
