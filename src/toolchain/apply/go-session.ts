/**
 * Every go command apply runs goes through here: one environment built from the allowlist, the
 * app's secrets checked against it, and a record of each command so a benchmark can replay
 * exactly what ran. Module commands see the module alone (GOWORK=off, -mod=mod); workspace
 * commands see go.work (where Go only accepts -mod=readonly or vendor, so no -mod at all).
 */
import { join, relative } from 'node:path';
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
}

export type GoMode = 'module' | 'workspace';

/** GOFLAGS of the app with any -mod flag taken out: apply decides the module mode itself. */
export function goFlagsWithout(flags: string | undefined): string[] {
  return (flags ?? '').split(/\s+/).filter((f) => f !== '' && !/^--?mod(=|$)/.test(f));
}

export function envFor(base: GoEnv, mode: GoMode, root: string): GoEnv {
  const flags = goFlagsWithout(base.GOFLAGS);
  const env: Record<string, string> = { ...base };
  if (mode === 'module') {
    env.GOWORK = 'off';
    flags.push('-mod=mod');
  } else {
    env.GOWORK = join(root, 'go.work');
  }
  if (flags.length > 0) env.GOFLAGS = flags.join(' ');
  else delete env.GOFLAGS;
  return Object.freeze(env);
}

export class GoSession {
  private readonly moduleEnv: GoEnv;
  private readonly workspaceEnv: GoEnv;
  /** Summed duration of every go command run so far. */
  goMs = 0;
  commands = 0;

  constructor(private readonly opts: GoSessionOptions) {
    this.moduleEnv = envFor(opts.env, 'module', opts.root);
    this.workspaceEnv = envFor(opts.env, 'workspace', opts.root);
  }

  /** Runs `go args` in repository dir `dir`; rejects with runGo's typed errors. */
  async run(dir: string, args: string[], mode: GoMode = 'module'): Promise<GoRunResult> {
    const cwd = join(this.opts.root, dir);
    const env = mode === 'module' ? this.moduleEnv : this.workspaceEnv;
    const started = performance.now();
    let ok = false;
    try {
      const result = await runGo(args, {
        cwd,
        env,
        timeoutMs: this.opts.timeoutMs,
        maxOutputBytes: this.opts.maxOutputBytes,
        secrets: this.opts.secrets,
        ...(this.opts.signal ? { signal: this.opts.signal } : {}),
      });
      ok = true;
      return result;
    } finally {
      const durationMs = performance.now() - started;
      this.goMs += durationMs;
      this.commands++;
      this.opts.onCommand?.({ args: [...args], cwd, env, durationMs, ok });
    }
  }

  /** How a command is named in messages: `go mod tidy` in libs/x. */
  describe(dir: string, args: readonly string[]): string {
    const where = relative(this.opts.root, join(this.opts.root, dir)) || '.';
    return `go ${args.join(' ')} (in ${where})`;
  }
}
