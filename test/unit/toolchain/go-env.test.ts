import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { GO_ENV_NAMES, GoEnvError, buildGoEnv } from '../../../src/toolchain/index.js';

const appEnv = {
  PATH: '/opt/node/bin:/usr/local/go/bin:/usr/bin',
  HOME: '/home/app',
  TMPDIR: '/var/tmp/app',
  GOPROXY: 'https://corp-proxy.example/go,off',
  GOPRIVATE: 'example.com/private/*',
  GONOSUMDB: 'example.com/private/*',
  GOFLAGS: '-mod=mod',
  GOAUTH: 'netrc',
  NETRC: '/run/secrets/netrc',
  GOTOOLCHAIN: 'auto',
  GOWORK: '/elsewhere/go.work',
  GOMODCACHE: '/somewhere/else',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
  WEBHOOK_SECRET: 'whsec-0123456789',
  GITHUB_TOKEN: 'ghs_abcdefghijklmnop',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
  LD_PRELOAD: '/tmp/evil.so',
  NODE_OPTIONS: '--require /tmp/evil.js',
};
const tools = { goDir: '/usr/local/go/bin', gitDir: '/usr/bin' };
const shared = { GOPATH: '/home/app/go', GOMODCACHE: '/home/app/go/pkg/mod', GOCACHE: '/home/app/.cache/go-build' };

describe('buildGoEnv', () => {
  it('holds only allowlisted names, whatever the app environment holds', () => {
    const env = buildGoEnv({ appEnv }, { ...tools, shared });
    for (const name of Object.keys(env)) expect(GO_ENV_NAMES.has(name)).toBe(true);
    for (const name of [
      'PRIVATE_KEY',
      'WEBHOOK_SECRET',
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'LD_PRELOAD',
      'NODE_OPTIONS',
    ]) {
      expect(env).not.toHaveProperty(name);
    }
    const all = JSON.stringify(env);
    for (const v of [appEnv.WEBHOOK_SECRET, appEnv.GITHUB_TOKEN, 'MIIEowIBAAKCAQEA']) expect(all).not.toContain(v);
  });

  it('passes the proxy and auth settings through', () => {
    const env = buildGoEnv({ appEnv }, { ...tools, shared });
    expect(env).toMatchObject({
      GOPROXY: appEnv.GOPROXY,
      GOPRIVATE: appEnv.GOPRIVATE,
      GONOSUMDB: appEnv.GONOSUMDB,
      GOFLAGS: '-mod=mod',
      GOAUTH: 'netrc',
      NETRC: '/run/secrets/netrc',
    });
    expect(env).not.toHaveProperty('GONOPROXY');
    expect(env).not.toHaveProperty('GOSUMDB');
  });

  it('builds PATH from the go and git directories only', () => {
    expect(buildGoEnv({ appEnv }, { ...tools, shared }).PATH).toBe('/usr/local/go/bin:/usr/bin');
    expect(buildGoEnv({ appEnv }, { goDir: '/usr/bin', gitDir: '/usr/bin', shared }).PATH).toBe('/usr/bin');
    expect(buildGoEnv({ appEnv, extraPath: ['/opt/cc/bin'] }, { goDir: '/g', shared }).PATH).toBe('/g:/opt/cc/bin');
  });

  it('fixes policy: GOTOOLCHAIN=local, GOWORK=off, no cgo, no go env file, no git prompts', () => {
    const env = buildGoEnv({ appEnv }, { ...tools, shared });
    expect(env).toMatchObject({
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
      CGO_ENABLED: '0',
      GOENV: 'off',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
    });
  });

  it('takes GOTOOLCHAIN, GOWORK and cgo from options, validated', () => {
    const env = buildGoEnv(
      { appEnv, goToolchain: 'go1.26.0+auto', goWork: '/repo/go.work', cgoEnabled: true },
      { ...tools, shared },
    );
    expect(env).toMatchObject({ GOTOOLCHAIN: 'go1.26.0+auto', GOWORK: '/repo/go.work', CGO_ENABLED: '1' });
    expect(() => buildGoEnv({ appEnv, goWork: 'go.work' }, { ...tools, shared })).toThrow(GoEnvError);
    expect(() => buildGoEnv({ appEnv, goToolchain: 'bogus' }, { ...tools, shared })).toThrow(GoEnvError);
  });

  it('shares the caches it is given when no cacheDir is set', () => {
    const env = buildGoEnv({ appEnv }, { ...tools, shared });
    expect(env).toMatchObject({ ...shared, HOME: '/home/app', TMPDIR: '/var/tmp/app', GOTMPDIR: '/var/tmp/app' });
    expect(() => buildGoEnv({ appEnv }, tools)).toThrow(GoEnvError);
  });

  it('puts everything under cacheDir when one is set', () => {
    const root = '/var/cache/steward';
    const env = buildGoEnv({ appEnv, cacheDir: root }, tools);
    expect(env).toMatchObject({
      GOPATH: join(root, 'gopath'),
      GOMODCACHE: join(root, 'gopath', 'pkg', 'mod'),
      GOCACHE: join(root, 'gocache'),
      GOTMPDIR: join(root, 'tmp'),
      TMPDIR: join(root, 'tmp'),
      HOME: join(root, 'home'),
    });
  });
});
