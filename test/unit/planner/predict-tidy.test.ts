/**
 * The tidy prediction on small hand-built modules, held to Go: each world is served by a file
 * proxy, the repository is laid out on disk, and the plan's carried (get, then go mod tidy, then
 * go work sync where there is a go.work) is compared with what `go get` + `go mod tidy` (+ sync)
 * do to `go list -m all` (test/oracles/monorepo-differential.ts in apply mode).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig, type StewardConfig } from '../../../src/config/schema.js';
import { CARRIED_MAY_DIFFER } from '../../../src/planner/plan-schema.js';
import { proxyClientFromEnv } from '../../../src/toolchain/proxy-client.js';
import { writeFileProxy, type ProxyModule } from '../../oracles/file-proxy.js';
import { runDifferential, type Differential } from '../../oracles/monorepo-differential.js';

const config: StewardConfig = { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'], goDirective: 'allow' };

const mod = (path: string, version: string, goMod: string, files: Record<string, string>): ProxyModule => ({
  path,
  version,
  goMod: `module ${path}\n\n${goMod}`,
  files,
});

/** The module world: b's new version imports c; a's tests import t; u is required and never imported. */
const PROXY: ProxyModule[] = [
  mod('example.com/a', 'v1.0.0', 'go 1.21\n\nrequire example.com/t v1.0.0\n', {
    'a.go': 'package a\n\nimport _ "example.com/b"\n',
    'a_test.go': 'package a\n\nimport _ "example.com/t"\n',
  }),
  mod('example.com/b', 'v1.0.0', 'go 1.21\n', { 'b.go': 'package b\n' }),
  mod('example.com/b', 'v1.1.0', 'go 1.21\n\nrequire example.com/c v1.0.0\n', {
    'b.go': 'package b\n\nimport _ "example.com/c"\n',
  }),
  mod('example.com/c', 'v1.0.0', 'go 1.21\n\nrequire example.com/old v1.0.0\n', {
    'c.go': 'package c\n',
    'c_test.go': 'package c\n\nimport _ "example.com/old"\n',
  }),
  mod('example.com/old', 'v1.0.0', 'go 1.21\n', { 'old.go': 'package old\n' }),
  // Two modules with the package example.com/amb/sub: an import of it is ambiguous.
  mod('example.com/amb', 'v1.0.0', 'go 1.21\n', { 'sub/sub.go': 'package sub\n' }),
  mod('example.com/amb/sub', 'v1.0.0', 'go 1.21\n', { 'sub.go': 'package sub\n' }),
  // The old monolith mono still has the package example.com/mono/rpc, since split into its own module.
  mod('example.com/mono', 'v1.0.0', 'go 1.21\n', { 'rpc/rpc.go': 'package rpc\n' }),
  mod('example.com/mono/rpc', 'v1.0.0', 'go 1.21\n', { 'rpc.go': 'package rpc\n' }),
  // Unlisted, so that no plan proposes it: only a's requirement brings it in.
  { ...mod('example.com/mono/rpc', 'v1.1.0', 'go 1.21\n', { 'rpc.go': 'package rpc\n' }), listed: false },
  // A go 1.16 module, so that a module requiring it stays unpruned; v1.1.0 only reaches by requirement.
  mod('example.com/r16', 'v1.0.0', 'go 1.16\n', { 'r.go': 'package r\n' }),
  { ...mod('example.com/r16', 'v1.1.0', 'go 1.16\n', { 'r.go': 'package r\n' }), listed: false },
  // p imports q; q's test imports f, which only q requires (f's newest is v1.1.0).
  mod('example.com/p', 'v1.0.0', 'go 1.21\n\nrequire example.com/q v1.0.0\n', {
    'p.go': 'package p\n\nimport _ "example.com/q"\n',
  }),
  mod('example.com/q', 'v1.0.0', 'go 1.21\n\nrequire example.com/f v1.0.0\n', {
    'q.go': 'package q\n',
    'q_test.go': 'package q\n\nimport _ "example.com/f"\n',
  }),
  mod('example.com/f', 'v1.0.0', 'go 1.21\n', { 'f.go': 'package f\n' }),
  mod('example.com/f', 'v1.1.0', 'go 1.21\n', { 'f.go': 'package f\n' }),
  mod('example.com/t', 'v1.0.0', 'go 1.21\n', { 't.go': 'package t\n' }),
  mod('example.com/u', 'v1.0.0', 'go 1.21\n\nrequire example.com/old v1.0.0\n', { 'u.go': 'package u\n' }),
];

