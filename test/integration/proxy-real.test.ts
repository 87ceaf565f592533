/**
 * One check against the real default proxy (`go env GOPROXY`): the version list of a module with
 * upper-case letters in its path must be what the go command reports.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';

const run = promisify(execFile);
const MOD = 'github.com/BurntSushi/toml';

describe('the default proxy', () => {
  it(`lists ${MOD} as go list -m -versions does`, async () => {
    const { stdout: goproxy } = await run('go', ['env', 'GOPROXY']);
    // Only the proxy Go itself would use; credentials and private settings play no part here.
    const env = {
      HOME: process.env.HOME,
      PATH: process.env.PATH,
      GOPROXY: goproxy.trim(),
      NETRC: '/nonexistent/netrc',
    };
    const cwd = mkdtempSync(join(tmpdir(), 'gomod-steward-real-'));
    const { stdout } = await run('go', ['list', '-m', '-retracted', '-versions', '-json', MOD], {
      cwd,
      env: { ...env, GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
    });
    const fromGo = (JSON.parse(stdout) as { Versions?: string[] }).Versions ?? [];

    const client = proxyClientFromEnv({ env, cacheDir: false });
    const ours = await client.list(MOD);

    expect(fromGo.length).toBeGreaterThan(5);
    expect([...ours].sort()).toEqual([...fromGo].sort());
    expect(client.stats().requests).toBe(1);
    rmSync(cwd, { recursive: true, force: true });
  });
});
