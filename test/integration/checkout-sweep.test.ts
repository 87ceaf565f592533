/**
 * A worker killed during apply leaves its checkout and its go/git children (they run in process
 * groups of their own). The next start sweeps them: folders whose owner process is dead are
 * removed and whatever still runs inside is killed; a live owner's folder is left alone.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCheckoutDir, processesIn, sweepStaleCheckouts } from '../../src/toolchain/checkout-dir.js';

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

/** A pid that was alive and is not any more: a process that ran and exited. */
async function deadPid(): Promise<number> {
  const c = spawn('true');
  await new Promise((r) => c.once('exit', r));
  return c.pid!;
}

async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed child stays a zombie until reaped; /proc says which.
  const { readFile } = await import('node:fs/promises');
  const st = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return st !== '' && !/^\d+ \(.*\) Z /.test(st);
}

describe('sweeping stale checkouts', () => {
  it("removes a dead owner's folder and kills the process group still running in it; keeps a live owner's", async () => {
    const root = await mkdtemp(join(tmpdir(), 'sweep-'));
    roots.push(root);
    const mine = await makeCheckoutDir(root);
    const orphan = join(root, 'gomod-steward-apply-orphan');
    await mkdir(join(orphan, 'repo'), { recursive: true });
    await writeFile(join(orphan, '.owner'), `${await deadPid()}\n`);
    // As run-go does: a group of its own, working in the checkout; a grandchild too.
    spawn('sh', ['-c', 'sleep 300 & sleep 300'], {
      cwd: join(orphan, 'repo'),
      detached: true,
      stdio: 'ignore',
    });
    const until = Date.now() + 10_000;
    while ((await processesIn(orphan)).length < 2) {
      if (Date.now() > until) throw new Error('the children did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const inside = await processesIn(orphan);

    const result = await sweepStaleCheckouts(root);

    expect(result.removed).toEqual([orphan]);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    const deadline = Date.now() + 10_000;
    while ((await Promise.all(inside.map(alive))).some(Boolean)) {
      if (Date.now() > deadline) throw new Error(`still running: ${inside.join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('leaves a folder without an owner file alone while it is young (mkdtemp before the write)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sweep-'));
    roots.push(root);
    const young = join(root, 'gomod-steward-apply-young');
    await mkdir(young);
    expect((await sweepStaleCheckouts(root)).removed).toEqual([]);
    expect((await sweepStaleCheckouts(root, Date.now() + 11 * 60_000)).removed).toEqual([young]);
  });
});
