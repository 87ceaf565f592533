/**
 * The environment a go child really gets: asked of `go env -json` and of a `go run` program
 * that prints os.Environ(), with the app's secrets set in process.env.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GO_ENV_NAMES,
  GoEnvError,
  GoSpawnError,
  SecretInEnvironmentError,
  resolveGoEnv,
  runGo,
  type GoEnv,
} from '../../src/toolchain/index.js';

const SECRET_NAMES = ['PRIVATE_KEY', 'WEBHOOK_SECRET', 'GITHUB_TOKEN', 'INSTALLATION_TOKEN'] as const;
const secrets: Record<string, string> = {
  PRIVATE_KEY: `-----BEGIN RSA PRIVATE KEY-----\n${randomBytes(48).toString('base64')}\n-----END RSA PRIVATE KEY-----`,
  WEBHOOK_SECRET: `whsec-${randomBytes(12).toString('hex')}`,
  GITHUB_TOKEN: `ghs_${randomBytes(16).toString('hex')}`,
  INSTALLATION_TOKEN: `ghs_${randomBytes(16).toString('hex')}`,
};
const secretValues = Object.values(secrets);
const saved: Record<string, string | undefined> = {};
let work: string;
let env: GoEnv;

const run = (args: string[], cwd: string, e: GoEnv = env) =>
  runGo(args, { cwd, env: e, timeoutMs: 60_000, maxOutputBytes: 1 << 20, secrets: secretValues });

function expectNoSecret(text: string): void {
  for (const s of secretValues) {
    expect(text).not.toContain(s);
    for (const line of s.split('\n'))
      if (line.length > 16 && !line.startsWith('-----')) expect(text).not.toContain(line);
  }
}

beforeAll(async () => {
  for (const name of SECRET_NAMES) {
    saved[name] = process.env[name];
    process.env[name] = secrets[name];
  }
  work = mkdtempSync(join(tmpdir(), 'steward-env-'));
  env = await resolveGoEnv({ appEnv: process.env });
});

afterAll(() => {
  for (const name of SECRET_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the environment of a go child', () => {
  it('holds none of the secrets in process.env (go env -json)', async () => {
    for (const name of SECRET_NAMES) expect(process.env[name]).toBe(secrets[name]);
    const { stdout } = await run(['env', '-json'], work);
    expectNoSecret(stdout);
    const goEnv = JSON.parse(stdout) as Record<string, string>;
    expect(goEnv.GOTOOLCHAIN).toBe('local');
    expect(goEnv.GOWORK).toBe('off');
    // Only the app's environment sets GOFLAGS; the user's `go env -w` file is not read.
    expect(goEnv.GOFLAGS).toBe(process.env.GOFLAGS ?? '');
    expect(goEnv.CGO_ENABLED).toBe('0');
  });

  it("shares the module cache the user's own go reports", async () => {
    const own = (name: string) => execFileSync('go', ['env', name], { encoding: 'utf8' }).trim();
    const { stdout } = await run(['env', '-json', 'GOMODCACHE', 'GOCACHE'], work);
    expect(JSON.parse(stdout)).toEqual({ GOMODCACHE: own('GOMODCACHE'), GOCACHE: own('GOCACHE') });
  });

  it('holds only allowlisted variables and no secret (os.Environ of a go run program)', async () => {
    const dir = join(work, 'environ');
    mkdirSync(dir);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/environ\n\ngo 1.22\n');
    writeFileSync(
      join(dir, 'main.go'),
      'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() { _ = json.NewEncoder(os.Stdout).Encode(os.Environ()) }\n',
    );
    const { stdout } = await run(['run', '.'], dir);
    expectNoSecret(stdout);
    const entries = JSON.parse(stdout) as string[];
    const names = entries.map((e) => e.slice(0, e.indexOf('=')));
    expect(names.filter((n) => !GO_ENV_NAMES.has(n))).toEqual([]);
    for (const name of SECRET_NAMES) expect(names).not.toContain(name);
    expect(names).toEqual(expect.arrayContaining(['PATH', 'HOME', 'GOMODCACHE', 'GIT_TERMINAL_PROMPT']));
  });

  it('refuses to start go when a secret is smuggled into GOFLAGS, before anything runs', async () => {
    const dir = mkdtempSync(join(work, 'smuggle-'));
    const smuggled = { ...env, GOFLAGS: `-ldflags=-X=main.token=${secrets.GITHUB_TOKEN}` };
    await expect(run(['mod', 'init', 'example.com/smuggle'], dir, smuggled)).rejects.toBeInstanceOf(
      SecretInEnvironmentError,
    );
    await expect(run(['mod', 'init', 'example.com/smuggle'], dir, smuggled)).rejects.toMatchObject({
      variable: 'GOFLAGS',
    });
    expect(existsSync(join(dir, 'go.mod'))).toBe(false);
    // The same command without the secret does run: the refusal above was the check, not go.
    await run(['mod', 'init', 'example.com/smuggle'], dir);
    expect(existsSync(join(dir, 'go.mod'))).toBe(true);
  });

  it('refuses a copy of process.env', async () => {
    const copied = { ...process.env } as Record<string, string>;
    await expect(run(['version'], work, copied)).rejects.toBeInstanceOf(GoEnvError);
  });

  it('reports a directory go cannot start in as GoSpawnError', async () => {
    await expect(run(['version'], join(work, 'no-such-dir'))).rejects.toBeInstanceOf(GoSpawnError);
  });

  it('puts GOPATH, the caches, temp files and HOME under cacheDir when asked', async () => {
    const cacheDir = join(work, 'cache');
    const isolated = await resolveGoEnv({ appEnv: process.env, cacheDir });
    const { stdout } = await run(['env', '-json', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOTMPDIR'], work, isolated);
    const reported = JSON.parse(stdout) as Record<string, string>;
    for (const value of Object.values(reported)) expect(value.startsWith(cacheDir + '/')).toBe(true);
    expect(statSync(reported.GOTMPDIR ?? '').isDirectory()).toBe(true);
    expect(statSync(isolated.HOME ?? '').isDirectory()).toBe(true);
    // Go's telemetry would otherwise start a helper outside the process group.
    const { stdout: mode } = await run(['env', 'GOTELEMETRY'], work, isolated);
    expect(mode.trim()).toBe('off');
  });
});
