/** Version lists and @latest: Go's fallback when @latest is missing, and the TTL cache on disk. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestFromList } from '../../src/gomod/latest-from-list.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { startLocalProxy, type LocalProxy } from '../support/local-proxy.js';

const PSEUDO_OLD = 'v0.0.0-20230101000000-aaaaaaaaaaaa';
const PSEUDO_NEW = 'v0.0.0-20240202000000-bbbbbbbbbbbb';
let proxy: LocalProxy;
const dirs: string[] = [];

beforeAll(async () => {
  proxy = await startLocalProxy({
    modules: {
      'example.com/untagged': {
        versions: { [PSEUDO_OLD]: {}, [PSEUDO_NEW]: {} },
        list: `${PSEUDO_NEW}\n${PSEUDO_OLD}\n`,
      },
      'example.com/tagged': { versions: { 'v1.0.0': {}, 'v1.1.0': {} }, latest: 'v1.1.0' },
    },
  });
});
afterAll(async () => {
  await proxy.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const client = (cacheDir: string | false, now = () => 1_000_000) =>
  proxyClientFromEnv({ env: { GOPROXY: proxy.url, NETRC: '/nonexistent' }, cacheDir, clock: now, retryBaseMs: 1 });

describe('@latest', () => {
  it('falls back to the newest pseudo-version of the list when the proxy has no @latest, as Go does', async () => {
    const info = await client(false).latest('example.com/untagged');
    expect(info?.Version).toBe(PSEUDO_NEW);
  });

  it('list() keeps only tags; the fallback picks by time, not by list order', () => {
    expect(latestFromList([`${PSEUDO_OLD}`, 'v1.0.0', `${PSEUDO_NEW}`])).toBe(PSEUDO_NEW);
    expect(latestFromList(['v1.0.0 2020-01-01T00:00:00Z', `${PSEUDO_OLD}`])).toBe(PSEUDO_OLD);
    expect(latestFromList(['v1.0.0', 'v1.1.0'])).toBeNull();
  });
});

describe('version lists on disk', () => {
  it('serve a second client within the TTL without a request, and expire after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-volatile-'));
    dirs.push(dir);
    proxy.reset();
    expect(await client(dir).list('example.com/tagged')).toEqual(['v1.0.0', 'v1.1.0']);
    expect(proxy.count()).toBe(1);
    const second = client(dir, () => 1_000_000 + 30_000);
    expect(await second.list('example.com/tagged')).toEqual(['v1.0.0', 'v1.1.0']);
    expect(proxy.count()).toBe(1);
    expect(second.stats()).toMatchObject({ requests: 0, diskHits: 1 });
    const late = client(dir, () => 1_000_000 + 61_000);
    await late.list('example.com/tagged');
    expect(proxy.count()).toBe(2);
  });
});
