/**
 * apply against a local module proxy with fake modules, where each failure can be staged:
 * a version that needs a newer Go than the toolchain (GOTOOLCHAIN=local), one that would raise
 * the module's go line (go-directive: keep), a tampered zip that disagrees with go.sum, and
 * the app's secrets, which must never reach a go child process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmod, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { GoAbortedError, SecretInEnvironmentError } from '../../src/toolchain/errors.js';
import { apply, type ApplyResult, type GoCommandRecord } from '../../src/toolchain/apply/index.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';
import {
  differing,
  fakeModule,
  fakeVersion,
  goIn,
  handPlan,
  proxyGoEnv,
  readAll,
  tempDir,
  writeTree,
} from './apply-fixtures.js';

const SECRETS = {
  PRIVATE_KEY:
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretsecretsecretsecretsecret0123456789\n-----END RSA PRIVATE KEY-----\n',
  WEBHOOK_SECRET: 'whsec-4f9a1c2e7b3d5a8f',
  GITHUB_TOKEN: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
};

let proxy: LocalProxy;
let work: string;
let repo: string;
let setupEnv: NodeJS.ProcessEnv;
let pristine: Map<string, Buffer>;
let result: ApplyResult;
const commands: GoCommandRecord[] = [];
let dumps: string;

async function mainGo(importPaths: string[]): Promise<string> {
  const imports = importPaths.map((p, i) => `\tp${i} "${p}"`).join('\n');
  const uses = importPaths.map((_, i) => `p${i}.V()`).join(', ');
  return `package main\n\nimport (\n\t"fmt"\n${imports}\n)\n\nfunc main() { fmt.Println(${uses}) }\n`;
}

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: {
      'example.com/ok': fakeModule('example.com/ok', { 'v1.0.0': '1.20', 'v1.1.0': '1.20' }),
      'example.com/dep': fakeModule('example.com/dep', { 'v1.0.0': '1.20', 'v1.1.0': '1.99' }),
      'example.com/raise': fakeModule('example.com/raise', { 'v1.0.0': '1.20', 'v1.1.0': '1.24' }),
      'example.com/tamper': fakeModule('example.com/tamper', { 'v1.0.0': '1.20', 'v1.1.0': '1.20' }),
    },
  });
  work = await tempDir('apply-local');
  repo = join(work, 'repo');
  setupEnv = proxyGoEnv(proxy.url, join(work, 'setup-modcache'));

  await writeTree(repo, {
    'needs-go/go.mod':
      'module example.com/app/needsgo\n\ngo 1.21\n\nrequire (\n\texample.com/dep v1.0.0\n\texample.com/ok v1.0.0\n\texample.com/raise v1.0.0\n)\n',
    'needs-go/main.go': await mainGo(['example.com/dep', 'example.com/ok', 'example.com/raise']),
    'tampered/go.mod': 'module example.com/app/tampered\n\ngo 1.21\n\nrequire example.com/tamper v1.0.0\n',
    'tampered/main.go': await mainGo(['example.com/tamper']),
  });
  await goIn(join(repo, 'needs-go'), ['mod', 'tidy'], setupEnv);
  await goIn(join(repo, 'tampered'), ['mod', 'tidy'], setupEnv);

  // go.sum learns the genuine v1.1.0 checksums; then the proxy starts serving a different zip.
  const genuine = JSON.parse(await goIn(work, ['mod', 'download', '-json', 'example.com/tamper@v1.1.0'], setupEnv)) as {
    Sum: string;
    GoModSum: string;
  };
  await writeFile(
    join(repo, 'tampered/go.sum'),
    (await readFile(join(repo, 'tampered/go.sum'), 'utf8')) +
      `example.com/tamper v1.1.0 ${genuine.Sum}\nexample.com/tamper v1.1.0/go.mod ${genuine.GoModSum}\n`,
  );
  const evil = fakeVersion('example.com/tamper', '1.20', 'tampered');
  proxy.addModule('example.com/tamper', {
    versions: { 'v1.0.0': fakeVersion('example.com/tamper', '1.20', 'example.com/tamper@v1.0.0'), 'v1.1.0': evil },
  });

  // A `go` first on PATH that records its environment, then runs the real one.
  const realGo = await realpath(execFileSync('which', ['go']).toString().trim());
  const shim = join(work, 'shim');
  dumps = join(work, 'dumps');
  await writeTree(shim, { go: `#!/bin/sh\nexport -p > "${dumps}/$$.env"\nexec "${realGo}" "$@"\n` });
  await writeTree(dumps, { '.keep': '' });
  await chmod(join(shim, 'go'), 0o755);

  pristine = await readAll(repo);
  const plan = await handPlan(repo, [
    { dir: 'needs-go', module: 'example.com/dep', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'needs-go', module: 'example.com/ok', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'needs-go', module: 'example.com/raise', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'tampered', module: 'example.com/tamper', from: 'v1.0.0', to: 'v1.1.0' },
  ]);
  result = await apply(repo, plan, {
    config: { goDirective: 'keep' },
    appEnv: {
      PATH: `${shim}:${process.env.PATH}`,
      HOME: process.env.HOME,
      GOPROXY: proxy.url,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      ...SECRETS,
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    cacheDir: join(work, 'apply-cache'),
    onCommand: (c) => commands.push(c),
  });
});

afterAll(async () => {
  await proxy.close();
  await rm(work, { recursive: true, force: true });
});

describe('a version that needs a newer Go', () => {
  it("is dropped when the toolchain is too old for it, with Go's message", () => {
    const s = result.skipped.find((x) => x.module === 'example.com/dep');
    expect(s).toMatchObject({ dir: 'needs-go', reason: 'needs-newer-go' });
    expect(s?.detail).toMatch(/example\.com\/dep@v1\.1\.0 requires go >= 1\.99/);
  });

  it("is dropped when it would raise the go line (go-directive: keep), with Go's message", () => {
    const s = result.skipped.find((x) => x.module === 'example.com/raise');
    expect(s).toMatchObject({ dir: 'needs-go', reason: 'needs-newer-go' });
    expect(s?.detail).toMatch(/upgraded go 1\.21 => 1\.24/);
  });

  it("does not stop the module's other bumps, and leaves it tidy with its go line", async () => {
    expect(result.updates).toEqual([
      { module: 'example.com/ok', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: 'needs-go', from: 'v1.0.0' }] },
    ]);
    const cwd = join(repo, 'needs-go');
    const mod = JSON.parse(await goIn(cwd, ['mod', 'edit', '-json'], setupEnv)) as {
      Go: string;
      Toolchain?: string;
      Require: { Path: string; Version: string }[];
    };
    expect(mod.Go).toBe('1.21');
    expect(mod.Toolchain).toBeUndefined();
    expect(Object.fromEntries(mod.Require.map((r) => [r.Path, r.Version]))).toEqual({
      'example.com/dep': 'v1.0.0',
      'example.com/ok': 'v1.1.0',
      'example.com/raise': 'v1.0.0',
    });
    expect(await goIn(cwd, ['mod', 'tidy', '-diff'], setupEnv)).toBe('');
    await goIn(cwd, ['build', '-o', devNull, './...'], { ...setupEnv, GOFLAGS: '-mod=readonly' });
    expect(result.files).toEqual(['needs-go/go.mod', 'needs-go/go.sum']);
  });
});

describe('a checksum mismatch', () => {
  it("fails the module with Go's security error", () => {
    const f = result.failed.find((x) => x.dir === 'tampered');
    expect(f?.kind).toBe('go-checksum-mismatch');
    expect(f?.error).toMatch(/verifying example\.com\/tamper@v1\.1\.0: checksum mismatch/);
    expect(f?.command).toMatch(/^go (get|mod tidy)/);
  });

  it("leaves the module's files byte for byte as they were", async () => {
    const now = await readAll(repo);
    expect(differing(pristine, now)).toEqual(['needs-go/go.mod', 'needs-go/go.sum']);
  });
});

describe("the app's secrets", () => {
  it('never reach the environment of a go child process', async () => {
    const files = (await readdir(dumps)).filter((f) => f.endsWith('.env'));
    // Every command apply ran went through the recording shim.
    expect(files.length).toBeGreaterThanOrEqual(commands.length);
    expect(commands.length).toBeGreaterThan(5);
    const values = [
      ...Object.values(SECRETS),
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'MIIEowIBAAKCAQEAsecretsecretsecretsecretsecret0123456789',
    ];
    for (const f of files) {
      const env = await readFile(join(dumps, f), 'utf8');
      expect(env).toMatch(/GOPROXY=/);
      for (const v of values) expect(env.includes(v)).toBe(false);
      for (const name of ['PRIVATE_KEY', 'WEBHOOK_SECRET', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY']) {
        expect(env).not.toMatch(new RegExp(`\\b${name}=`));
      }
    }
    for (const c of commands) expect(Object.keys(c.env).some((k) => k in SECRETS)).toBe(false);
  });

  it('stop apply before any go command when one hides in an allowed variable, leaving every file as it was', async () => {
    const before = await readAll(repo);
    const plan = await handPlan(repo, [
      { dir: 'tampered', module: 'example.com/tamper', from: 'v1.0.0', to: 'v1.1.0' },
    ]);
    const ran: GoCommandRecord[] = [];
    await expect(
      apply(repo, plan, {
        config: { goDirective: 'keep' },
        appEnv: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          GOPROXY: proxy.url,
          GONOSUMDB: `example.com/${SECRETS.GITHUB_TOKEN}`,
          ...SECRETS,
        },
        cacheDir: join(work, 'apply-cache'),
        onCommand: (c) => ran.push(c),
      }),
    ).rejects.toBeInstanceOf(SecretInEnvironmentError);
    expect(ran.every((c) => !c.ok)).toBe(true);
    expect(differing(before, await readAll(repo))).toEqual([]);
  });
});

describe('an abort', () => {
  it('ends apply at once (no module is reported failed for it) and leaves every file as it was', async () => {
    const before = await readAll(repo);
    const plan = await handPlan(repo, [{ dir: 'needs-go', module: 'example.com/ok', from: 'v1.1.0', to: 'v1.1.0' }]);
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(
      apply(repo, plan, {
        config: { goDirective: 'keep' },
        appEnv: { PATH: process.env.PATH, HOME: process.env.HOME, GOPROXY: proxy.url, GOSUMDB: 'off' },
        cacheDir: join(work, 'apply-cache'),
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(GoAbortedError);
    expect(differing(before, await readAll(repo))).toEqual([]);
  });
});
