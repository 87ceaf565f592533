/** One Go environment for the proxy client and every go child: what it takes from the app's environment and what it leaves out. */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGoEnv } from '../../../src/toolchain/go-env.js';
import { goSettingsFrom, proxyConfigOf } from '../../../src/toolchain/go-settings.js';
import { openJobCredentials } from '../../../src/toolchain/job-credentials.js';

const DEFAULTS = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
  GOPRIVATE: '',
  GONOPROXY: '',
  GONOSUMDB: '',
};
const TOOLS = { goDir: '/usr/local/go/bin', shared: { GOPATH: '/g', GOMODCACHE: '/g/pkg/mod', GOCACHE: '/c' } };

describe('goSettingsFrom', () => {
  it("takes the Go variables from the environment and fills the rest with Go's defaults", () => {
    const s = goSettingsFrom({ GOPRIVATE: 'github.com/acme/*', GOFLAGS: '-mod=mod', PRIVATE_KEY: 'k' }, DEFAULTS);
    expect(s.vars).toEqual({
      GOPROXY: 'https://proxy.golang.org,direct',
      GOSUMDB: 'sum.golang.org',
      GOPRIVATE: 'github.com/acme/*',
      GOFLAGS: '-mod=mod',
    });
    expect(s.auth).toEqual([]);
  });

  it('moves user info out of GOPROXY into credentials, ahead of GOPROXY_AUTH, keeping separators', () => {
    const s = goSettingsFrom(
      {
        GOPROXY: 'https://bot:pa%3Ass@athens.corp.example/mirror|https://proxy.golang.org,direct',
        GOPROXY_AUTH: 'athens.corp.example=x:y',
      },
      DEFAULTS,
    );
    expect(s.vars.GOPROXY).toBe('https://athens.corp.example/mirror|https://proxy.golang.org,direct');
    expect(s.auth).toEqual([
      { prefix: 'athens.corp.example/mirror', header: `Basic ${Buffer.from('bot:pa:ss').toString('base64')}` },
      { prefix: 'athens.corp.example', header: `Basic ${Buffer.from('x:y').toString('base64')}` },
    ]);
    // The proxy client gets the same settings: credentials attached, none in its URLs.
    const config = proxyConfigOf(s);
    expect(config.goproxy).toBe(s.vars.GOPROXY);
    expect(config.auth).toEqual(s.auth);
  });

  it('names ~/.netrc for go children only when it exists, so both sides read the same file', async () => {
    const home = await mkdtemp(join(tmpdir(), 'settings-home-'));
    expect(goSettingsFrom({ HOME: home }, DEFAULTS).vars.NETRC).toBeUndefined();
    await writeFile(join(home, '.netrc'), 'machine a login b password c\n');
    expect(goSettingsFrom({ HOME: home }, DEFAULTS).vars.NETRC).toBe(join(home, '.netrc'));
    expect(goSettingsFrom({ HOME: home, NETRC: '/etc/n' }, DEFAULTS).vars.NETRC).toBe('/etc/n');
  });

  it('is what every go child gets: the same GOPRIVATE whatever else the app environment holds', () => {
    const settings = goSettingsFrom({ GOPRIVATE: 'corp.example/*' }, DEFAULTS);
    // The app environment says something else; the resolved settings win, as for the proxy client.
    const env = buildGoEnv(
      { appEnv: { GOPRIVATE: 'stale.example/*', PATH: '/bin' }, settings, cacheDir: '/tmp/x' },
      TOOLS,
    );
    expect(env.GOPRIVATE).toBe('corp.example/*');
    expect(proxyConfigOf(settings).goprivate).toBe('corp.example/*');
    expect(env.GOENV).toBe('off');
  });
});

describe('openJobCredentials', () => {
  it('hands proxy credentials to go through a GOAUTH command and git headers through a gitconfig, in files only the job can read', async () => {
    const settings = goSettingsFrom({ GOPROXY_AUTH: 'athens.corp.example=bot:s3cret-pass' }, DEFAULTS);
    const header = { url: 'https://github.com/', header: 'Authorization: Basic eC1hY2Nlc3MtdG9rZW46Z2hz' };
    const creds = await openJobCredentials({ settings, gitHeaders: [header] });
    try {
      const env = creds.env;
      expect(Object.keys(env).sort()).toEqual(['GIT_CONFIG_GLOBAL', 'GOAUTH']);
      expect(JSON.stringify(env)).not.toMatch(/s3cret|eC1hY2Nlc3M/);
      const [base, script] = env.GOAUTH!.split(';');
      expect(base).toBe('netrc');
      const goauth = join(script!, '..', 'goauth');
      expect(await readFile(goauth, 'utf8')).toBe(
        `https://athens.corp.example\n\nAuthorization: Basic ${Buffer.from('bot:s3cret-pass').toString('base64')}\n\n`,
      );
      expect((await stat(goauth)).mode & 0o777).toBe(0o600);
      expect((await stat(env.GIT_CONFIG_GLOBAL!)).mode & 0o777).toBe(0o600);
      expect(await readFile(env.GIT_CONFIG_GLOBAL!, 'utf8')).toBe(
        `[http "https://github.com/"]\n\textraHeader = "${header.header}"\n`,
      );
      await creds.dispose();
      await expect(stat(goauth)).rejects.toThrow(/ENOENT/);
    } finally {
      await creds.dispose();
    }
  });

  it('adds nothing when there is nothing to hand over', async () => {
    const creds = await openJobCredentials({ settings: goSettingsFrom({}, DEFAULTS) });
    expect(creds.env).toEqual({});
  });
});
