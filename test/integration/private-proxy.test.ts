/**
 * A private module behind an authenticated company proxy (basic auth, https), configured once in
 * the environment: plan (the proxy client) and apply (go) both reach it, and both refuse with the
 * proxy's 401 when the credentials are missing. The CLI runs as its own process, as a user runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';
import { makeTestCert, type TestCert } from '../support/tls-cert.js';

const pexec = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const LIB = 'corp.example/platform/lib';
const LIB_GO = 'package lib\n\nfunc Name() string { return "lib" }\n';
const libMod = `module ${LIB}\n\ngo 1.21\n`;

let work: string;
let cert: TestCert;
let proxy: LocalProxy;
let host: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'private-proxy-'));
  cert = await makeTestCert(work);
  proxy = await startLocalProxy({
    tls: cert,
    auth: { basic: { username: 'ci-bot', password: 's3cret-proxy-pass' } },
    modules: {
      [LIB]: {
        versions: {
          'v1.0.0': { mod: libMod, files: { 'lib.go': LIB_GO } },
          'v1.1.0': { mod: libMod, files: { 'lib.go': LIB_GO } },
        },
      },
    },
  });
  host = new URL(proxy.url).host;
});

afterAll(async () => {
  await proxy.close();
  await rm(work, { recursive: true, force: true });
});

/** A service requiring the private module at v1.0.0, its go.sum complete. */
async function service(): Promise<string> {
  const dir = await mkdtemp(join(work, 'svc-'));
  await writeFile(join(dir, 'go.mod'), `module example.com/svc\n\ngo 1.22\n\nrequire ${LIB} v1.0.0\n`);
  await writeFile(join(dir, 'main.go'), `package main\n\nimport "${LIB}"\n\nfunc main() { println(lib.Name()) }\n`);
  // Set-up only: the test writes go.sum with credentials of its own, in a cache of its own.
  await pexec('go', ['mod', 'tidy'], {
    cwd: dir,
    env: { ...baseEnv('setup'), GOPROXY: proxy.url.replace('https://', 'https://ci-bot:s3cret-proxy-pass@') },
  });
  return dir;
}

function baseEnv(cache: string): Record<string, string> {
  return {
    PATH: process.env.PATH!,
    HOME: process.env.HOME!,
    GOPROXY: proxy.url,
    GOPRIVATE: 'corp.example/*',
    // Private modules still come through the company proxy (as with Athens or Artifactory).
    GONOPROXY: 'none',
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    GOMODCACHE: join(work, `modcache-${cache}`),
    GOMODSTEWARD_CACHE: join(work, `proxycache-${cache}`),
    SSL_CERT_FILE: cert.certFile,
    NODE_EXTRA_CA_CERTS: cert.certFile,
  };
}

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await pexec('node', [CLI, ...args], { env, maxBuffer: 64 << 20 });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

interface PlanJson {
  updates: { module: string; to: string }[];
  skipped: { module: string; reason: string; detail?: string }[];
  failed?: { dir: string; error: string }[];
}

describe('a private module behind an authenticated proxy', () => {
  it('is planned and applied with the credentials configured once (GOPROXY_AUTH), and Go agrees', async () => {
    const dir = await service();
    const env = { ...baseEnv('with'), GOPROXY_AUTH: `${host}=ci-bot:s3cret-proxy-pass` };
    const plan = await cli(['plan', dir, '--json'], env);
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.out) as PlanJson).updates).toEqual([
      expect.objectContaining({ module: LIB, to: 'v1.1.0' }),
    ]);

    const applied = await cli(['apply', dir, '--json'], env);
    const result = JSON.parse(applied.out) as PlanJson;
    expect(result.failed).toEqual([]);
    expect(result.updates).toEqual([expect.objectContaining({ module: LIB, to: 'v1.1.0' })]);
    expect(await readFile(join(dir, 'go.mod'), 'utf8')).toContain(`${LIB} v1.1.0`);
    // v1.1.0 was fetched by go through the proxy, with the credentials, never seen before.
    expect(proxy.requests.some((r) => r.path.endsWith('/@v/v1.1.0.zip') && r.status === 200)).toBe(true);
    const { stdout } = await pexec('go', ['list', '-m', LIB], {
      cwd: dir,
      env: { ...baseEnv('with'), GOFLAGS: '-mod=readonly' },
    });
    expect(stdout.trim()).toBe(`${LIB} v1.1.0`);
  });

  it("without the credentials, plan and apply refuse alike, naming the proxy's 401", async () => {
    const dir = await service();
    const env = baseEnv('without');
    const plan = JSON.parse((await cli(['plan', dir, '--json'], env)).out) as PlanJson;
    expect(plan.updates).toEqual([]);
    expect(plan.skipped).toEqual([expect.objectContaining({ module: LIB, detail: expect.stringMatching(/401/) })]);

    // apply's go, given the bump by hand, meets the same 401.
    await mkdir(join(work, 'plans'), { recursive: true });
    const { apply } = await import('../../src/toolchain/apply/index.js');
    const result = await apply(
      dir,
      {
        version: 1,
        root: '.',
        modules: [],
        updates: [{ module: LIB, to: 'v1.1.0', kind: 'minor', dirs: [{ dir: '.', from: 'v1.0.0' }] }],
        carried: [],
        affected: [],
        skipped: [],
        warnings: [],
      },
      { config: { goDirective: 'keep' }, appEnv: env },
    );
    expect(result.failed).toEqual([
      expect.objectContaining({ dir: '.', error: expect.stringMatching(/401 Unauthorized/) }),
    ]);
  });
});
