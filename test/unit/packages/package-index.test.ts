/**
 * The package index kept beside a module zip: it says what the zip says, survives a round trip
 * through the disk cache, is rebuilt from the zip when the stored one is corrupt or of another
 * format, and lets a second plan over the same cache read no zip at all.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/config/schema.js';
import { modulePackages } from '../../../src/gomod/packages/module-packages.js';
import {
  buildPackageIndex,
  checkPackageIndex,
  decodePackageIndex,
  encodePackageIndex,
} from '../../../src/gomod/packages/package-index.js';
import { PackageIndexSchema } from '../../../src/gomod/packages/package-index-schema.js';
import { DiskCache } from '../../../src/gomod/proxy/disk-cache.js';
import { createPlan } from '../../../src/planner/plan.js';
import { proxyClientFromEnv } from '../../../src/toolchain/proxy-client.js';
import { memoryTree } from '../../../src/workspace/tree.js';
import { makeZip, startLocalProxy, type LocalProxy } from '../../support/local-proxy.js';

const files = {
  'a.example/m@v1.0.0/go.mod': 'module a.example/m\n',
  'a.example/m@v1.0.0/m.go': 'package m\n\nimport "b.example/x"\n',
  'a.example/m@v1.0.0/m_test.go': 'package m\n\nimport "c.example/testonly"\n',
  'a.example/m@v1.0.0/gen.go': '//go:build ignore\n\npackage main\n\nimport "d.example/generator"\n',
  'a.example/m@v1.0.0/sub/sub.go': 'package sub\n\nimport (\n\t"fmt"\n\t"f.example/y"\n)\n',
  'a.example/m@v1.0.0/onlytests/t_test.go': 'package onlytests\n',
};

describe('a package index', () => {
  it('holds every package with its imports and round-trips through its encoding', () => {
    const index = buildPackageIndex(makeZip(files), 'a.example/m', 'v1.0.0');
    expect(index.packages).toEqual([
      ['', ['b.example/x'], ['c.example/testonly']],
      ['onlytests', [], []],
      ['sub', ['f.example/y', 'fmt'], []],
    ]);
    const body = Buffer.from(encodePackageIndex(index));
    expect(decodePackageIndex(body, 'a.example/m', 'v1.0.0')).toEqual(index);
  });

  it('is not trusted when corrupt, of another format, or for another version', () => {
    const index = buildPackageIndex(makeZip(files), 'a.example/m', 'v1.0.0');
    const text = encodePackageIndex(index);
    expect(decodePackageIndex(Buffer.from(text.slice(0, 20)), 'a.example/m', 'v1.0.0')).toBeUndefined();
    expect(decodePackageIndex(Buffer.from('{"format":0}'), 'a.example/m', 'v1.0.0')).toBeUndefined();
    const old = Buffer.from(JSON.stringify({ ...index, format: 0 }));
    expect(decodePackageIndex(old, 'a.example/m', 'v1.0.0')).toBeUndefined();
    expect(decodePackageIndex(Buffer.from(text), 'a.example/m', 'v1.1.0')).toBeUndefined();
  });

  it('is checked by hand exactly as its schema checks it', () => {
    const index = buildPackageIndex(makeZip(files), 'a.example/m', 'v1.0.0');
    const shapes: unknown[] = [
      index,
      { ...index, extra: 1 },
      { ...index, packages: [] },
      { ...index, format: 0 },
      { ...index, format: String(index.format) },
      { ...index, path: 1 },
      { ...index, version: null },
      { format: index.format, path: index.path, version: index.version },
      { ...index, packages: {} },
      {
        ...index,
        packages: [
          ['', [], []],
          ['x', [], []],
        ],
      },
      { ...index, packages: [['', []]] },
      { ...index, packages: [['', [], [], []]] },
      { ...index, packages: [[1, [], []]] },
      { ...index, packages: [['', ['a', 2], []]] },
      { ...index, packages: [['', [], [null]]] },
      { ...index, packages: [['', 'a', []]] },
      { ...index, packages: [null] },
      [index],
      null,
      'index',
      42,
    ];
    for (const shape of shapes) {
      const r = PackageIndexSchema.safeParse(shape);
      expect(checkPackageIndex(shape)).toEqual(r.success ? r.data : undefined);
    }
  });
});

const A = 'example.org/a';
const B = 'example.org/b';
let proxy: LocalProxy;
const made: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gomod-steward-pkg-index-'));
  made.push(d);
  return d;
};
const client = (cacheDir: string) =>
  proxyClientFromEnv({ env: { GOPROXY: proxy.url, NETRC: '/nonexistent/netrc' }, cacheDir, retryBaseMs: 1 });

beforeAll(async () => {
  // a v1.1.0 brings in b, and its package imports b: go get in a pruned module then lists b.
  proxy = await startLocalProxy({
    modules: {
      [A]: {
        versions: {
          'v1.0.0': { mod: `module ${A}\n\ngo 1.21\n`, files: { 'a.go': 'package a\n' } },
          'v1.1.0': {
            mod: `module ${A}\n\ngo 1.21\n\nrequire ${B} v1.0.0\n`,
            files: { 'a.go': `package a\n\nimport _ "${B}/sub"\n` },
          },
        },
        latest: 'v1.1.0',
      },
      [B]: { versions: { 'v1.0.0': { mod: `module ${B}\n\ngo 1.21\n`, files: { 'sub/b.go': 'package sub\n' } } } },
    },
  });
});
afterAll(async () => {
  await proxy.close();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('the proxy client', () => {
  it('stores the index beside the zip, and rebuilds a corrupt one from the zip', async () => {
    const cacheDir = freshDir();
    const first = client(cacheDir);
    const pkgs = await modulePackages(first, A, 'v1.1.0');
    expect([pkgs.has(''), pkgs.imports('')]).toEqual([true, [`${B}/sub`]]);
    expect(first.stats().zipReads).toBe(1);
    // Asked again, from memory.
    await first.packageIndex(A, 'v1.1.0');
    expect(first.stats().zipReads).toBe(1);

    const file = new DiskCache(cacheDir).file(proxy.url, A, 'v1.1.0', 'pkgs.json');
    const stored = readFileSync(file);
    expect(decodePackageIndex(stored, A, 'v1.1.0')).toEqual(await first.packageIndex(A, 'v1.1.0'));

    const second = client(cacheDir);
    expect(await second.packageIndex(A, 'v1.1.0')).toEqual(decodePackageIndex(stored, A, 'v1.1.0'));
    expect(second.stats().zipReads).toBe(0);

    writeFileSync(file, stored.subarray(0, stored.length - 3));
    const third = client(cacheDir);
    expect(await third.packageIndex(A, 'v1.1.0')).toEqual(decodePackageIndex(stored, A, 'v1.1.0'));
    expect(third.stats().zipReads).toBe(1);
    expect(readFileSync(file)).toEqual(stored);
  });

  it('lets a second plan over the same cache read no zip, with the same plan', async () => {
    const cacheDir = freshDir();
    const tree = () =>
      memoryTree({
        'go.mod': `module example.org/repo\n\ngo 1.22\n\nrequire ${A} v1.0.0\n`,
        'main.go': 'package main\n',
      });
    const plan = async () => {
      const source = client(cacheDir);
      const p = await createPlan({ tree: tree(), root: '.', config: defaultConfig(), source });
      return { p, zipReads: source.stats().zipReads };
    };
    const first = await plan();
    expect(first.p.updates.map((u) => `${u.module}@${u.to}`)).toEqual([`${A}@v1.1.0`]);
    expect(first.zipReads).toBeGreaterThan(0);
    const second = await plan();
    expect(second.zipReads).toBe(0);
    expect(second.p).toEqual(first.p);
  });
});
