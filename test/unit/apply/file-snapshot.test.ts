import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSnapshot, moduleScope, workspaceScope } from '../../../src/toolchain/apply/file-snapshot.js';

let root: string;
const put = async (rel: string, text: string) => {
  await mkdir(join(root, rel, '..'), { recursive: true });
  await writeFile(join(root, rel), text);
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'snapshot-'));
  await put('go.work', 'go 1.22\n');
  await put('a/go.mod', 'module a\n');
  await put('a/go.sum', 'sum a\n');
  await put('a/vendor/modules.txt', '# x v1\n');
  await put('a/vendor/x/x.go', 'package x\n');
  await put('b/go.mod', 'module b\n');
  await put('a/main.go', 'package main\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileSnapshot', () => {
  it('sees changed, created and removed files of the scopes only, sorted', async () => {
    const s = await FileSnapshot.take(root, [moduleScope('a'), moduleScope('b'), workspaceScope]);
    await put('a/go.mod', 'module a\n\nrequire x v2\n');
    await put('b/go.sum', 'new\n');
    await rm(join(root, 'a/vendor/x/x.go'));
    await put('a/vendor/y/y.go', 'package y\n');
    await put('a/main.go', 'package main // not ours\n');
    await put('go.work.sum', 'ws\n');
    expect(await s.changed()).toEqual(['a/go.mod', 'a/vendor/x/x.go', 'a/vendor/y/y.go', 'b/go.sum', 'go.work.sum']);
    expect(await s.changed([moduleScope('b')])).toEqual(['b/go.sum']);
  });

  it('restores one scope to the original bytes, removing what Go created', async () => {
    const s = await FileSnapshot.take(root, [moduleScope('a'), moduleScope('b')]);
    await put('a/go.mod', 'broken');
    await put('a/vendor/y/y.go', 'package y\n');
    await rm(join(root, 'a/go.sum'));
    await put('b/go.sum', 'new\n');
    expect((await s.restore([moduleScope('a')])).sort()).toEqual(['a/go.mod', 'a/go.sum', 'a/vendor/y/y.go']);
    expect(await readFile(join(root, 'a/go.mod'), 'utf8')).toBe('module a\n');
    expect(await readFile(join(root, 'a/go.sum'), 'utf8')).toBe('sum a\n');
    expect(existsSync(join(root, 'a/vendor/y/y.go'))).toBe(false);
    expect(await s.changed()).toEqual(['b/go.sum']);
  });

  it('knows where the repository vendors and what the original text was', async () => {
    const s = await FileSnapshot.take(root, [moduleScope('a'), moduleScope('b'), workspaceScope]);
    expect(s.vendors(moduleScope('a'))).toBe(true);
    expect(s.vendors(moduleScope('b'))).toBe(false);
    expect(s.vendors(workspaceScope)).toBe(false);
    expect(s.text('b/go.mod')).toBe('module b\n');
    expect(s.text('b/go.sum')).toBeNull();
  });
});
