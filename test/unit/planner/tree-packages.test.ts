/**
 * treePackages: a module dir's packages read from the repository's files. A local checkout lists
 * its files once for the whole tree and cuts each module's run out of that listing; the answer
 * must be what reading the module's own directory gives (an API tree's listing, a module under a
 * directory the walk skips).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { treePackages, type TreePackages } from '../../../src/planner/tree-packages.js';
import { fsTree, memoryTree } from '../../../src/workspace/tree.js';

const FILES: Record<string, string> = {
  'go.mod': 'module example.com/root\n\ngo 1.21\n',
  'main.go': 'package main\n\nimport (\n\t"fmt"\n\t_ "example.com/b"\n)\n',
  'main_test.go': 'package main\n\nimport _ "example.com/t"\n',
  'gen.go': '//go:build ignore\n\npackage main\n\nimport _ "example.com/u"\n',
  'pkg/x/x.go': 'package x\n\nimport _ "example.com/c"\n',
  'pkg/x/_skip.go': 'package x\n\nimport _ "example.com/skipped"\n',
  'vendor/example.com/v/v.go': 'package v\n',
  '.hidden/h.go': 'package h\n',
  // A nested module, with everything under it.
  'svc/go.mod': 'module example.com/svc\n\ngo 1.21\n',
  'svc/svc.go': 'package svc\n\nimport _ "example.com/s"\n',
  'svc/inner/i.go': 'package inner\n',
  // A sibling whose name extends the nested module's: still the root's.
  'svc2/s.go': 'package svc2\n',
  // A module under testdata, which only a replace reaches.
  'testdata/mod/go.mod': 'module example.com/td\n\ngo 1.21\n',
  'testdata/mod/td.go': 'package td\n\nimport _ "example.com/d"\n',
};

function shape(t: TreePackages) {
  return t.dirs.map((d) => ({ dir: d, imports: t.packages.imports(d), tests: t.packages.testImports(d) }));
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tree-packages-'));
  for (const [rel, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), text);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('treePackages', () => {
  it('reads a module’s packages without nested modules, skipped dirs, ignored files or _ files', async () => {
    const t = await treePackages(fsTree(root), '.');
    expect(shape(t)).toEqual([
      { dir: '', imports: ['example.com/b', 'fmt'], tests: ['example.com/t'] },
      { dir: 'pkg/x', imports: ['example.com/c'], tests: [] },
      { dir: 'svc2', imports: [], tests: [] },
    ]);
    expect(t.packages.has('svc')).toBe(false);
  });

  it('gives a local checkout and a listed tree the same answer for every module dir', async () => {
    const local = fsTree(root);
    const listed = memoryTree(FILES);
    for (const dir of ['.', 'svc', 'pkg/x']) {
      expect(shape(await treePackages(local, dir))).toEqual(shape(await treePackages(listed, dir)));
    }
    expect(shape(await treePackages(local, 'svc'))).toEqual([
      { dir: '', imports: ['example.com/s'], tests: [] },
      { dir: 'inner', imports: [], tests: [] },
    ]);
  });

  it('reads a module under a skipped directory from a local checkout', async () => {
    expect(shape(await treePackages(fsTree(root), 'testdata/mod'))).toEqual([
      { dir: '', imports: ['example.com/d'], tests: [] },
    ]);
  });
});
