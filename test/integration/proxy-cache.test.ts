/** Memory and disk caches, the list TTL, and coalescing of identical concurrent calls. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDependencyGoMod } from '../../src/gomod/modfile/index.js';
import { proxyClientFromEnv, type EnvProxyClientOptions } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';

const MOD = 'example.com/Cached/mod';
let proxy: LocalProxy;
let slow: LocalProxy;

function client(opts: Partial<EnvProxyClientOptions> & { goproxy?: string } = {}) {
  const { goproxy, ...rest } = opts;
  return proxyClientFromEnv({
    env: { GOPROXY: goproxy ?? proxy.url, NETRC: '/nonexistent/netrc' },
    cacheDir: false,
    retryBaseMs: 1,
    ...rest,
  });
}

const made: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gomod-steward-proxy-cache-'));
  made.push(d);
  return d;
};

beforeAll(async () => {
  const modules = { [MOD]: { versions: { 'v1.0.0': {}, 'v1.1.0': {} }, latest: 'v1.1.0' } };
  proxy = await startLocalProxy({ modules });
  slow = await startLocalProxy({ modules, delayMs: 40 });
});
afterAll(async () => {
  await proxy.close();
  await slow.close();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
afterEach(() => {
  proxy.reset();
  slow.reset();
});

describe('immutable answers', () => {
  it('are served from memory the second time', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) {
      expect(await c.mod(MOD, 'v1.0.0')).toBe(`module ${MOD}\n`);
      expect(await c.info(MOD, 'v1.0.0')).toMatchObject({ Version: 'v1.0.0' });
      expect((await c.zip(MOD, 'v1.0.0')).length).toBeGreaterThan(0);
    }
    expect(proxy.count()).toBe(3);
    expect(c.stats()).toMatchObject({ requests: 3, memoryHits: 6, diskHits: 0 });
  });

  it('are served from disk by a second client with the same cacheDir, without a request', async () => {
    const cacheDir = freshDir();
    const first = client({ cacheDir });
    await first.mod(MOD, 'v1.1.0');
    await first.info(MOD, 'v1.1.0');
    await first.zip(MOD, 'v1.1.0');
    expect(first.stats()).toMatchObject({ requests: 3, diskWrites: 3 });
    expect(readdirSync(cacheDir)).toHaveLength(1); // one directory per proxy URL

    const second = client({ cacheDir });
    expect(await second.mod(MOD, 'v1.1.0')).toBe(`module ${MOD}\n`);
    expect(await second.info(MOD, 'v1.1.0')).toEqual({ Version: 'v1.1.0', Time: '2024-01-02T03:04:05Z' });
    expect(await second.zip(MOD, 'v1.1.0')).toEqual(await first.zip(MOD, 'v1.1.0'));
    expect(second.stats()).toMatchObject({ requests: 0, diskHits: 3 });
    expect(proxy.count()).toBe(3);
    // …and from memory after that.
    await second.mod(MOD, 'v1.1.0');
    expect(second.stats()).toMatchObject({ diskHits: 3, memoryHits: 1 });
  });

  it('keys the disk cache by proxy URL, and any proxy of the list may answer from it', async () => {
    const cacheDir = freshDir();
    await client({ cacheDir, goproxy: slow.url }).mod(MOD, 'v1.0.0');
    const other = client({ cacheDir, goproxy: proxy.url });
    await other.mod(MOD, 'v1.0.0');
    expect(other.stats().requests).toBe(1);
    expect(readdirSync(cacheDir)).toHaveLength(2);
    const both = client({ cacheDir, goproxy: `${proxy.url},${slow.url}` });
    await both.mod(MOD, 'v1.0.0');
    expect(both.stats()).toMatchObject({ requests: 0, diskHits: 1 });
  });

  it('ignores a corrupt .info on disk and refetches it', async () => {
    const cacheDir = freshDir();
    const first = client({ cacheDir });
    await first.info(MOD, 'v1.0.0');
    const proxyKey = readdirSync(cacheDir)[0]!;
    writeFileSync(join(cacheDir, proxyKey, 'example.com', '!cached', 'mod', '@v', 'v1.0.0.info'), '{broken');
    const second = client({ cacheDir });
    expect(await second.info(MOD, 'v1.0.0')).toMatchObject({ Version: 'v1.0.0' });
    expect(second.stats()).toMatchObject({ requests: 1, diskHits: 0 });
  });

  it('does not cache non-canonical .info queries beyond the TTL', async () => {
    const p = await startLocalProxy({ modules: { [MOD]: { versions: { main: {} } } } });
    try {
      let now = 0;
      const c = client({ goproxy: p.url, listTtlMs: 10, cacheDir: freshDir(), clock: () => now });
      await c.info(MOD, 'main');
      now = 9;
      await c.info(MOD, 'main');
      expect(p.count()).toBe(1);
      now = 10;
      await c.info(MOD, 'main');
      expect(p.count()).toBe(2);
    } finally {
      await p.close();
    }
  });
});

describe('list and latest', () => {
  it('are cached in memory for listTtlMs, then asked again', async () => {
    let now = 1000;
    const c = client({ listTtlMs: 40, clock: () => now });
    await c.list(MOD);
    await c.latest(MOD);
    now = 1039;
    await c.list(MOD);
    await c.latest(MOD);
    expect(proxy.count('@v/list')).toBe(1);
    expect(proxy.count('@latest')).toBe(1);
    now = 1040;
    await c.list(MOD);
    await c.latest(MOD);
    expect(proxy.count('@v/list')).toBe(2);
    expect(proxy.count('@latest')).toBe(2);
  });

  it('see a new version once the TTL has passed', async () => {
    const p = await startLocalProxy({ modules: { [MOD]: { versions: { 'v1.0.0': {} } } } });
    try {
      let now = 0;
      const c = client({ goproxy: p.url, listTtlMs: 20, clock: () => now });
      expect(await c.list(MOD)).toEqual(['v1.0.0']);
      p.addModule(MOD, { versions: { 'v1.0.0': {}, 'v1.0.1': {} } });
      expect(await c.list(MOD)).toEqual(['v1.0.0']);
      now = 20;
      expect(await c.list(MOD)).toEqual(['v1.0.0', 'v1.0.1']);
    } finally {
      await p.close();
    }
  });

  it('remember "not found" for the TTL too', async () => {
    const c = client({ listTtlMs: 1000 });
    await expect(c.list('example.com/missing')).rejects.toMatchObject({ code: 'module-not-found' });
    await expect(c.list('example.com/missing')).rejects.toMatchObject({ code: 'module-not-found' });
    expect(await c.latest('example.com/missing')).toBeNull();
    expect(await c.latest('example.com/missing')).toBeNull();
    expect(proxy.count()).toBe(2);
  });

  it('hand out copies: a caller mutating a result does not change the cache', async () => {
    const c = client();
    (await c.list(MOD)).push('v9.9.9');
    expect(await c.list(MOD)).toEqual(['v1.0.0', 'v1.1.0']);
  });

  it('are not written to disk when the TTL is zero (their disk life is the TTL: proxy-volatile.test.ts)', async () => {
    const cacheDir = freshDir();
    await client({ cacheDir, listTtlMs: 0 }).list(MOD);
    await client({ cacheDir, listTtlMs: 0 }).latest(MOD);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});

describe('coalescing', () => {
  it('turns identical concurrent calls into one request each', async () => {
    const c = client({ goproxy: slow.url });
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => c.list(MOD)),
      ...Array.from({ length: 10 }, () => c.mod(MOD, 'v1.0.0')),
      ...Array.from({ length: 10 }, () => c.info(MOD, 'v1.0.0')),
      ...Array.from({ length: 10 }, () => c.latest(MOD)),
    ]);
    expect(results).toHaveLength(40);
    expect(slow.count()).toBe(4);
    expect(c.stats()).toMatchObject({ requests: 4, coalesced: 36 });
  });

  it('shares a failure with every waiter, and the next call tries again', async () => {
    slow.respond('@v/list', 404);
    const c = client({ goproxy: slow.url, listTtlMs: 0 });
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => c.list(MOD)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(slow.count()).toBe(1);
    expect(await c.list(MOD)).toEqual(['v1.0.0', 'v1.1.0']);
  });
});

describe('definite failures', () => {
  const MISSING_MOD = /!cached\/mod\/@v\/v1\.0\.0\.mod$/;

  it('a refusal (403) of a .mod or a list is remembered for the TTL, in memory and on disk, with the same error', async () => {
    const cacheDir = freshDir();
    let now = 1_000;
    const first = client({ cacheDir, listTtlMs: 60_000, clock: () => now });
    proxy.respond(MISSING_MOD, 403, { sticky: true });
    proxy.respond('@v/list', 403, { sticky: true });
    const modErr = await first.mod(MOD, 'v1.0.0').catch((e: unknown) => e);
    const listErr = await first.list(MOD).catch((e: unknown) => e);
    expect(modErr).toMatchObject({ code: 'proxy-bad-response', status: 403 });
    expect(listErr).toMatchObject({ code: 'proxy-bad-response', status: 403 });
    // The same client asks again: from memory.
    await expect(first.mod(MOD, 'v1.0.0')).rejects.toBe(modErr);
    await expect(first.list(MOD)).rejects.toBe(listErr);
    expect(proxy.count()).toBe(2);

    // A second process within the TTL: from disk, the same class and message, no request.
    now = 31_000;
    const second = client({ cacheDir, listTtlMs: 60_000, clock: () => now });
    const again = await second.mod(MOD, 'v1.0.0').catch((e: unknown) => e);
    expect(again).toBeInstanceOf((modErr as Error).constructor);
    expect((again as Error).message).toBe((modErr as Error).message);
    await expect(second.list(MOD)).rejects.toThrow((listErr as Error).message);
    expect(proxy.count()).toBe(2);
    expect(second.stats()).toMatchObject({ requests: 0, diskHits: 2 });

    // Past the TTL the proxy is asked again, and its answer now wins.
    proxy.reset();
    now = 61_001;
    const late = client({ cacheDir, listTtlMs: 60_000, clock: () => now });
    expect(await late.mod(MOD, 'v1.0.0')).toBe(`module ${MOD}\n`);
    expect(await late.list(MOD)).toEqual(['v1.0.0', 'v1.1.0']);
    expect(proxy.count()).toBe(2);
  });

  it('"not found" of a .mod is remembered across clients too', async () => {
    const cacheDir = freshDir();
    await expect(client({ cacheDir }).mod('example.com/missing', 'v1.0.0')).rejects.toMatchObject({
      code: 'module-not-found',
    });
    await expect(client({ cacheDir }).mod('example.com/missing', 'v1.0.0')).rejects.toMatchObject({
      code: 'module-not-found',
    });
    expect(proxy.count()).toBe(1);
  });

  it.each([500, 401])('a %i is not remembered: the next call asks again', async (status) => {
    const cacheDir = freshDir();
    proxy.respond(MISSING_MOD, status, { sticky: true });
    const c = client({ cacheDir, retries: 0 });
    await expect(c.mod(MOD, 'v1.0.0')).rejects.toBeDefined();
    await expect(c.mod(MOD, 'v1.0.0')).rejects.toBeDefined();
    await expect(client({ cacheDir, retries: 0 }).mod(MOD, 'v1.0.0')).rejects.toBeDefined();
    expect(proxy.count()).toBe(3);
  });

  it('a corrupt failure record on disk is ignored and the proxy asked', async () => {
    const cacheDir = freshDir();
    proxy.respond(MISSING_MOD, 403, { sticky: true });
    await expect(client({ cacheDir }).mod(MOD, 'v1.0.0')).rejects.toMatchObject({ status: 403 });
    const volatileDir = join(cacheDir, 'volatile');
    for (const sub of readdirSync(volatileDir))
      for (const f of readdirSync(join(volatileDir, sub))) writeFileSync(join(volatileDir, sub, f), '{"broken');
    proxy.reset();
    expect(await client({ cacheDir }).mod(MOD, 'v1.0.0')).toBe(`module ${MOD}\n`);
    expect(proxy.count()).toBe(1);
  });
});

describe('parsed go.mod files', () => {
  it('are what the dependency parser gives, and a second client reads them from the store without a request', async () => {
    const cacheDir = freshDir();
    const first = client({ cacheDir });
    const parsed = await first.parsedMod(MOD, 'v1.0.0');
    expect(parsed).toStrictEqual(parseDependencyGoMod(MOD, 'v1.0.0', await first.mod(MOD, 'v1.0.0')));
    await new Promise((r) => setTimeout(r, 60));
    proxy.reset();
    const second = client({ cacheDir });
    expect(await second.parsedMod(MOD, 'v1.0.0')).toStrictEqual(parsed);
    expect(second.stats()).toMatchObject({ requests: 0, diskHits: 0 });
    expect(proxy.count()).toBe(0);
  });

  it('fail as mod() does for a version that is not canonical', async () => {
    await expect(client().parsedMod(MOD, 'main')).rejects.toThrow(/not a canonical version/);
  });
});
