/** Retries with backoff on 5xx, 429 and network errors; none on other 4xx; bounded concurrency. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ProxyUnavailableError, type FetchLike } from '../../src/gomod/proxy/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';

const MOD = 'example.com/flaky';
let proxy: LocalProxy;

function client(opts: { retries?: number; fetch?: FetchLike; timeoutMs?: number; concurrency?: number } = {}) {
  return proxyClientFromEnv({
    env: { GOPROXY: proxy.url, NETRC: '/nonexistent/netrc' },
    cacheDir: false,
    retryBaseMs: 2,
    retryMaxMs: 20,
    ...opts,
  });
}

beforeAll(async () => {
  const versions = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`v1.0.${i}`, {}]));
  proxy = await startLocalProxy({ modules: { [MOD]: { versions } } });
});
afterAll(() => proxy.close());
afterEach(() => proxy.reset());

describe('retries', () => {
  it.each([[[500]], [[502, 503]], [[429, 504, 500]]])('retries %j then succeeds', async (statuses) => {
    proxy.respond('@v/list', statuses);
    const c = client({ retries: 3 });
    expect(await c.list(MOD)).toHaveLength(40);
    expect(proxy.count('@v/list')).toBe(statuses.length + 1);
    expect(c.stats()).toMatchObject({ requests: statuses.length + 1, retries: statuses.length });
  });

  it('gives up after the configured retries with a typed error naming module and URL', async () => {
    proxy.respond('@v/list', 503, { sticky: true });
    const c = client({ retries: 2 });
    const err = (await c.list(MOD).catch((e: unknown) => e)) as ProxyUnavailableError;
    expect(err).toBeInstanceOf(ProxyUnavailableError);
    expect(err).toMatchObject({ modulePath: MOD, url: `${proxy.url}/${MOD}/@v/list`, attempts: 3, status: 503 });
    expect(err.message).toContain(MOD);
    expect(err.message).toContain(`${proxy.url}/${MOD}/@v/list`);
    expect(proxy.count()).toBe(3);
  });

  it.each([400, 401, 403, 418])('does not retry %i', async (status) => {
    proxy.respond('.mod', status, { sticky: true });
    await expect(client({ retries: 3 }).mod(MOD, 'v1.0.0')).rejects.toMatchObject({
      code: 'proxy-bad-response',
      status,
    });
    expect(proxy.count()).toBe(1);
  });

  it('retries network errors and timeouts', async () => {
    let calls = 0;
    const flaky: FetchLike = async (url, init) => {
      calls++;
      if (calls === 1)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
      if (calls === 2)
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
      return fetch(url, init);
    };
    const c = client({ retries: 3, fetch: flaky, timeoutMs: 50 });
    expect(await c.info(MOD, 'v1.0.3')).toMatchObject({ Version: 'v1.0.3' });
    expect(calls).toBe(3);
  });

  it('reports a timeout that outlasts every retry', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const err = await client({ retries: 1, fetch: hang, timeoutMs: 30 })
      .list(MOD)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyUnavailableError);
    expect((err as Error).message).toContain('timed out after 30 ms');
  });
});

describe('concurrency', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const counting: FetchLike = async (url, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await fetch(url, init);
      } finally {
        inFlight--;
      }
    };
    const c = client({ concurrency: 4, fetch: counting });
    const mods = await Promise.all(Array.from({ length: 40 }, (_, i) => c.mod(MOD, `v1.0.${i}`)));
    expect(mods).toHaveLength(40);
    expect(peak).toBe(4);
  });
});