/** Repository files per world; every module requires u (unused) and a (imported). */
const WORLDS: Record<string, Record<string, string>> = {
  // Pruned: tidy drops u (and old with it), keeps b's new dependency c, and a's test dependency t.
  pruned: {
    'go.mod':
      'module example.com/main\n\ngo 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/u v1.0.0\n)\n',
    'main.go': 'package main\n\nimport _ "example.com/a"\n\nfunc main() {}\n',
    'internal/x/x_test.go': 'package x\n\nimport _ "example.com/b"\n',
    'gen.go': '//go:build ignore\n\npackage main\n\nimport _ "example.com/u"\n',
  },
  // Unpruned (go 1.16): tidy keeps MVS over the providers of every loaded package.
  unpruned: {
    'go.mod':
      'module example.com/main\n\ngo 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/u v1.0.0\n)\n',
    'main.go': 'package main\n\nimport _ "example.com/a"\n\nfunc main() {}\n',
  },
  // A library and a service replacing it locally, in a workspace: the service is tidied after the
  // library and sees its tidied go.mod; sync then spreads the workspace's versions.
  workspace: {
    'go.work': 'go 1.21\n\nuse (\n\t./lib\n\t./svc\n)\n',
    'lib/go.mod': 'module example.com/lib\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/u v1.0.0\n)\n',
    'lib/lib.go': 'package lib\n\nimport _ "example.com/b"\n',
    'svc/go.mod':
      'module example.com/svc\n\ngo 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/lib v0.0.0\n)\n\nreplace example.com/lib => ../lib\n',
    'svc/svc.go': 'package svc\n\nimport (\n\t_ "example.com/a"\n\t_ "example.com/lib"\n)\n',
  },
  // Sync edits an unpruned workspace module (old, go 1.16) too: it raises r16 to lib's version.
  unprunedSync: {
    'go.work': 'go 1.21\n\nuse (\n\t./lib\n\t./old\n)\n',
    'lib/go.mod': 'module example.com/lib\n\ngo 1.21\n\nrequire example.com/r16 v1.1.0\n',
    'lib/lib.go': 'package lib\n\nimport _ "example.com/r16"\n',
    'old/go.mod': 'module example.com/old\n\ngo 1.16\n\nrequire example.com/r16 v1.0.0\n',
    'old/old.go': 'package old\n\nimport _ "example.com/r16"\n',
  },
  // One go work sync keeps what it read of a replacement's go.mod by the path as spelled: a/x reads
  // `../` (a) first, so b/y's `../` requires what a requires, and sync raises rpc in b/y. The
  // workspace cannot say which module has mono/rpc (c's mono has it too), so sync does not pick
  // rpc's version for b/y itself; b/y alone sees only the rpc module.
  spelled: {
    'go.work': 'go 1.21\n\nuse (\n\t./a\n\t./a/x\n\t./b\n\t./b/y\n\t./c\n)\n',
    'a/go.mod': 'module example.com/a\n\ngo 1.21\n\nrequire example.com/mono/rpc v1.1.0\n',
    'a/a.go': 'package a\n\nimport _ "example.com/mono/rpc"\n',
    'a/x/go.mod':
      'module example.com/a/x\n\ngo 1.21\n\nrequire example.com/a v0.0.0\n\nrequire example.com/mono/rpc v1.1.0 // indirect\n\nreplace example.com/a => ../\n',
    'a/x/x.go': 'package x\n\nimport _ "example.com/a"\n',
    'b/go.mod': 'module example.com/b\n\ngo 1.21\n\nrequire example.com/mono/rpc v1.0.0\n',
    'b/b.go': 'package b\n\nimport _ "example.com/mono/rpc"\n',
    'b/y/go.mod':
      'module example.com/b/y\n\ngo 1.21\n\nrequire example.com/b v0.0.0\n\nrequire example.com/mono/rpc v1.0.0 // indirect\n\nreplace example.com/b => ../\n',
    'b/y/y.go': 'package y\n\nimport _ "example.com/b"\n',
    'c/go.mod': 'module example.com/c\n\ngo 1.21\n\nrequire example.com/mono v1.0.0\n',
    'c/c.go': 'package c\n',
  },
  // q's test imports f, which is not in the pruned graph until tidy lists q (it provides a
  // package of "all") and so reads q's requirements: f comes at q's v1.0.0, not looked up.
  promoted: {
    'go.mod': 'module example.com/main\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/p v1.0.0\n)\n',
    'main.go': 'package main\n\nimport (\n\t_ "example.com/b"\n\t_ "example.com/p"\n)\n\nfunc main() {}\n',
  },
  // An import no module of the build list provides: tidy looks one up (t, at its latest).
  missing: {
    'go.mod': 'module example.com/main\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/u v1.0.0\n)\n',
    'main.go': 'package main\n\nimport _ "example.com/b"\n\nfunc main() {}\n',
    'main_test.go': 'package main\n\nimport _ "example.com/t"\n',
  },
  // An ambiguous import: go mod tidy fails, so the plan warns that dir with why.
  ambiguous: {
    'go.mod':
      'module example.com/main\n\ngo 1.21\n\nrequire (\n\texample.com/amb v1.0.0\n\texample.com/amb/sub v1.0.0\n\texample.com/b v1.0.0\n)\n',
    'main.go': 'package main\n\nimport (\n\t_ "example.com/amb/sub"\n\t_ "example.com/b"\n)\n\nfunc main() {}\n',
  },
};

