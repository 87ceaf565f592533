/**
 * The go-line pull request's change, made by the Go toolchain on a checkout: every module (and the
 * go.work) that declares a `go` line below the target gets `go mod edit -go=<target>` (the
 * `toolchain` line as `go-line.toolchain` says), then `go mod tidy`, then `go build ./...` with
 * -mod=readonly, so what is proposed builds as committed. Nothing here decides whether to raise:
 * the dashboard's box was ticked by someone allowed to. The changed files are a byte comparison
 * against the checkout as it was.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { StewardConfig } from '../config/defaults.js';
import { compareGoVersions } from '../gomod/go-version.js';
import { parseGoWork } from '../gomod/modfile/index.js';
import { discoverModules } from '../workspace/discover.js';
import { fsTree } from '../workspace/tree.js';
import { FileSnapshot, moduleScope, workspaceScope, type Scope } from './apply/file-snapshot.js';
import { GoSession } from './apply/go-session.js';
import { goLinesOf, type GoLines } from './apply/go-lines.js';
import { isGoFailure } from './apply/errors.js';
import { resolveGoEnv } from './go-env.js';
import { resolveGoSettings } from './go-settings.js';
import { openJobCredentials, type GitHeader } from './job-credentials.js';

export type ToolchainMode = StewardConfig['goLine']['toolchain'];

export interface RaiseGoLineOptions {
  /** The go line to write, as the held updates need it (`1.24` or `1.24.0`). */
  go: string;
  toolchain: ToolchainMode;
  appEnv?: Readonly<Record<string, string | undefined>>;
  cacheDir?: string;
  gitHeaders?: readonly GitHeader[];
  secrets?: readonly (string | undefined)[];
  signal?: AbortSignal;
  /** Per go command. Default 10 minutes. */
  timeoutMs?: number;
}

/** One go.mod (or the go.work, file `go.work`) whose lines moved. */
export interface RaisedLines {
  /** Module dir, "." for the root; the go.work is `file: go.work`. */
  dir: string;
  file: string;
  from: GoLines;
  to: GoLines;
}

export type RaiseGoLineResult =
  | { kind: 'nothing-to-raise' }
  | { kind: 'raised'; lines: RaisedLines[]; files: string[]; builtWith: string }
  | { kind: 'does-not-build'; dir: string; command: string; error: string };

const TOOLCHAIN = /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)$/;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** `-toolchain=…` for `go mod edit`/`go work edit`, or nothing when the line stays. */
export function toolchainEdit(current: string | null, go: string, mode: ToolchainMode, worker: string): string[] {
  const version = current === null ? null : (TOOLCHAIN.exec(current)?.[1] ?? null);
  if (mode === 'drop') return current === null ? [] : ['-toolchain=none'];
  if (mode === 'raise' && compareGoVersions(worker, go) > 0) {
    // Only upwards: a line naming a newer toolchain than the worker's stays.
    if (current !== null && (version === null || compareGoVersions(version, worker) >= 0)) return [];
    return [`-toolchain=go${worker}`];
  }
  // keep (or raise with nothing newer than the go line): a toolchain older than the go line is
  // never selected by Go, so it goes; any other stays as written.
  return version !== null && compareGoVersions(version, go) < 0 ? ['-toolchain=none'] : [];
}

export async function raiseGoLine(dir: string, opts: RaiseGoLineOptions): Promise<RaiseGoLineResult> {
  const appEnv = opts.appEnv ?? process.env;
  const settings = await resolveGoSettings(appEnv);
  const credentials = await openJobCredentials({ settings, gitHeaders: opts.gitHeaders });
  const root = resolve(dir);
  const env = { ...(await resolveGoEnv({ appEnv, cacheDir: opts.cacheDir, settings })), ...credentials.env };
  const go = new GoSession({
    root,
    env,
    secrets: [...(opts.secrets ?? []), appEnv.PRIVATE_KEY, appEnv.WEBHOOK_SECRET, appEnv.GITHUB_TOKEN],
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxOutputBytes: 1 << 20,
    signal: opts.signal,
  });
  try {
    return await raiseWith(root, go, opts);
  } finally {
    await go.close();
    await credentials.dispose();
  }
}

const below = (declared: string | null, go: string) => compareGoVersions(declared ?? '1.16', go) < 0;

async function raiseWith(root: string, go: GoSession, opts: RaiseGoLineOptions): Promise<RaiseGoLineResult> {
  const discovery = await discoverModules(fsTree(root));
  const targets = discovery.modules.filter((m) => below(m.goMod.go, opts.go)).map((m) => m.dir);
  const hasWork = discovery.goWork !== null && existsSync(join(root, 'go.work'));
  const workBelow = hasWork && below(discovery.goWork!.go, opts.go);
  if (!targets.length && !workBelow) return { kind: 'nothing-to-raise' };

  const worker = (await go.runOutside(['env', 'GOVERSION'])).stdout.trim().replace(/^go/, '');
  const scopes: Scope[] = [...targets.map(moduleScope), ...(hasWork ? [workspaceScope] : [])];
  const original = await FileSnapshot.take(root, scopes);
  const lines: RaisedLines[] = [];
  const linesOf = (file: string, text: string | null): GoLines => {
    if (file !== 'go.work' || text === null) return goLinesOf(file, text) ?? { go: null, toolchain: null };
    const w = parseGoWork(file, text);
    return { go: w.go, toolchain: w.toolchain };
  };
  const edit = async (d: string, file: string, verb: 'mod' | 'work') => {
    const from = linesOf(file, original.text(file));
    const args = [verb, 'edit', `-go=${opts.go}`, ...toolchainEdit(from.toolchain, opts.go, opts.toolchain, worker)];
    await go.run(d, args, verb === 'mod' ? 'module' : 'workspace');
    return from;
  };
  const step = async (d: string, args: string[], mode: 'module' | 'readonly'): Promise<RaiseGoLineResult | null> => {
    try {
      await go.run(d, args, mode);
      return null;
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      return {
        kind: 'does-not-build',
        dir: d,
        command: `go ${args.join(' ')}`,
        error: tail(err.goMessage || err.message, root),
      };
    }
  };

  for (const d of targets) {
    const file = d === '.' ? 'go.mod' : `${d}/go.mod`;
    lines.push({ dir: d, file, from: await edit(d, file, 'mod'), to: { go: null, toolchain: null } });
  }
  if (workBelow)
    lines.push({
      dir: '.',
      file: 'go.work',
      from: await edit('.', 'go.work', 'work'),
      to: { go: null, toolchain: null },
    });
  for (const d of targets) {
    const failed = (await step(d, ['mod', 'tidy'], 'module')) ?? (await step(d, ['build', './...'], 'readonly'));
    if (failed) return failed;
  }
  for (const l of lines) l.to = linesOf(l.file, await readFile(join(root, l.file), 'utf8'));
  return { kind: 'raised', lines, files: await original.changed(), builtWith: `go${worker}` };
}

/** Go's last lines, paths inside the checkout made relative. */
function tail(stderr: string, root: string): string {
  return stderr.split(`${root}/`).join('').trim().split('\n').slice(-20).join('\n');
}
