/**
 * Runs one `run:` script the way GitHub's Linux runner does: the text goes to a file that the
 * shell executes. The script runs in a process group of its own so that a timeout or a
 * cancellation stops what it started too (go test leaves compilers and test binaries running).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import type { Shell } from './workflow-types.js';

export interface ScriptOptions {
  /** Undefined: no shell was named, which GitHub runs without pipefail. */
  shell: Shell | undefined;
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  tempDir: string;
  signal: AbortSignal;
  onOutput(stream: 'stdout' | 'stderr', chunk: Buffer): void;
  /** Process groups started, for the job to clean up what a step left running in the background. */
  onGroup(pid: number): void;
}

export type ScriptEnd = { kind: 'exit'; code: number } | { kind: 'killed' } | { kind: 'spawn-error'; message: string };

/** The command line GitHub shows as "shell:", with {0} for the script file. */
export function shellCommand(shell: Shell | undefined): string[] {
  if (shell === 'bash') return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '{0}'];
  if (shell === 'sh') return ['sh', '-e', '{0}'];
  return ['bash', '-e', '{0}'];
}

/** Time between asking a process group to stop and making it. */
const KILL_GRACE_MS = 2000;
/** How long output from background processes is still read once the shell has exited. */
const DRAIN_MS = 1000;

export async function runScript(o: ScriptOptions): Promise<ScriptEnd> {
  const file = join(o.tempDir, `${randomUUID()}.sh`);
  await writeFile(file, o.script);
  const [command, ...args] = shellCommand(o.shell).map((a) => (a === '{0}' ? file : a)) as [string, ...string[]];
  if (o.signal.aborted) return { kind: 'killed' };

  return new Promise<ScriptEnd>((resolve) => {
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let killed = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const signalGroup = (sig: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const onAbort = (): void => {
      killed = true;
      signalGroup('SIGTERM');
      graceTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
      graceTimer.unref();
    };
    if (child.pid !== undefined) o.onGroup(child.pid);
    child.stdout.on('data', (c: Buffer) => o.onOutput('stdout', c));
    child.stderr.on('data', (c: Buffer) => o.onOutput('stderr', c));
    o.signal.addEventListener('abort', onAbort, { once: true });

    let settled = false;
    const finish = (end: ScriptEnd): void => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener('abort', onAbort);
      if (graceTimer) clearTimeout(graceTimer);
      resolve(end);
    };
    child.on('error', (err) => finish({ kind: 'spawn-error', message: err.message }));
    child.on('exit', (code, sig) => {
      const end: ScriptEnd = killed
        ? { kind: 'killed' }
        : { kind: 'exit', code: code ?? 128 + (sig ? (constants.signals[sig] ?? 0) : 0) };
      // A background process may hold the pipes open; read what is there, then stop waiting.
      const drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(end);
      }, DRAIN_MS);
      child.on('close', () => {
        clearTimeout(drain);
        finish(end);
      });
    });
  });
}