describe('the tidy prediction against go mod tidy', () => {
  let work: string;
  const results = new Map<string, Differential>();

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'predict-tidy-'));
    const proxyUrl = await writeFileProxy(join(work, 'proxy'), PROXY);
    const env = { GOPROXY: proxyUrl, GOSUMDB: 'off' };
    const source = proxyClientFromEnv({ env: { ...process.env, ...env }, cacheDir: false });
    for (const [name, files] of Object.entries(WORLDS)) {
      const root = join(work, name);
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, file)), { recursive: true });
        await writeFile(join(root, file), text);
      }
      const dirs = Object.keys(files)
        .filter((f) => f.endsWith('go.mod'))
        .map((f) => (f === 'go.mod' ? '.' : dirname(f)));
      const corpus = {
        root,
        modCache: join(work, 'modcache'),
        missing: [],
        modules: dirs.map((dir) => ({ dir, path: '', version: '' })),
      };
      results.set(name, await runDifferential(corpus, { config, source, env, mode: 'apply' }));
    }
  }, 120_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(['pruned', 'unpruned', 'workspace', 'unprunedSync', 'spelled', 'promoted', 'missing'])(
    'predicts %s carried exactly as get and tidy leave it',
    (name) => {
      const d = results.get(name)!;
      expect(d.getFailures).toEqual([]);
      expect(d.carried.length).toBeGreaterThan(0);
      for (const c of d.carried)
        expect({ dir: c.dir, predicted: c.predicted }).toEqual({ dir: c.dir, predicted: c.actual });
      // Certain: no warning.
      expect(d.plan.warnings.filter((w) => w.message.startsWith(CARRIED_MAY_DIFFER))).toEqual([]);
    },
  );

  it('sees tidy drop a requirement nothing imports and keep a new version’s dependency', () => {
    const carried = results.get('pruned')!.carried[0]!.actual;
    expect(carried).toEqual(
      expect.arrayContaining([
        { module: 'example.com/c', from: null, to: 'v1.0.0' },
        { module: 'example.com/u', from: 'v1.0.0', to: null },
      ]),
    );
  });

  it('sees go work sync raise a requirement of an unpruned workspace module', () => {
    const old = results.get('unprunedSync')!.carried.find((c) => c.dir === 'old')!;
    expect(old.actual).toEqual([{ module: 'example.com/r16', from: 'v1.0.0', to: 'v1.1.0' }]);
  });

  it('sees go work sync give b/y what a requires, read through a/x’s `../`', () => {
    const y = results.get('spelled')!.carried.find((c) => c.dir === 'b/y')!;
    expect(y.actual).toEqual([{ module: 'example.com/mono/rpc', from: 'v1.0.0', to: 'v1.1.0' }]);
  });

  it('sees tidy take f at the version the module it lists requires', () => {
    const carried = results.get('promoted')!.carried[0]!.actual;
    expect(carried).toEqual(expect.arrayContaining([{ module: 'example.com/f', from: null, to: 'v1.0.0' }]));
  });

  it('warns once where tidy fails on an ambiguous import, naming it', () => {
    const d = results.get('ambiguous')!;
    expect(d.getFailures.map((f) => f.dir)).toEqual(['.']);
    expect(d.getFailures[0]!.error).toContain('ambiguous import');
    const warned = d.plan.warnings.filter((w) => w.message.startsWith(CARRIED_MAY_DIFFER));
    expect(warned.map((w) => w.dir)).toEqual(['.']);
    expect(warned[0]!.message).toContain('ambiguous import: example.com/amb/sub');
  });
});
