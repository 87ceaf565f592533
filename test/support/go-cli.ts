/** Runs the real Go command for tests: the oracle. Module checks run alone (GOWORK=off). */
import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { splitJsonStream } from '../../src/toolchain/apply/json-stream.js';

const pexec = promisify(execFile);

export async function go(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await pexec('go', args, {
    cwd,
    env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', ...env },
    maxBuffer: 256 << 20,
  });
  return stdout;
}

/** `go list -m -json ...` prints a stream of JSON objects, not an array. */
export function parseJsonStream<T>(text: string): T[] {
  return splitJsonStream(text) as T[];
}

export interface GoListModule {
  Path: string;
  Version?: string;
  Main?: boolean;
  Indirect?: boolean;
  Update?: { Path: string; Version: string };
  Replace?: { Path: string; Version?: string };
}

export async function goListModules(
  cwd: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<GoListModule[]> {
  return parseJsonStream<GoListModule>(await go(['list', '-m', '-json', ...extra, 'all'], cwd, env));
}

export const EXAMPLE_DIR = new URL('../../examples/commerce-platform/', import.meta.url).pathname;

/**
 * Fills the module cache with what every module of `root`'s go.work needs, from the module proxy,
 * so that tests which then refuse the network (GOPROXY=off) do not depend on which test ran first.
 */
export async function downloadWorkspaceModules(root: string = EXAMPLE_DIR): Promise<void> {
  const { stdout } = await pexec('go', ['work', 'edit', '-json'], {
    cwd: root,
    env: { ...process.env, GOTOOLCHAIN: 'local' },
  });
  const uses = (JSON.parse(stdout) as { Use?: { DiskPath: string }[] }).Use ?? [];
  for (const use of uses) await go(['mod', 'download'], join(root, use.DiskPath));
}

/** A writable copy of the example monorepo in a temp dir. */
export async function copyExample(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'commerce-platform-'));
  await cp(EXAMPLE_DIR, dir, { recursive: true });
  return dir;
}

export async function exampleModuleDirs(root = EXAMPLE_DIR): Promise<string[]> {
  const work = JSON.parse(await go(['work', 'edit', '-json'], root, { GOWORK: '' })) as { Use: { DiskPath: string }[] };
  return work.Use.map((u) => u.DiskPath.replace(/^\.\//, ''));
}
