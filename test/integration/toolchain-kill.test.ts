/**
 * A timeout or an abort must take down the whole process group: `go run` builds a program
 * that starts a child of its own, and none of the three may survive.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoAbortedError, GoTimeoutError, resolveGoEnv, runGo, type GoEnv } from '../../src/toolchain/index.js';

const PROGRAM = `package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

// Usage: prog exit | prog <pidfile> [ignore-term] | prog child [ignore-term]
func main() {
	if len(os.Args) > 2 && os.Args[2] == "ignore-term" {
		signal.Ignore(syscall.SIGTERM)
	}
	switch os.Args[1] {
	case "exit":
		return
	case "child":
		time.Sleep(time.Hour)
		return
	}
	self, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(self, append([]string{"child"}, os.Args[2:]...)...)
	if err := cmd.Start(); err != nil {
		panic(err)
	}
	tmp := os.Args[1] + ".tmp"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d %d", os.Getpid(), cmd.Process.Pid)), 0o644); err != nil {
		panic(err)
	}
	if err := os.Rename(tmp, os.Args[1]); err != nil {
		panic(err)
	}
	time.Sleep(time.Hour)
}
`;

let dir: string;
let env: GoEnv;

/** Alive means present and not a zombie waiting for a parent to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** A SIGKILL is delivered when the target is next scheduled: allow a moment. */
async function gone(pid: number, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

function readPids(file: string): number[] {
  expect(existsSync(file)).toBe(true);
  const pids = readFileSync(file, 'utf8').split(' ').map(Number);
  expect(pids).toHaveLength(2);
  return pids;
}

async function waitFor(file: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(file) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steward-kill-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/sleeper\n\ngo 1.22\n');
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  env = await resolveGoEnv({ appEnv: process.env });
  // Build (and cache) the program once, so the runs below spend their time budget running it.
  await runGo(['run', '.', 'exit'], { cwd: dir, env, timeoutMs: 60_000, maxOutputBytes: 1 << 16 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runGo process-group kill', () => {
  it('kills go, the program and its child on timeout', async () => {
    const pidFile = join(dir, 'timeout.pids');
    const started = Date.now();
    const run = runGo(['run', '.', pidFile], { cwd: dir, env, timeoutMs: 3000, maxOutputBytes: 1 << 16 });
    await expect(run).rejects.toBeInstanceOf(GoTimeoutError);
    await expect(run).rejects.toMatchObject({ timeoutMs: 3000, dir });
    expect(Date.now() - started).toBeLessThan(3000 + 3000 + 2000);
    const pids = readPids(pidFile);
    for (const pid of pids) expect(await gone(pid)).toBe(true);
  });

  it('kills a program and child that ignore SIGTERM', async () => {
    const pidFile = join(dir, 'stubborn.pids');
    const started = Date.now();
    const run = runGo(['run', '.', pidFile, 'ignore-term'], {
      cwd: dir,
      env,
      timeoutMs: 2500,
      killGraceMs: 700,
      maxOutputBytes: 1 << 16,
    });
    await expect(run).rejects.toBeInstanceOf(GoTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    const pids = readPids(pidFile);
    for (const pid of pids) expect(await gone(pid)).toBe(true);
  });

  it('does not start go when the signal has already fired', async () => {
    const pidFile = join(dir, 'never.pids');
    const run = runGo(['run', '.', pidFile], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      maxOutputBytes: 1 << 16,
      signal: AbortSignal.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(GoAbortedError);
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(pidFile)).toBe(false);
  });

  it('kills the group when the caller aborts', async () => {
    const pidFile = join(dir, 'abort.pids');
    const controller = new AbortController();
    const run = runGo(['run', '.', pidFile], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      maxOutputBytes: 1 << 16,
      signal: controller.signal,
    });
    await waitFor(pidFile, 20_000);
    const pids = readPids(pidFile);
    for (const pid of pids) expect(alive(pid)).toBe(true);
    controller.abort(new Error('shutting down'));
    await expect(run).rejects.toBeInstanceOf(GoAbortedError);
    for (const pid of pids) expect(await gone(pid)).toBe(true);
  });
});
