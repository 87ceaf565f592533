/**
 * The toolchain limit fails closed: a worker with no go plans without it, but a go that is there
 * and cannot be asked stops the plan (a retry asks again) instead of letting it propose versions
 * apply's go would refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleSource } from '../../../src/gomod/types.js';
import { resolveToolchainLimit, ToolchainProbeError } from '../../../src/toolchain/toolchain-limit.js';

let root: string;
const source = { list: async () => [] } as unknown as ModuleSource;

/** A dir holding a `go` that runs `body` (a shell script). */
async function fakeGo(name: string, body: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'go'), `#!/bin/sh\n${body}\n`);
  await chmod(join(dir, 'go'), 0o755);
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gomod-steward-toolchain-limit-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveToolchainLimit', () => {
  it('reads the worker go’s release under GOTOOLCHAIN=local', async () => {
    const dir = await fakeGo('ok', `echo '{"GOVERSION": "go1.26.8", "GOOS": "linux", "GOARCH": "amd64"}'`);
    await expect(resolveToolchainLimit({ PATH: dir }, source)).resolves.toEqual({
      go: '1.26.8',
      why: "the worker's go is go1.26.8 and GOTOOLCHAIN=local",
    });
  });

  it('keeps the answer when a child the go left running still writes in its scratch HOME', async () => {
    // As Go's telemetry does: counter files appear under $HOME/.config/go/telemetry after go exits.
    const dir = await fakeGo(
      'telemetry',
      [
        '(i=0; while [ $i -lt 2000 ]; do /bin/mkdir -p "$HOME/.config/go/telemetry/local/$i" 2>/dev/null;',
        ' : > "$HOME/.config/go/telemetry/local/$i/c" 2>/dev/null; i=$((i+1)); done) >/dev/null 2>&1 &',
        `echo '{"GOVERSION": "go1.26.7", "GOOS": "linux", "GOARCH": "amd64"}'`,
      ].join(''),
    );
    await expect(resolveToolchainLimit({ PATH: dir }, source)).resolves.toMatchObject({
      go: '1.26.7',
    });
  });

  it('plans without a limit when there is no go at all', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty, { recursive: true });
    await expect(resolveToolchainLimit({ PATH: empty }, source)).resolves.toBeNull();
  });

  it('throws when the go that is there fails or prints no JSON, and asks again next time', async () => {
    const failing = await fakeGo('failing', 'echo boom >&2; exit 3');
    await expect(resolveToolchainLimit({ PATH: failing }, source)).rejects.toBeInstanceOf(ToolchainProbeError);
    await expect(resolveToolchainLimit({ PATH: failing }, source)).rejects.toThrow(/cannot ask .*go its version/);
    const garbled = await fakeGo('garbled', 'echo not-json');
    await expect(resolveToolchainLimit({ PATH: garbled }, source)).rejects.toThrow(/printed no JSON/);
  });
});
