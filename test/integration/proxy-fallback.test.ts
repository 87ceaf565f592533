/**
 * GOPROXY list semantics against local proxies: `,` moves on only after 404/410, `|` after any
 * error, `off` and `direct` end the list, GONOPROXY/GOPRIVATE bypass the proxies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ModuleLookupDisabledError,
  ModuleNotFoundError,
  NeedsVcsError,
  ProxyResponseError,
  ProxyUnavailableError,
} from '../../src/gomod/proxy/index.js';
import { proxyClientFromEnv, type EnvProxyClientOptions } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';

const MOD = 'example.com/fall/back';
let a: LocalProxy;
let b: LocalProxy;

function client(goproxy: string, extra: Record<string, string> = {}, opts: Partial<EnvProxyClientOptions> = {}) {
  return proxyClientFromEnv({
    env: { GOPROXY: goproxy, NETRC: '/nonexistent/netrc', ...extra },
    cacheDir: false,
    retries: 1,
    retryBaseMs: 1,
    ...opts,
  });
}

beforeAll(async () => {
  a = await startLocalProxy();
  b = await startLocalProxy({
    modules: { [MOD]: { versions: { 'v1.0.0': {}, 'v1.1.0': {} }, latest: 'v1.1.0' } },
  });
});
afterAll(async () => {
  await a.close();
  await b.close();
});
afterEach(() => {
  a.reset();
  b.reset();
});

describe('comma: fall through only when not found', () => {
  it.each([404, 410])('moves to the next proxy after %i', async (status) => {
    a.respond(MOD, status, { sticky: true });
    const c = client(`${a.url},${b.url}`);
    expect(await c.list(MOD)).toEqual(['v1.0.0', 'v1.1.0']);
    expect(await c.info(MOD, 'v1.0.0')).toEqual({ Version: 'v1.0.0', Time: '2024-01-02T03:04:05Z' });
    expect(a.count(MOD)).toBe(2);
    expect(b.count(MOD)).toBe(2);
  });

  it('stops at a 500 and reports the first proxy as unavailable', async () => {
    a.respond(MOD, 500, { sticky: true });
    const c = client(`${a.url},${b.url}`);
    const err = await c.list(MOD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyUnavailableError);
    expect((err as ProxyUnavailableError).url).toBe(`${a.url}/example.com/fall/back/@v/list`);
    expect(b.count()).toBe(0);
  });

  it('stops at a 403 (not retried, not a fallback reason)', async () => {
    a.respond(MOD, 403, { sticky: true });
    const err = await client(`${a.url},${b.url}`)
      .list(MOD)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyResponseError);
    expect((err as ProxyResponseError).status).toBe(403);
    expect(a.count()).toBe(1);
    expect(b.count()).toBe(0);
  });

  it('reports ModuleNotFoundError when every proxy says not found', async () => {
    const err = await client(`${a.url},${b.url}`)
      .list('example.com/nowhere')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleNotFoundError);
    expect((err as Error).message).toContain(`${b.url}/example.com/nowhere/@v/list: 404 Not Found`);
    expect(a.count()).toBe(1);
    expect(b.count()).toBe(1);
  });
});

describe('pipe: fall through on any error', () => {
  it.each([500, 503, 403, 404, 410])('moves to the next proxy after %i', async (status) => {
    a.respond(MOD, status, { sticky: true });
    expect(await client(`${a.url}|${b.url}`).mod(MOD, 'v1.1.0')).toBe(`module ${MOD}\n`);
    expect(b.count(MOD)).toBe(1);
  });

  it('keeps the proxy error over a later not found, as Go ranks them', async () => {
    a.respond('nowhere', 500, { sticky: true });
    const err = await client(`${a.url}|${b.url}`)
      .list('example.com/nowhere')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyUnavailableError);
    expect(b.count()).toBe(1);
  });

  it('moves past a proxy that does not answer at all', async () => {
    const dead = await startLocalProxy();
    const deadUrl = dead.url;
    await dead.close();
    expect(await client(`${deadUrl}|${b.url}`).list(MOD)).toEqual(['v1.0.0', 'v1.1.0']);
  });
});

describe('off and direct', () => {
  it('off is a typed error saying lookup is disabled', async () => {
    const err = await client('off')
      .list(MOD)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleLookupDisabledError);
    expect((err as Error).message).toBe(`module ${MOD}: module lookup disabled by GOPROXY=off`);
  });

  it('off after a not found wins over the not found', async () => {
    await expect(client(`${a.url},off`).list(MOD)).rejects.toBeInstanceOf(ModuleLookupDisabledError);
    expect(a.count()).toBe(1);
  });

  it('direct alone needs a VCS checkout', async () => {
    const err = await client('direct')
      .info(MOD, 'v1.0.0')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeedsVcsError);
    expect((err as Error).message).toBe(
      `fetching ${MOD} needs a version control checkout; not supported by gomod-steward's proxy client`,
    );
  });

  it('direct after a not found needs a VCS checkout', async () => {
    await expect(client(`${a.url},direct`).list(MOD)).rejects.toBeInstanceOf(NeedsVcsError);
    expect(a.count()).toBe(1);
  });

  it('direct is not reached after a proxy error behind a comma', async () => {
    a.respond(MOD, 502, { sticky: true });
    await expect(client(`${a.url},direct`).list(MOD)).rejects.toBeInstanceOf(ProxyUnavailableError);
  });

  it('@latest: a 404 everywhere is null even with direct behind it', async () => {
    expect(await client(`${a.url},${b.url},direct`).latest('example.com/nolatest')).toBeNull();
    expect(await client(`${a.url},${b.url}`).latest(MOD)).toEqual({ Version: 'v1.1.0', Time: '2024-01-02T03:04:05Z' });
    await expect(client('direct').latest(MOD)).rejects.toBeInstanceOf(NeedsVcsError);
  });
});

describe('GONOPROXY / GOPRIVATE', () => {
  it.each([
    [{ GOPRIVATE: 'example.com/fall' }],
    [{ GONOPROXY: 'example.com/*/back' }],
    [{ GOPRIVATE: '*.com', GONOSUMDB: 'x.example' }],
  ])('%j sends the module around the proxies without a request', async (extra) => {
    await expect(client(b.url, extra).list(MOD)).rejects.toBeInstanceOf(NeedsVcsError);
    await expect(client(b.url, extra).mod(MOD, 'v1.0.0')).rejects.toBeInstanceOf(NeedsVcsError);
    expect(b.count()).toBe(0);
  });

  it('GONOPROXY=none overrides GOPRIVATE for the proxy decision', async () => {
    expect(await client(b.url, { GOPRIVATE: 'example.com', GONOPROXY: 'none' }).list(MOD)).toHaveLength(2);
  });
});

