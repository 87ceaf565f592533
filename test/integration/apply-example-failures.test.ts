/**
 * Failure isolation on a copy of examples/commerce-platform: the plan is made on the healthy
 * copy, then a bump is hand-edited to a version the proxy does not have (libs/xconfig) and
 * services/payment-service's go.mod gets a syntax error. apply must report both with Go's
 * message and kind, leave their files byte-identical, apply everything else (the services that
 * use libs/xconfig build against its original files) and leave no half-written file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultConfig } from '../../src/config/schema.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { createPlan } from '../../src/planner/plan.js';
import { fsTree } from '../../src/workspace/tree.js';
import { apply, type ApplyResult } from '../../src/toolchain/apply/index.js';
import { copyExample, exampleModuleDirs } from '../support/go-cli.js';
import { differing, readAll } from './apply-fixtures.js';

const pexec = promisify(execFile);
const BROKEN = 'services/payment-service';
const MISSING = 'libs/xconfig';

function judgeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const n of ['PATH', 'HOME', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOPROXY'])
    if (process.env[n] !== undefined) env[n] = process.env[n];
  return { ...env, GOWORK: 'off', GOFLAGS: '-mod=readonly -buildvcs=false', GOTOOLCHAIN: 'local' };
}
const judge = async (cwd: string, args: string[]) =>
  (await pexec('go', args, { cwd, env: judgeEnv(), maxBuffer: 64 << 20 })).stdout;

let copy: string;
let dirs: string[];
let broken: Map<string, Buffer>;
let result: ApplyResult;

beforeAll(async () => {
  dirs = await exampleModuleDirs();
  copy = await copyExample();
  const config = defaultConfig();
  const plan = await createPlan({
    tree: fsTree(copy),
    root: '.',
    config,
    source: proxyClientFromEnv({ env: process.env }),
  });
  plan.updates.push({
    module: 'github.com/BurntSushi/toml',
    to: 'v1.99.0',
    kind: 'minor',
    dirs: [{ dir: MISSING, from: 'v1.3.2' }],
  });
  await appendFile(join(copy, BROKEN, 'go.mod'), '\nrequire github.com/no/version\n');
  broken = await readAll(copy);
  result = await apply(copy, plan, { config, appEnv: process.env });
}, 300_000);

afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

describe('apply when some modules cannot be updated', () => {
  it("reports a version the proxy does not have, with Go's message", () => {
    const f = result.failed.find((x) => x.dir === MISSING);
    expect(f?.kind).toBe('go-module-not-found');
    expect(f?.error).toMatch(/github\.com\/BurntSushi\/toml@v1\.99\.0/);
    expect(f?.command).toBe('go get github.com/BurntSushi/toml@v1.99.0');
  });

  it('reports a go.mod Go cannot parse, with the file and line Go names', () => {
    const f = result.failed.find((x) => x.dir === BROKEN);
    expect(f?.kind).toBe('go-mod-syntax');
    expect(f?.error).toMatch(/go\.mod:\d+: usage: require module\/path v1\.2\.3/);
    // go work sync reads every workspace module, so it cannot run either; go.work stays as it was.
    expect(result.failed.find((x) => x.dir === '.')?.kind).toBe('go-mod-syntax');
  });

  it('leaves the failed modules and the workspace files byte for byte as they were', async () => {
    const now = await readAll(copy);
    const changed = differing(broken, now);
    for (const f of changed)
      expect(f.startsWith(`${MISSING}/`) || f.startsWith(`${BROKEN}/`) || !f.includes('/')).toBe(false);
    expect(result.files).toEqual(changed);
    expect((await readFile(join(copy, BROKEN, 'go.mod'), 'utf8')).endsWith('require github.com/no/version\n')).toBe(
      true,
    );
  });

  it('applies every other module; services using the failed library build against its original files', async () => {
    const ok = dirs.filter((d) => d !== MISSING && d !== BROKEN);
    const appliedDirs = new Set(result.updates.flatMap((u) => u.dirs.map((d) => d.dir)));
    expect(ok.filter((d) => d !== MISSING && !appliedDirs.has(d))).toEqual([]);
    for (const d of ok) {
      const cwd = join(copy, d);
      expect({ d, tidy: await judge(cwd, ['mod', 'tidy', '-diff']) }).toEqual({ d, tidy: '' });
      await judge(cwd, ['mod', 'verify']);
    }
    for (const d of ['services/inventory-service', 'services/order-service'])
      await judge(join(copy, d), ['build', './...']);
    const mysql = JSON.parse(
      await judge(join(copy, 'libs/xmysql'), ['list', '-m', '-json', 'github.com/go-sql-driver/mysql']),
    ) as { Version: string };
    // What this run's plan targeted for the library, not a release known today.
    const planned = result.updates.find(
      (u) => u.module === 'github.com/go-sql-driver/mysql' && u.dirs.some((d) => d.dir === 'libs/xmysql'),
    );
    expect(planned).toBeDefined();
    expect(mysql.Version).toBe(planned!.to);
  });

  it('leaves no half-written file: every other go.mod and go.sum is one Go reads', async () => {
    for (const d of dirs.filter((x) => x !== BROKEN)) {
      const mod = JSON.parse(await judge(join(copy, d), ['mod', 'edit', '-json'])) as { Module: { Path: string } };
      expect(mod.Module.Path).toMatch(/^example\.com\/commerce\//);
    }
    expect(result.updates.some((u) => u.dirs.some((d) => d.dir === MISSING || d.dir === BROKEN))).toBe(false);
  });
});
