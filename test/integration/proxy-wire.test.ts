/**
 * Case-encoding on the wire: for the same lookups, the client must send exactly the request
 * targets the go command sends to a proxy (`!`-escaped, then percent-encoded: `!` → `%21`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ProxyClient } from '../../src/gomod/proxy/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';

const run = promisify(execFile);
let proxy: LocalProxy;
let dir: string;

beforeAll(async () => {
  proxy = await startLocalProxy({
    prefix: '/mirror/go',
    modules: {
      'github.com/BurntSushi/toml': { versions: { 'v1.0.0-RC1': {}, 'v0.9.0': {} }, latest: 'v1.0.0-RC1' },
      'example.com/Inc': { versions: { 'v3.0.0+incompatible': {}, 'Feature-X': {} } },
      'example.com/mixed/V2case/v2': { versions: { 'v2.1.0': { mod: 'module example.com/mixed/V2case/v2\n' } } },
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'gomod-steward-wire-'));
});
afterAll(async () => {
  await proxy.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the go command against the local proxy (async: the proxy lives in this process). */
async function goRequests(args: string[]): Promise<string[]> {
  proxy.reset();
  const env = {
    ...process.env,
    GOPROXY: proxy.url,
    GOSUMDB: 'off',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOMODCACHE: mkdtempSync(join(dir, 'modcache-')),
    GOWORK: 'off',
    GOFLAGS: '-mod=mod -modcacherw',
    GOTOOLCHAIN: 'local',
  };
  await run('go', args, { cwd: dir, env }).catch(() => undefined);
  return [...new Set(proxy.requests.map((r) => r.rawUrl))].sort();
}

async function clientRequests(work: (c: ProxyClient) => Promise<unknown>): Promise<string[]> {
  proxy.reset();
  const c = proxyClientFromEnv({ env: { GOPROXY: proxy.url, NETRC: '/nonexistent/netrc' }, cacheDir: false });
  await work(c);
  return [...new Set(proxy.requests.map((r) => r.rawUrl))].sort();
}

describe('request targets match the go command', () => {
  it.each([
    ['github.com/BurntSushi/toml', 'v1.0.0-RC1'],
    ['example.com/Inc', 'v3.0.0+incompatible'],
    ['example.com/mixed/V2case/v2', 'v2.1.0'],
  ])('go mod download %s@%s (.info, .mod, .zip)', async (path, version) => {
    const fromGo = await goRequests(['mod', 'download', '-json', `${path}@${version}`]);
    const fromUs = await clientRequests(async (c) => {
      await c.info(path, version);
      await c.mod(path, version);
      await c.zip(path, version);
    });
    expect(fromGo).toHaveLength(3);
    expect(fromUs).toEqual(fromGo);
    expect(fromUs.every((u) => u.startsWith('/mirror/go/') && !/[A-Z]/.test(u.replace(/%[0-9A-F]{2}/g, '')))).toBe(
      true,
    );
  });

  it('go list -m -versions (@v/list)', async () => {
    const fromGo = await goRequests(['list', '-m', '-versions', '-json', 'github.com/BurntSushi/toml']);
    const fromUs = await clientRequests((c) => c.list('github.com/BurntSushi/toml'));
    expect(fromUs).toEqual(['/mirror/go/github.com/%21burnt%21sushi/toml/@v/list']);
    // Go also reads the latest release's go.mod (for retractions); the list request is the point.
    expect(fromGo).toContain(fromUs[0]);
  });

  it('a non-semver query (.info of a branch-like name)', async () => {
    const fromGo = await goRequests(['mod', 'download', '-json', 'example.com/Inc@Feature-X']);
    const fromUs = await clientRequests((c) => c.info('example.com/Inc', 'Feature-X'));
    expect(fromUs).toEqual(['/mirror/go/example.com/%21inc/@v/%21feature-%21x.info']);
    expect(fromGo).toContain(fromUs[0]);
  });
});
