/** Configuration that comes from the go command: `go env` defaults, and what happens without Go. */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ProxyConfigError } from '../../src/gomod/proxy/index.js';
import { resolveProxyConfig } from '../../src/toolchain/go-settings.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy } from '../support/local-proxy.js';

const run = promisify(execFile);

async function goEnv(env: Record<string, string>, name: string): Promise<string> {
  const child = { ...process.env, GOPROXY: '', GOPRIVATE: '', GONOPROXY: '', GONOSUMDB: '', ...env };
  return (await run('go', ['env', name], { env: child })).stdout.trim();
}

describe('go env defaults', () => {
  it('an unset GOPROXY is what `go env GOPROXY` says', async () => {
    const cfg = await resolveProxyConfig({ PATH: process.env.PATH, HOME: process.env.HOME });
    expect(cfg.goproxy).toBe(await goEnv({}, 'GOPROXY'));
    expect(cfg.proxies.length).toBeGreaterThan(0);
  });

  it('GONOPROXY and GONOSUMDB follow GOPRIVATE the way go env reports them', async () => {
    const env = { PATH: process.env.PATH!, GOPROXY: 'off', GOPRIVATE: 'corp.example/*', GONOSUMDB: 'sum.example' };
    const cfg = await resolveProxyConfig(env);
    expect(cfg.gonoproxy).toBe(await goEnv(env, 'GONOPROXY'));
    expect(cfg.gonosumdb).toBe(await goEnv(env, 'GONOSUMDB'));
    expect([cfg.gonoproxy, cfg.gonosumdb]).toEqual(['corp.example/*', 'sum.example']);
  });

  it('without a go command an unset GOPROXY is a typed config error', async () => {
    const c = proxyClientFromEnv({ env: { PATH: '/nonexistent' }, goCommand: 'go-does-not-exist', cacheDir: false });
    await expect(c.list('example.com/m')).rejects.toBeInstanceOf(ProxyConfigError);
    await expect(c.list('example.com/m')).rejects.toThrow(
      /GOPROXY is not set and there is no `go-does-not-exist` command/,
    );
  });

  it('without a go command a set GOPROXY still works', async () => {
    const proxy = await startLocalProxy({ modules: { 'example.com/m': { versions: { 'v1.0.0': {} } } } });
    try {
      const c = proxyClientFromEnv({ env: { GOPROXY: proxy.url }, goCommand: 'go-does-not-exist', cacheDir: false });
      expect(await c.list('example.com/m')).toEqual(['v1.0.0']);
    } finally {
      await proxy.close();
    }
  });

  it('a malformed GOPROXY is a typed config error on first use', async () => {
    const c = proxyClientFromEnv({
      env: { GOPROXY: 'ftp://x.example', GOPRIVATE: 'a', GONOPROXY: 'a', GONOSUMDB: 'a' },
      cacheDir: false,
    });
    await expect(c.info('example.com/m', 'v1.0.0')).rejects.toBeInstanceOf(ProxyConfigError);
  });
});

describe('cache location', () => {
  it('defaults to $GOMODSTEWARD_CACHE', async () => {
    const proxy = await startLocalProxy({ modules: { 'example.com/m': { versions: { 'v1.0.0': {} } } } });
    const cacheRoot = mkdtempSync(join(tmpdir(), 'gomod-steward-envcache-'));
    try {
      const c = proxyClientFromEnv({ env: { GOPROXY: proxy.url, GOMODSTEWARD_CACHE: cacheRoot } });
      await c.mod('example.com/m', 'v1.0.0');
      expect(c.stats().diskWrites).toBe(1);
      expect(readdirSync(cacheRoot)).toHaveLength(1);
    } finally {
      await proxy.close();
      rmSync(cacheRoot, { recursive: true, force: true });
    }
  });
});
