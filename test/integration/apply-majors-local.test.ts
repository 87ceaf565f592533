/**
 * A major move against a local module proxy, where the new major's package has another name than
 * the old one (`package v2` → `package v3`, as a module may rename its package with a major):
 * the planner finds `/v3` (and no `/v4`, which the proxy answers 404 for), apply keeps every
 * unnamed import's old name as the spec's name so the code still builds, and leaves named
 * imports and subpackage imports with their names. Held to Go: the module builds, vets and is
 * tidy, and `go list -deps` has no old path.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/schema.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import { apply, type ApplyResult } from '../../src/toolchain/apply/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { fsTree } from '../../src/workspace/tree.js';
import { startLocalProxy, type LocalProxy, type LocalVersion } from '../support/local-proxy.js';
import { goIn, proxyGoEnv, tempDir, writeTree } from './apply-fixtures.js';

function lib(major: number): LocalVersion {
  const path = `example.com/lib/v${major}`;
  return {
    mod: `module ${path}\n\ngo 1.20\n`,
    files: {
      [`v${major}.go`]: `package v${major}\n\nfunc V() string { return "v${major}" }\n`,
      'sub/sub.go': `package sub\n\nfunc S() string { return "sub of v${major}" }\n`,
    },
  };
}

const MAIN = `package main

import (
\t"fmt"

\t"example.com/lib/v2"
\t"example.com/lib/v2/sub"
)

func main() { fmt.Println(v2.V(), sub.S(), other()) }
`;

const OTHER = `package main

import l "example.com/lib/v2"

func other() string { return l.V() }
`;

let proxy: LocalProxy;
let work: string;
let repo: string;
let env: NodeJS.ProcessEnv;
let plan: Plan;
let result: ApplyResult;

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: {
      'example.com/lib/v2': { versions: { 'v2.0.0': lib(2) } },
      'example.com/lib/v3': { versions: { 'v3.0.0': lib(3), 'v3.1.0': lib(3) } },
    },
  });
  work = await tempDir('apply-majors-local');
  repo = join(work, 'repo');
  env = proxyGoEnv(proxy.url, join(work, 'modcache'));
  await writeTree(repo, {
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib/v2 v2.0.0\n',
    'main.go': MAIN,
    'other.go': OTHER,
  });
  await goIn(repo, ['mod', 'tidy'], env);
  const source = proxyClientFromEnv({ env: { ...process.env, GOPROXY: proxy.url, GOSUMDB: 'off' }, cacheDir: false });
  plan = await createPlan({
    tree: fsTree(repo),
    root: '.',
    config: { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'] },
    source,
  });
  // The fake modules stay in this test's module cache; the build cache is the user's, so the
  // build check does not compile the standard library afresh.
  result = await apply(repo, plan, {
    config: { goDirective: 'keep' },
    appEnv: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GOPROXY: proxy.url,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GOMODCACHE: join(work, 'modcache'),
      ...(process.env.GOCACHE ? { GOCACHE: process.env.GOCACHE } : {}),
    },
  });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a major move whose package changes its name', () => {
  it('is planned to the newest /v3, the first missing major ending the walk', () => {
    expect(plan.updates).toEqual([
      {
        module: 'example.com/lib/v2',
        newPath: 'example.com/lib/v3',
        to: 'v3.1.0',
        kind: 'major',
        dirs: [{ dir: '.', from: 'v2.0.0' }],
      },
    ]);
    expect(proxy.requests.some((r) => r.path.startsWith('/example.com/lib/v4/'))).toBe(true);
    expect(plan.warnings).toEqual([]);
  });

  it('keeps the old name on an unnamed import, and named and subpackage imports as they are', async () => {
    expect(result.failed).toEqual([]);
    expect(result.breaking).toBeUndefined();
    const main = await readFile(join(repo, 'main.go'), 'utf8');
    expect(main).toContain('\tv2 "example.com/lib/v3"\n\t"example.com/lib/v3/sub"\n');
    expect(await readFile(join(repo, 'other.go'), 'utf8')).toContain('import l "example.com/lib/v3"');
  });

  it('builds, vets and is tidy by Go, with no old path left', async () => {
    const judge = { ...env, GOFLAGS: '-mod=readonly' };
    await goIn(repo, ['build', '-o', '/dev/null', './...'], judge);
    await goIn(repo, ['vet', './...'], judge);
    await goIn(repo, ['mod', 'tidy', '-diff'], judge);
    const deps = (await goIn(repo, ['list', '-deps', './...'], judge)).split('\n');
    expect(deps.filter((p) => p.startsWith('example.com/lib/'))).toEqual([
      'example.com/lib/v3',
      'example.com/lib/v3/sub',
    ]);
    expect(await readFile(join(repo, 'go.mod'), 'utf8')).not.toContain('example.com/lib/v2');
    const gofmt = join((await goIn(repo, ['env', 'GOROOT'], judge)).trim(), 'bin', 'gofmt');
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync(gofmt, ['-l', '.'], { cwd: repo }).toString()).toBe('');
  });
});