describe('the basic calls', () => {
  it('list serves tagged versions in served order, drops pseudo-versions and junk, allows an empty list', async () => {
    const p = await startLocalProxy({
      modules: {
        'example.com/listed': {
          versions: {},
          list: 'v1.10.0\nv1.9.0 2024-01-01T00:00:00Z\nv0.0.0-20240101000000-abcdefabcdef\nnot-a-version\n\nv2.0.0+incompatible\n',
        },
        'example.com/untagged': { versions: {}, list: '' },
      },
    });
    try {
      const c = client(p.url);
      expect(await c.list('example.com/listed')).toEqual(['v1.10.0', 'v1.9.0', 'v2.0.0+incompatible']);
      expect(await c.list('example.com/untagged')).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('zip returns the module zip bytes', async () => {
    const zip = await client(b.url).zip(MOD, 'v1.0.0');
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(zip.includes(Buffer.from(`${MOD}@v1.0.0/go.mod`))).toBe(true);
  });

  it('mod and zip insist on canonical versions; bad paths are typed errors before any request', async () => {
    const c = client(b.url);
    await expect(c.mod(MOD, 'v1.0')).rejects.toMatchObject({ code: 'invalid-module-version' });
    await expect(c.zip(MOD, 'master')).rejects.toMatchObject({ code: 'invalid-module-version' });
    await expect(c.list('Example.com/x')).rejects.toMatchObject({ code: 'invalid-module-path' });
    await expect(c.info(MOD, 'a/b')).rejects.toMatchObject({ code: 'invalid-module-version' });
    expect(b.count()).toBe(0);
  });

  it('rejects an .info for another version than the canonical one asked for', async () => {
    const p = await startLocalProxy({ modules: { [MOD]: { versions: { 'v1.0.0': {} } } } });
    try {
      // The local proxy answers `@v/v1.0.0.info` for the query too; a canonical request must match exactly.
      const c = client(p.url, {}, { fetch: (url, init) => fetch(url.replace('v1.0.1.info', 'v1.0.0.info'), init) });
      await expect(c.info(MOD, 'v1.0.1')).rejects.toThrow(
        'proxy returned info for version v1.0.0 instead of requested version v1.0.1',
      );
    } finally {
      await p.close();
    }
  });

  it('serves a file:// proxy from disk', async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = mkdtempSync(join(tmpdir(), 'gomod-steward-fileproxy-'));
    mkdirSync(join(root, 'example.com', '!upper', '@v'), { recursive: true });
    writeFileSync(join(root, 'example.com', '!upper', '@v', 'list'), 'v1.0.0\n');
    writeFileSync(join(root, 'example.com', '!upper', '@v', 'v1.0.0.mod'), 'module example.com/Upper\n');
    const c = client(`file://${root},${b.url}`);
    expect(await c.list('example.com/Upper')).toEqual(['v1.0.0']);
    expect(await c.mod('example.com/Upper', 'v1.0.0')).toBe('module example.com/Upper\n');
    expect(await c.list(MOD)).toHaveLength(2); // not on disk → next proxy
    rmSync(root, { recursive: true, force: true });
  });
});
