/** Output capture: the cap keeps the tail of each stream and says how much it dropped. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoCommandError, resolveGoEnv, runGo, type GoEnv } from '../../src/toolchain/index.js';
import { droppedMarker } from '../../src/toolchain/output-tail.js';

// Writes n numbered lines to stdout and to stderr, then exits with the given code.
const PROGRAM = `package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	code, _ := strconv.Atoi(os.Args[2])
	out := bufio.NewWriter(os.Stdout)
	errw := bufio.NewWriter(os.Stderr)
	for i := 0; i < n; i++ {
		fmt.Fprintf(out, "out %06d\\n", i)
		fmt.Fprintf(errw, "err %06d\\n", i)
	}
	out.Flush()
	errw.Flush()
	os.Exit(code)
}
`;

let dir: string;
let env: GoEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steward-output-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/chatty\n\ngo 1.22\n');
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  env = await resolveGoEnv({ appEnv: process.env });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runGo output cap', () => {
  it('returns the same text as an uncapped run, cut to its tail', async () => {
    // A help text, not `go env`: its bytes do not depend on state the first run may create.
    const opts = { cwd: dir, env, timeoutMs: 60_000 };
    const full = await runGo(['help', 'environment'], { ...opts, maxOutputBytes: 1 << 20 });
    expect(full.stdoutDroppedBytes).toBe(0);
    const capped = await runGo(['help', 'environment'], { ...opts, maxOutputBytes: 300 });
    const size = Buffer.byteLength(full.stdout);
    expect(size).toBeGreaterThan(300);
    expect(capped.stdoutDroppedBytes).toBe(size - 300);
    expect(capped.stdout).toBe(`${droppedMarker(size - 300)}\n${full.stdout.slice(-300)}`);
    expect(capped.code).toBe(0);
    expect(capped.durationMs).toBeGreaterThan(0);
  });

  it('caps both streams of a large, failing run and still classifies it', async () => {
    const lines = 50_000; // 11 bytes a line: about 550 kB a stream
    const err = await runGo(['run', '.', String(lines), '3'], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      maxOutputBytes: 4096,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoCommandError);
    const failure = err as GoCommandError;
    expect(failure.exitCode).toBe(1);
    expect(failure.stderr.startsWith('[gomod-steward: ')).toBe(true);
    expect(Buffer.byteLength(failure.stderr)).toBeLessThan(4096 + 100);
    // go run reports the program's exit status last; the tail kept it.
    expect(failure.stderr).toMatch(/err 049999\nexit status 3\n$/);
    expect(failure.goMessage).toContain('exit status 3');
  });

  it('keeps everything when under the cap', async () => {
    const { stdout, stderr, stdoutDroppedBytes, stderrDroppedBytes } = await runGo(['run', '.', '3', '0'], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      maxOutputBytes: 4096,
    });
    expect(stdout).toBe('out 000000\nout 000001\nout 000002\n');
    expect(stderr).toBe('err 000000\nerr 000001\nerr 000002\n');
    expect(stdoutDroppedBytes + stderrDroppedBytes).toBe(0);
  });
});
