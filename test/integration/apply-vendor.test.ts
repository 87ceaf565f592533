/**
 * Vendoring and local propagation, against a local module proxy:
 * - a module with its own vendor/ gets `go mod vendor` after its bump;
 * - in a workspace vendored at its root (`go work vendor`), a library's bump reaches the module
 *   that replaces it locally, and the workspace vendor directory follows.
 * Go is the judge: after apply, vendoring again and `go work sync` change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, rm } from 'node:fs/promises';
import { devNull } from 'node:os';
import { join } from 'node:path';
import type { ApplyResult } from '../../src/toolchain/apply/index.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';
import {
  differing,
  fakeModule,
  goIn,
  handPlan,
  proxyGoEnv,
  readAll,
  tempDir,
  writeTree,
  applyWithLocalProxy,
} from './apply-fixtures.js';

let proxy: LocalProxy;
let work: string;
let env: NodeJS.ProcessEnv;
let repo: string;
let pristine: Map<string, Buffer>;
let result: ApplyResult;

const mainGo = (pkg: string, imp: string) =>
  `package ${pkg}\n\nimport "${imp}"\n\nfunc V() string { return ${imp.split('/').pop()}.V() }\n`;

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: { 'example.com/ok': fakeModule('example.com/ok', { 'v1.0.0': '1.20', 'v1.1.0': '1.20' }) },
  });
  work = await tempDir('apply-vendor');
  repo = join(work, 'repo');
  env = proxyGoEnv(proxy.url, join(work, 'modcache'));
  await writeTree(repo, {
    'go.work': 'go 1.22\n\nuse (\n\t./lib\n\t./svc\n)\n',
    'lib/go.mod': 'module example.com/ws/lib\n\ngo 1.22\n\nrequire example.com/ok v1.0.0\n',
    'lib/lib.go': mainGo('lib', 'example.com/ok'),
    'svc/go.mod':
      'module example.com/ws/svc\n\ngo 1.22\n\nrequire example.com/ws/lib v0.0.0\n\nreplace example.com/ws/lib => ../lib\n',
    'svc/svc.go': mainGo('svc', 'example.com/ws/lib'),
    // Outside the workspace, with a vendor directory of its own.
    'standalone/go.mod': 'module example.com/standalone\n\ngo 1.22\n\nrequire example.com/ok v1.0.0\n',
    'standalone/standalone.go': mainGo('standalone', 'example.com/ok'),
  });
  for (const d of ['lib', 'svc', 'standalone']) await goIn(join(repo, d), ['mod', 'tidy'], env);
  await goIn(join(repo, 'standalone'), ['mod', 'vendor'], env);
  await goIn(repo, ['work', 'vendor'], { ...env, GOWORK: join(repo, 'go.work'), GOFLAGS: '-modcacherw' });
  pristine = await readAll(repo);

  const plan = await handPlan(repo, [
    { dir: 'lib', module: 'example.com/ok', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'standalone', module: 'example.com/ok', from: 'v1.0.0', to: 'v1.1.0' },
  ]);
  result = await applyWithLocalProxy(repo, plan, proxy.url, work);
});

afterAll(async () => {
  await proxy.close();
  await rm(work, { recursive: true, force: true });
});

async function idempotent(cwd: string, args: string[], runEnv: NodeJS.ProcessEnv): Promise<string[]> {
  const copy = join(work, `again-${Math.random().toString(36).slice(2)}`);
  await cp(repo, copy, { recursive: true });
  const before = await readAll(copy);
  await goIn(join(copy, cwd), args, {
    ...runEnv,
    ...(runEnv.GOWORK !== 'off' ? { GOWORK: join(copy, 'go.work') } : {}),
  });
  return differing(before, await readAll(copy));
}

describe('apply where the repository vendors', () => {
  it('fails nothing and changes exactly the files Go rewrote', async () => {
    expect(result.failed).toEqual([]);
    expect(result.files).toEqual(differing(pristine, await readAll(repo)));
    expect(result.files).toEqual(
      expect.arrayContaining([
        'lib/go.mod',
        'svc/go.mod',
        'standalone/go.mod',
        'standalone/vendor/modules.txt',
        'vendor/modules.txt',
      ]),
    );
  });

  it('re-vendors a module with its own vendor directory: go mod vendor has nothing left to do', async () => {
    expect(await idempotent('standalone', ['mod', 'vendor'], env)).toEqual([]);
    await goIn(join(repo, 'standalone'), ['build', '-o', devNull, './...'], { ...env, GOFLAGS: '-mod=vendor' });
    const listed = await goIn(join(repo, 'standalone'), ['list', '-m', 'example.com/ok'], {
      ...env,
      GOFLAGS: '-mod=vendor',
    });
    expect(listed.trim()).toBe('example.com/ok v1.1.0');
  });

  it('carries the library bump to the module that replaces it, in the same apply', async () => {
    const svc = JSON.parse(await goIn(join(repo, 'svc'), ['mod', 'edit', '-json'], env)) as {
      Require: { Path: string; Version: string }[];
    };
    expect(svc.Require.find((r) => r.Path === 'example.com/ok')?.Version).toBe('v1.1.0');
    expect(await goIn(join(repo, 'svc'), ['mod', 'tidy', '-diff'], env)).toBe('');
    expect(result.carried).toContainEqual({ dir: 'svc', module: 'example.com/ok', from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.affected).toEqual(expect.arrayContaining(['lib', 'svc', 'standalone']));
  });

  it('re-vendors the workspace: go work vendor and go work sync have nothing left to do', async () => {
    const wsEnv = { ...env, GOWORK: join(repo, 'go.work'), GOFLAGS: '-modcacherw' };
    expect(await idempotent('.', ['work', 'vendor'], wsEnv)).toEqual([]);
    expect(await idempotent('.', ['work', 'sync'], wsEnv)).toEqual([]);
    await goIn(join(repo, 'svc'), ['build', '-o', devNull, './...'], { ...wsEnv, GOFLAGS: '-mod=vendor' });
    const listed = await goIn(join(repo, 'svc'), ['list', '-m', 'example.com/ok'], {
      ...wsEnv,
      GOFLAGS: '-mod=vendor',
    });
    expect(listed.trim()).toBe('example.com/ok v1.1.0');
  });
});
