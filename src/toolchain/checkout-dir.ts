/**
 * Checkout folders that outlive a killed worker are found and removed on the next start. Each
 * folder records the pid of the process that made it (`.owner`); a sweep removes the folders
 * whose owner is no longer alive, after killing every process still working inside one (a `go`
 * or `git` child of the dead worker, found by its working directory under /proc: those children
 * run in process groups of their own, so the worker's death does not take them along).
 */
import { mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

export const CHECKOUT_PREFIX = 'gomod-steward-apply-';
const OWNER_FILE = '.owner';
/** A folder without an owner file this old was left by a crash between mkdtemp and the write. */
const UNOWNED_AFTER_MS = 10 * 60_000;

/** A new checkout folder under `root`, marked as this process's. */
export async function makeCheckoutDir(root: string): Promise<string> {
  const dir = await mkdtemp(join(root, CHECKOUT_PREFIX));
  await writeFile(join(dir, OWNER_FILE), `${process.pid}\n`);
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stale(dir: string, now: number): Promise<boolean> {
  const owner = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
  if (owner === undefined) return now - (await stat(dir)).mtimeMs > UNOWNED_AFTER_MS;
  const pid = Number(owner.trim());
  return !Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && !alive(pid));
}

/** Pids of processes whose working directory is `dir` or below (Linux /proc; elsewhere none). */
export async function processesIn(dir: string): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const cwd = await readlink(`/proc/${e}/cwd`).catch(() => undefined);
    if (cwd && (cwd === dir || cwd.startsWith(dir + sep))) found.push(Number(e));
  }
  return found;
}

export interface SweepResult {
  removed: string[];
  killed: number[];
}

/** Removes the checkout folders under `root` whose owner is dead, killing what still runs in them. */
export async function sweepStaleCheckouts(root: string, now: number = Date.now()): Promise<SweepResult> {
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => n.startsWith(CHECKOUT_PREFIX));
  const result: SweepResult = { removed: [], killed: [] };
  for (const name of names) {
    const dir = join(root, name);
    if (!(await stale(dir, now).catch(() => false))) continue;
    for (const pid of await processesIn(dir)) {
      // Its whole process group when it leads one (go and git children do), else the process.
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // Not a group leader, or gone meanwhile.
        }
      }
      result.killed.push(pid);
    }
    await rm(dir, { recursive: true, force: true });
    result.removed.push(dir);
  }
  return result;
}
