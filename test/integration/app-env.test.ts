/**
 * The environment is validated once at start-up: a missing or malformed value stops the process
 * (exit 2) with one line naming the variable and what it should be, and never a secret.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvError, loadEnv } from '../../src/env.js';
import { spawnApp, testPrivateKey } from '../support/app-harness.js';

const KEY = testPrivateKey();
const VALID = { APP_ID: '123', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 'hush-hush-webhook-secret' };

function problem(vars: Record<string, string | undefined>): string {
  try {
    loadEnv(vars);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as Error).message;
  }
  throw new Error('loadEnv accepted the environment');
}

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv(VALID);
    expect(env).toMatchObject({
      appId: 123,
      webhookSecret: VALID.WEBHOOK_SECRET,
      webhookPath: '/api/github/webhooks',
      githubApiUrl: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      role: 'all',
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      workerConcurrency: 2,
      webhookProxyUrl: undefined,
      go: {},
    });
    expect(env.privateKey.trim()).toBe(KEY.trim());
  });

  it('takes the GitHub it talks to as the host of its own modules, unless GITHUB_MODULE_HOSTS names them', () => {
    expect(loadEnv(VALID).githubModuleHosts).toEqual(['github.com']);
    expect(loadEnv({ ...VALID, GITHUB_API_URL: 'https://api.github.com' }).githubModuleHosts).toEqual(['github.com']);
    expect(loadEnv({ ...VALID, GITHUB_API_URL: 'https://GHE.example.com/api/v3' }).githubModuleHosts).toEqual([
      'ghe.example.com',
    ]);
    expect(
      loadEnv({
        ...VALID,
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
        GITHUB_MODULE_HOSTS: 'github.com, ghe.example.com',
      }).githubModuleHosts,
    ).toEqual(['github.com', 'ghe.example.com']);
    expect(problem({ ...VALID, GITHUB_MODULE_HOSTS: 'https://github.com/acme' })).toBe(
      'invalid environment: GITHUB_MODULE_HOSTS: expected comma-separated host names of module paths, like github.com or ghe.example.com, found "https://github.com/acme"',
    );
  });

  it('accepts GOVULNDB as govulncheck does (http(s) or file://) and names a bad one', () => {
    expect(() => loadEnv({ ...VALID, GOVULNDB: 'file:///srv/vulndb' })).not.toThrow();
    expect(() => loadEnv({ ...VALID, GOVULNDB: 'https://vulndb.corp.example' })).not.toThrow();
    expect(problem({ ...VALID, GOVULNDB: 'vulndb.corp.example' })).toBe(
      'invalid environment: GOVULNDB: expected an http(s) or file:// URL of a Go vulnerability database, found "vulndb.corp.example"',
    );
  });

  it('reads every variable of the design', () => {
    const env = loadEnv({
      ...VALID,
      WEBHOOK_PATH: '/hooks/github',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      REDIS_URL: 'rediss://:pw@redis.internal:6380/4',
      ROLE: 'worker',
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      WORKER_CONCURRENCY: '8',
      WEBHOOK_PROXY_URL: 'https://forwarder.example.com/channel',
      GOPROXY: 'https://proxy.corp.example.com,direct',
      GOPRIVATE: 'corp.example.com/*',
      GONOPROXY: 'corp.example.com/internal',
      GONOSUMDB: 'corp.example.com/*',
      GOSUMDB: 'off',
      GOPROXY_AUTH: 'proxy.corp.example.com=bot:token',
    });
    expect(env).toMatchObject({
      webhookPath: '/hooks/github',
      githubApiUrl: 'https://ghe.example.com/api/v3',
      redisUrl: 'rediss://:pw@redis.internal:6380/4',
      role: 'worker',
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'debug',
      workerConcurrency: 8,
      webhookProxyUrl: 'https://forwarder.example.com/channel',
    });
    expect(Object.keys(env.go).sort()).toEqual([
      'GONOPROXY',
      'GONOSUMDB',
      'GOPRIVATE',
      'GOPROXY',
      'GOPROXY_AUTH',
      'GOSUMDB',
    ]);
  });

  it('accepts the key with escaped newlines, as base64, or from PRIVATE_KEY_PATH', () => {
    expect(loadEnv({ ...VALID, PRIVATE_KEY: KEY.replace(/\n/g, '\\n') }).privateKey).toBe(loadEnv(VALID).privateKey);
    expect(loadEnv({ ...VALID, PRIVATE_KEY: Buffer.from(KEY).toString('base64') }).privateKey).toBe(
      loadEnv(VALID).privateKey,
    );
    const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-key-'));
    writeFileSync(join(dir, 'app.pem'), KEY);
    expect(loadEnv({ ...VALID, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: join(dir, 'app.pem') }).privateKey).toBe(
      loadEnv(VALID).privateKey,
    );
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(loadEnv({ ...VALID, ROLE: '', PORT: ' ', PRIVATE_KEY_PATH: '' })).toMatchObject({ role: 'all', port: 3000 });
  });

  it.each([
    [
      'missing APP_ID',
      { APP_ID: undefined },
      /^invalid environment: APP_ID: expected the GitHub App ID, a positive integer \(it is not set\)$/,
    ],
    ['APP_ID not a number', { APP_ID: '12a' }, /^invalid environment: APP_ID: expected .*, found "12a"$/],
    [
      'bad REDIS_URL',
      { REDIS_URL: 'http://127.0.0.1:6379' },
      /^invalid environment: REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/,
    ],
    ['REDIS_URL db out of range', { REDIS_URL: 'redis://127.0.0.1:6379/db1' }, /^invalid environment: REDIS_URL: /],
    ['bad ROLE', { ROLE: 'wrker' }, /^invalid environment: ROLE: expected one of all, web, worker, found "wrker"$/],
    [
      'PORT out of range',
      { PORT: '70000' },
      /^invalid environment: PORT: expected a TCP port from 0 to 65535, found "70000"$/,
    ],
    [
      'WORKER_CONCURRENCY zero',
      { WORKER_CONCURRENCY: '0' },
      /^invalid environment: WORKER_CONCURRENCY: expected an integer from 1 to 64, found "0"$/,
    ],
    [
      'GITHUB_API_URL not a URL',
      { GITHUB_API_URL: 'ghe.example.com' },
      /^invalid environment: GITHUB_API_URL: expected an http\(s\) URL/,
    ],
    [
      'WEBHOOK_PATH without slash',
      { WEBHOOK_PATH: 'hooks' },
      /^invalid environment: WEBHOOK_PATH: expected a URL path starting with \/, found "hooks"$/,
    ],
    [
      'missing WEBHOOK_SECRET',
      { WEBHOOK_SECRET: undefined },
      /^invalid environment: WEBHOOK_SECRET: expected .* \(it is not set\)$/,
    ],
    ['no key at all', { PRIVATE_KEY: undefined }, /^invalid environment: PRIVATE_KEY: expected .* \(neither is set\)$/],
    [
      'both keys',
      { PRIVATE_KEY_PATH: '/etc/key.pem' },
      /^invalid environment: PRIVATE_KEY: expected either PRIVATE_KEY or PRIVATE_KEY_PATH, not both$/,
    ],
    [
      'unreadable key file',
      { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/nonexistent/app.pem' },
      /^invalid environment: PRIVATE_KEY_PATH: expected a readable \.pem file \(ENOENT: \/nonexistent\/app\.pem\)$/,
    ],
  ])('%s: one line naming the variable and what is expected', (_, change, expected) => {
    const message = problem({ ...VALID, ...change });
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  it('never shows the private key, the webhook secret or credentials in a URL', () => {
    const secretKey = `-----BEGIN RSA PRIVATE KEY-----\nSECRETKEYMATERIAL\n-----END RSA PRIVATE KEY-----`;
    const message = problem({
      ...VALID,
      APP_ID: 'x',
      PRIVATE_KEY: secretKey,
      REDIS_URL: 'http://user:redispassword@h:1',
      GITHUB_API_URL: 'nope://tok:apitoken@h',
    });
    expect(message).toMatch(/PRIVATE_KEY: expected a PEM private key/);
    for (const secret of ['SECRETKEYMATERIAL', VALID.WEBHOOK_SECRET, 'redispassword', 'apitoken'])
      expect(message).not.toContain(secret);
  });

  it('reports every bad variable at once, still on one line', () => {
    const message = problem({ ROLE: 'x', PORT: 'y' });
    for (const v of ['APP_ID', 'WEBHOOK_SECRET', 'ROLE', 'PORT', 'PRIVATE_KEY'])
      expect(message).toContain(`${v}: expected`);
    expect(message).not.toContain('\n');
  });
});

describe('npm start with a bad environment', () => {
  it.each([
    ['missing APP_ID', { WEBHOOK_SECRET: 's', PRIVATE_KEY: KEY }, 'APP_ID'],
    ['bad REDIS_URL', { ...VALID, REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    ['bad ROLE', { ...VALID, ROLE: 'both' }, 'ROLE'],
  ])('%s: exits 2 with one line on stderr', async (_, env, variable) => {
    const app = spawnApp(env);
    const { code } = await app.exited;
    expect(code).toBe(2);
    const lines = app
      .stderr()
      .split('\n')
      .filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^gomod-steward: invalid environment: ${variable}: expected `));
    expect(app.stdout()).toBe('');
  });
});
