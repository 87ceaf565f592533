/**
 * go-directive: keep across a go.work workspace, against a local module proxy. Module `new`
 * (go 1.24) may take example.com/raise v1.1.0 (which declares go 1.24); module `old` (go 1.22)
 * may not. `go work sync` would push the workspace's versions into `old` and raise its go line,
 * so apply holds `new`'s raise back — and only that: example.com/ok v1.1.0 (go 1.20), also
 * pushed into `old` by sync, stays. Go judges the result: tidy, synced, lines unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
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
let repo: string;
let env: NodeJS.ProcessEnv;
let result: ApplyResult;

const lib = (name: string, imports: string[]) =>
  `package ${name}\n\nimport (\n${imports.map((p, i) => `\tp${i} "${p}"`).join('\n')}\n)\n\nfunc V() string { return ${imports.map((_, i) => `p${i}.V()`).join(' + ')} }\n`;

interface ModJson {
  Go: string;
  Toolchain?: string;
  Require: { Path: string; Version: string }[];
}
const modOf = async (d: string) => JSON.parse(await goIn(join(repo, d), ['mod', 'edit', '-json'], env)) as ModJson;
const versionsOf = async (d: string) => Object.fromEntries((await modOf(d)).Require.map((r) => [r.Path, r.Version]));

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: {
      'example.com/ok': fakeModule('example.com/ok', { 'v1.0.0': '1.20', 'v1.1.0': '1.20' }),
      'example.com/raise': fakeModule('example.com/raise', { 'v1.0.0': '1.20', 'v1.1.0': '1.24' }),
    },
  });
  work = await tempDir('apply-ws');
  repo = join(work, 'repo');
  env = proxyGoEnv(proxy.url, join(work, 'modcache'));
  await writeTree(repo, {
    'go.work': 'go 1.24\n\nuse (\n\t./new\n\t./old\n)\n',
    'new/go.mod':
      'module example.com/ws/new\n\ngo 1.24\n\nrequire (\n\texample.com/ok v1.0.0\n\texample.com/raise v1.0.0\n)\n',
    'new/new.go': lib('new', ['example.com/ok', 'example.com/raise']),
    'old/go.mod':
      'module example.com/ws/old\n\ngo 1.22\n\nrequire (\n\texample.com/ok v1.0.0\n\texample.com/raise v1.0.0\n)\n',
    'old/old.go': lib('old', ['example.com/ok', 'example.com/raise']),
  });
  for (const d of ['new', 'old']) await goIn(join(repo, d), ['mod', 'tidy'], env);
  const plan = await handPlan(repo, [
    { dir: 'new', module: 'example.com/ok', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'new', module: 'example.com/raise', from: 'v1.0.0', to: 'v1.1.0' },
  ]);
  result = await applyWithLocalProxy(repo, plan, proxy.url, work);
});

afterAll(async () => {
  await proxy.close();
  await rm(work, { recursive: true, force: true });
});

describe('go work sync under go-directive: keep', () => {
  it('holds back only the target whose go line the other workspace module cannot take', () => {
    expect(result.failed).toEqual([]);
    const held = result.skipped.filter((s) => s.reason === 'needs-newer-go');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ dir: 'new', module: 'example.com/raise' });
    expect(held[0]?.detail).toBe('v1.1.0 would raise old/go.mod: go 1.22 => 1.24 through go work sync; not upgraded');
    expect(result.updates).toEqual([
      { module: 'example.com/ok', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: 'new', from: 'v1.0.0' }] },
    ]);
  });

  it('lets go work sync carry the harmless version into the other module, which stays tidy on its line', async () => {
    expect(await versionsOf('old')).toEqual({ 'example.com/ok': 'v1.1.0', 'example.com/raise': 'v1.0.0' });
    expect(await versionsOf('new')).toEqual({ 'example.com/ok': 'v1.1.0', 'example.com/raise': 'v1.0.0' });
    for (const d of ['old', 'new']) {
      const m = await modOf(d);
      expect({ d, go: m.Go, toolchain: m.Toolchain }).toEqual({
        d,
        go: d === 'old' ? '1.22' : '1.24',
        toolchain: undefined,
      });
      expect(await goIn(join(repo, d), ['mod', 'tidy', '-diff'], env)).toBe('');
    }
    expect(result.carried).toContainEqual({ dir: 'old', module: 'example.com/ok', from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.affected).toEqual(['new', 'old']);
  });

  it('leaves nothing for go work sync to do', async () => {
    const before = await readAll(repo);
    await goIn(repo, ['work', 'sync'], { ...env, GOWORK: join(repo, 'go.work'), GOFLAGS: '-modcacherw' });
    expect(differing(before, await readAll(repo))).toEqual([]);
  });
});
