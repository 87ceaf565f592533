/**
 * The failures recorded in test/unit/toolchain/classify-go-failure.test.ts, provoked live
 * through runGo: if a Go release rewords one, this file says which.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GoChecksumMismatchError,
  GoCompileError,
  GoModSyntaxInToolchainError,
  GoModuleNotFoundError,
  GoNetworkError,
  GoVersionTooNewError,
  resolveGoEnv,
  runGo,
  type GoEnv,
} from '../../src/toolchain/index.js';

let root: string;
let env: GoEnv;
let stub: Server;
let stubUrl: string;
const stubRequests: string[] = [];

function module(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const go = (args: string[], cwd: string, e: GoEnv = env) =>
  runGo(args, { cwd, env: e, timeoutMs: 60_000, maxOutputBytes: 1 << 20 });

async function failure(args: string[], cwd: string, e: GoEnv = env): Promise<unknown> {
  return go(args, cwd, e).then(
    () => new Error(`go ${args.join(' ')} unexpectedly succeeded`),
    (err: unknown) => err,
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'steward-classify-'));
  env = await resolveGoEnv({ appEnv: process.env });
  stub = createServer((req, res) => {
    stubRequests.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`not found: ${(req.url ?? '').slice(1)}: invalid version: unknown revision`);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => stub.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('live go failures are classified', () => {
  it('a version the proxy does not have', async () => {
    const dir = module('notfound', { 'go.mod': 'module example.com/notfound\n\ngo 1.22\n' });
    const err = await failure(['get', 'golang.org/x/sync@v9.9.9'], dir, {
      ...env,
      GOPROXY: stubUrl,
      GOFLAGS: '-mod=mod',
    });
    expect(err).toBeInstanceOf(GoModuleNotFoundError);
    expect(err).toMatchObject({ modulePath: 'golang.org/x/sync', version: 'v9.9.9', httpStatus: 404, dir });
    expect(stubRequests).toContain('/golang.org/x/sync/@v/v9.9.9.info');
  });

  it('an unreachable proxy', async () => {
    const dir = module('network', { 'go.mod': 'module example.com/network\n\ngo 1.22\n' });
    const err = await failure(['get', 'golang.org/x/sync@v0.99.0'], dir, { ...env, GOPROXY: 'http://127.0.0.1:1' });
    expect(err).toBeInstanceOf(GoNetworkError);
    expect((err as GoNetworkError).goMessage).toContain('connection refused');
  });

  it('a go.sum line with a wrong hash for a real module', async () => {
    const dir = module('checksum', {
      'go.mod': 'module example.com/checksum\n\ngo 1.22\n\nrequire golang.org/x/sync v0.10.0\n',
      'checksum.go': 'package checksum\n\nimport _ "golang.org/x/sync/errgroup"\n',
    });
    await go(['mod', 'tidy'], dir);
    const sum = readFileSync(join(dir, 'go.sum'), 'utf8');
    const wrong = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const tampered = sum.replace(/^(golang\.org\/x\/sync v0\.10\.0) h1:\S+$/m, `$1 ${wrong}`);
    expect(tampered).not.toBe(sum);
    writeFileSync(join(dir, 'go.sum'), tampered);
    const err = await failure(['build', './...'], dir);
    expect(err).toBeInstanceOf(GoChecksumMismatchError);
    expect(err).toMatchObject({ modulePath: 'golang.org/x/sync', version: 'v0.10.0', goModOnly: false });
    expect((err as GoChecksumMismatchError).goMessage).toContain(wrong);
  });

  it('a replaced dependency that requires a newer go, with GOTOOLCHAIN=local', async () => {
    const { stdout } = await go(['env', 'GOVERSION'], root);
    module('newer/dep', { 'go.mod': 'module example.com/dep\n\ngo 1.99\n', 'dep.go': 'package dep\n\nconst X = 1\n' });
    const dir = module('newer/main', {
      'go.mod':
        'module example.com/main\n\ngo 1.22\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ../dep\n',
      'main.go': 'package main\n\nimport "example.com/dep"\n\nfunc main() { _ = dep.X }\n',
    });
    const err = await failure(['build', './...'], dir);
    expect(err).toBeInstanceOf(GoVersionTooNewError);
    expect(err).toMatchObject({
      subject: 'module ../dep',
      required: '1.99',
      running: stdout.trim().replace(/^go/, ''),
      goToolchain: 'local',
    });
  });

  it('a go.mod asking for a toolchain: the default policy never downloads one', async () => {
    const dir = module('toolchain', { 'go.mod': 'module example.com/tc\n\ngo 1.99\n\ntoolchain go1.99.1\n' });
    const err = await failure(['list', '-m'], dir);
    expect(err).toBeInstanceOf(GoVersionTooNewError);
    expect(err).toMatchObject({ subject: 'go.mod', required: '1.99', goToolchain: 'local' });
    expect((err as GoVersionTooNewError).stderr).not.toContain('downloading go1.99');
  });

  it('a go.mod go cannot parse', async () => {
    const dir = module('syntax', { 'go.mod': 'module example.com/syntax\n\ngo 1.22\nfrobnicate foo\n' });
    const err = await failure(['list', '-m', 'all'], dir);
    expect(err).toBeInstanceOf(GoModSyntaxInToolchainError);
    expect(err).toMatchObject({ position: { file: 'go.mod', line: 4 } });
  });

  it('a go.work go cannot parse, given through the goWork option', async () => {
    module('ws/a', { 'go.mod': 'module example.com/a\n\ngo 1.22\n' });
    const work = join(root, 'ws', 'go.work');
    writeFileSync(work, 'go 1.22\n\nuse ./a\nbogus x\n');
    const wsEnv = await resolveGoEnv({ appEnv: process.env, goWork: work });
    const err = await failure(['list', '-m'], join(root, 'ws'), wsEnv);
    expect(err).toBeInstanceOf(GoModSyntaxInToolchainError);
    expect(err).toMatchObject({ position: { file: 'go.work', line: 4 } });
  });

  it('a compile error', async () => {
    const dir = module('compile', {
      'go.mod': 'module example.com/compile\n\ngo 1.22\n',
      'ce.go': 'package ce\n\nfunc F() int {\n\treturn "x"\n}\n',
    });
    const err = await failure(['build', './...'], dir);
    expect(err).toBeInstanceOf(GoCompileError);
    expect((err as GoCompileError).positions).toEqual([{ file: './ce.go', line: 4, column: 9 }]);
  });
});
