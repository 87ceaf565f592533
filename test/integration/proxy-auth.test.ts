/** Credentials for private proxies: in the GOPROXY URL, in GOPROXY_AUTH, in a netrc file. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProxyResponseError, ProxyUnavailableError } from '../../src/gomod/proxy/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';

const MOD = 'example.com/private/Lib';
const SECRET = 's3cr3t-Passw0rd';
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

let proxy: LocalProxy;
let host: string; // 127.0.0.1:<port>
const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-auth-'));

function netrcFile(text: string): string {
  const file = join(dir, `netrc-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  return file;
}

function client(env: Record<string, string>) {
  return proxyClientFromEnv({ env: { NETRC: join(dir, 'none'), ...env }, cacheDir: false, retries: 1, retryBaseMs: 1 });
}

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: { [MOD]: { versions: { 'v0.1.0': {} } } },
    auth: { basic: { username: 'bot', password: SECRET } },
  });
  host = new URL(proxy.url).host;
});
afterAll(async () => {
  await proxy.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  proxy.reset();
  proxy.setAuth({ basic: { username: 'bot', password: SECRET } });
});

describe('credentials', () => {
  it('from user info in the GOPROXY URL', async () => {
    expect(await client({ GOPROXY: `http://bot:${SECRET}@${host}` }).list(MOD)).toEqual(['v0.1.0']);
    expect(proxy.requests[0]?.authorization).toBe(basic('bot', SECRET));
  });

  it('from GOPROXY_AUTH, basic and bearer', async () => {
    expect(
      await client({ GOPROXY: proxy.url, GOPROXY_AUTH: `other.example=x:y, ${host}=bot:${SECRET}` }).list(MOD),
    ).toEqual(['v0.1.0']);
    proxy.setAuth({ bearer: SECRET });
    expect(await client({ GOPROXY: proxy.url, GOPROXY_AUTH: `${host}=${SECRET}` }).list(MOD)).toEqual(['v0.1.0']);
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('from a netrc machine entry (host:port or bare host), sent with the first request', async () => {
    for (const machine of [host, '127.0.0.1']) {
      proxy.reset();
      const NETRC = netrcFile(
        `machine other.example login x password y\nmachine ${machine}\n  login bot\n  password ${SECRET}\n`,
      );
      expect(await client({ GOPROXY: proxy.url, NETRC }).mod(MOD, 'v0.1.0')).toBe(`module ${MOD}\n`);
      expect(proxy.requests.map((r) => r.status)).toEqual([200]);
    }
  });

  it('from the netrc default entry, only after the proxy asks for credentials', async () => {
    const NETRC = netrcFile(`machine other.example login x password y\ndefault login bot password ${SECRET}\n`);
    expect(await client({ GOPROXY: proxy.url, NETRC }).list(MOD)).toEqual(['v0.1.0']);
    expect(proxy.requests.map((r) => [r.status, r.authorization])).toEqual([
      [401, undefined],
      [200, basic('bot', SECRET)],
    ]);
  });

  it('URL user info beats GOPROXY_AUTH, which beats netrc', async () => {
    const NETRC = netrcFile(`machine ${host} login netrc password n\n`);
    await client({ GOPROXY: `http://bot:${SECRET}@${host}`, GOPROXY_AUTH: `${host}=env:e`, NETRC }).list(MOD);
    await client({ GOPROXY: proxy.url, GOPROXY_AUTH: `${host}=bot:${SECRET}`, NETRC }).list(MOD);
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('are sent only to the proxy they name', async () => {
    const open = await startLocalProxy({ modules: { [MOD]: { versions: { 'v0.2.0': {} } } } });
    try {
      const NETRC = netrcFile(`machine ${host} login bot password ${SECRET}\n`);
      const c = client({ GOPROXY: `${open.url},${proxy.url}`, GOPROXY_AUTH: `${host}=bot:${SECRET}`, NETRC });
      expect(await c.list(MOD)).toEqual(['v0.2.0']);
      expect(open.requests[0]?.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('failures never leak credentials', () => {
  it('a rejected password is a 401 ProxyResponseError without the secret', async () => {
    const wrong = `wrong-${SECRET}`;
    const err = await client({ GOPROXY: `http://bot:${wrong}@${host}` })
      .list(MOD)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyResponseError);
    expect((err as ProxyResponseError).status).toBe(401);
    expect(JSON.stringify({ m: (err as Error).message, s: (err as Error).stack, e: err })).not.toContain(wrong);
    expect((err as Error).message).toContain(`http://${host}/example.com/private/!lib/@v/list`.replace('!', '%21'));
  });

  it('an unavailable private proxy is reported without the secret', async () => {
    proxy.respond(MOD.toLowerCase(), 503, { sticky: true });
    const err = await client({ GOPROXY: `http://bot:${SECRET}@${host}`, GOPROXY_AUTH: `${host}=bot:${SECRET}` })
      .list('example.com/private/lib')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyUnavailableError);
    expect(JSON.stringify({ m: (err as Error).message, e: err })).not.toContain(SECRET);
    expect((err as ProxyUnavailableError).url).toBe(`http://${host}/example.com/private/lib/@v/list`);
  });

  it('the resolved config keeps URL credentials out of the printable proxy URL', async () => {
    const cfg = await client({ GOPROXY: `http://bot:${SECRET}@${host}` }).config();
    const first = cfg.proxies[0];
    expect(first?.kind === 'url' && first.url).toBe(`http://${host}`);
  });
});
