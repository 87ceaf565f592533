/**
 * The go-line change (toolchain/raise-go-line.ts) on a small workspace against a local module
 * proxy, held to Go itself: after it, every raised module builds and `go mod tidy -diff` finds
 * nothing to change; the go.work is raised with them; a module that already declares enough is
 * not touched; each `go-line.toolchain` mode leaves the toolchain line it promises; a second run
 * has nothing left to raise.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { raiseGoLine, toolchainEdit, type ToolchainMode } from '../../src/toolchain/raise-go-line.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';
import { fakeModule, goIn, proxyGoEnv, tempDir, writeTree } from './apply-fixtures.js';

const FILES = {
  'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n\t./c\n\t./d\n)\n',
  'a/go.mod': 'module example.com/gl/a\n\ngo 1.22\n\ntoolchain go1.22.5\n\nrequire example.com/dep v1.0.0\n',
  'a/a.go': 'package a\n\nimport "example.com/dep"\n\nvar V = dep.V()\n',
  'b/go.mod': 'module example.com/gl/b\n\ngo 1.24.0\n',
  'b/b.go': 'package b\n',
  'c/go.mod': 'module example.com/gl/c\n\ngo 1.21\n',
  'c/c.go': 'package c\n',
  // Below go 1.17 a go.mod lists no indirect requirements; at 1.24 it must (graph pruning): only
  // `go mod tidy` after the raise makes it build read-only.
  'd/go.mod': 'module example.com/gl/d\n\ngo 1.16\n\nrequire example.com/mid v1.0.0\n',
  'd/d.go': 'package d\n\nimport "example.com/mid"\n\nvar V = mid.V()\n',
};

const MID = {
  versions: {
    'v1.0.0': {
      mod: 'module example.com/mid\n\ngo 1.16\n\nrequire example.com/leaf v1.0.0\n',
      files: { 'mid.go': 'package mid\n\nimport "example.com/leaf"\n\nfunc V() string { return leaf.V() }\n' },
    },
  },
};

let proxy: LocalProxy;
let work: string;
let seed: string;
let worker: string;

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: {
      'example.com/dep': fakeModule('example.com/dep', { 'v1.0.0': '1.22' }),
      'example.com/leaf': fakeModule('example.com/leaf', { 'v1.0.0': '1.16' }),
      'example.com/mid': MID,
    },
  });
  work = await tempDir('raise-go-line');
  seed = join(work, 'seed');
  await writeTree(seed, FILES);
  const env = proxyGoEnv(proxy.url, join(work, 'modcache'));
  await goIn(join(seed, 'a'), ['mod', 'tidy'], env);
  await goIn(join(seed, 'd'), ['mod', 'tidy'], env);
  worker = (await goIn(seed, ['env', 'GOVERSION'], env)).trim();
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function raised(name: string, mode: ToolchainMode, go = '1.24.0') {
  const dir = join(work, name);
  await cp(seed, dir, { recursive: true });
  const result = await raiseGoLine(dir, {
    go,
    toolchain: mode,
    appEnv: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GOPROXY: proxy.url,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
    },
    cacheDir: join(work, 'cache'),
  });
  return { dir, result };
}

const env = () => proxyGoEnv(proxy.url, join(work, 'modcache'));

describe('raiseGoLine', () => {
  it('raises every module below the target and the go.work; Go builds each and tidy has nothing to add', async () => {
    const { dir, result } = await raised('keep', 'keep');
    expect(result).toEqual({
      kind: 'raised',
      builtWith: worker,
      files: ['a/go.mod', 'c/go.mod', 'd/go.mod', 'go.work'],
      lines: [
        {
          dir: 'a',
          file: 'a/go.mod',
          from: { go: '1.22', toolchain: 'go1.22.5' },
          to: { go: '1.24.0', toolchain: null },
        },
        { dir: 'c', file: 'c/go.mod', from: { go: '1.21', toolchain: null }, to: { go: '1.24.0', toolchain: null } },
        { dir: 'd', file: 'd/go.mod', from: { go: '1.16', toolchain: null }, to: { go: '1.24.0', toolchain: null } },
        { dir: '.', file: 'go.work', from: { go: '1.22', toolchain: null }, to: { go: '1.24.0', toolchain: null } },
      ],
    });
    expect(await readFile(join(dir, 'd/go.mod'), 'utf8')).toMatch(/example\.com\/leaf v1\.0\.0 \/\/ indirect/);
    for (const m of ['a', 'b', 'c', 'd']) {
      await goIn(join(dir, m), ['build', './...'], { ...env(), GOFLAGS: '-mod=readonly' });
      await goIn(join(dir, m), ['mod', 'tidy', '-diff'], env());
      // The workspace as a whole is valid again and builds too.
      await goIn(join(dir, m), ['build', './...'], { ...env(), GOWORK: join(dir, 'go.work'), GOFLAGS: '' });
    }
    expect(await readFile(join(dir, 'b/go.mod'), 'utf8')).toBe(FILES['b/go.mod']);
    // A second run (a retried job, a second tick) has nothing left to do.
    const again = await raiseGoLine(dir, {
      go: '1.24.0',
      toolchain: 'keep',
      appEnv: { PATH: process.env.PATH, HOME: process.env.HOME, GOPROXY: proxy.url, GOSUMDB: 'off' },
      cacheDir: join(work, 'cache'),
    });
    expect(again).toEqual({ kind: 'nothing-to-raise' });
  }, 120_000);

  it('toolchain: raise names the worker go, drop removes the line', async () => {
    const up = await raised('raise', 'raise');
    expect(up.result.kind === 'raised' && up.result.lines.map((l) => [l.dir, l.to.toolchain])).toEqual([
      ['a', worker],
      ['c', worker],
      ['d', worker],
      ['.', worker],
    ]);
    await goIn(join(up.dir, 'a'), ['mod', 'tidy', '-diff'], env());
    const down = await raised('drop', 'drop');
    expect(down.result.kind === 'raised' && down.result.lines.map((l) => [l.dir, l.to.toolchain])).toEqual([
      ['a', null],
      ['c', null],
      ['d', null],
      ['.', null],
    ]);
  }, 120_000);

  it('a module that does not build at the new line is reported with Go’s words, nothing to publish', async () => {
    await writeTree(join(work, 'broken-seed'), { ...FILES, 'c/c.go': 'package c\n\nvar X int = "no"\n' });
    const dir = join(work, 'broken');
    await cp(join(work, 'broken-seed'), dir, { recursive: true });
    await cp(join(seed, 'a/go.sum'), join(dir, 'a/go.sum'));
    await cp(join(seed, 'd/go.sum'), join(dir, 'd/go.sum'));
    const result = await raiseGoLine(dir, {
      go: '1.24.0',
      toolchain: 'keep',
      appEnv: { PATH: process.env.PATH, HOME: process.env.HOME, GOPROXY: proxy.url, GOSUMDB: 'off' },
      cacheDir: join(work, 'cache'),
    });
    expect(result).toMatchObject({ kind: 'does-not-build', dir: 'c', command: 'go build ./...' });
    expect(result.kind === 'does-not-build' && result.error).toMatch(/cannot use "no"/);
  }, 120_000);
});

describe('toolchainEdit', () => {
  it('keeps, raises or drops the toolchain line', () => {
    expect(toolchainEdit('go1.22.5', '1.24.0', 'keep', '1.26.8')).toEqual(['-toolchain=none']);
    expect(toolchainEdit('go1.25.1', '1.24.0', 'keep', '1.26.8')).toEqual([]);
    expect(toolchainEdit(null, '1.24.0', 'keep', '1.26.8')).toEqual([]);
    expect(toolchainEdit(null, '1.24.0', 'raise', '1.26.8')).toEqual(['-toolchain=go1.26.8']);
    expect(toolchainEdit('go1.27.0', '1.24.0', 'raise', '1.26.8')).toEqual([]);
    expect(toolchainEdit('go1.22.5', '1.26.8', 'raise', '1.26.8')).toEqual(['-toolchain=none']);
    expect(toolchainEdit('go1.25.1', '1.24.0', 'drop', '1.26.8')).toEqual(['-toolchain=none']);
    expect(toolchainEdit(null, '1.24.0', 'drop', '1.26.8')).toEqual([]);
  });
});
