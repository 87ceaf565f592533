/**
 * The Go settings as the real go command resolves them: the process environment is the only
 * source for plan and apply alike (a `go env -w` file is read by neither), and the `go env` run
 * that supplies Go's defaults receives nothing of the app's secrets.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveGoEnv } from '../../src/toolchain/go-env.js';
import { resolveGoSettings, resolveProxyConfig } from '../../src/toolchain/go-settings.js';
import { secretForms, startChildRecorder } from '../support/child-recorder.js';

describe('resolveGoSettings', () => {
  it('gives plan and apply the same GOPRIVATE from the environment, and ignores a go env file for both', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'go-settings-'));
    try {
      const goenv = join(dir, 'goenv');
      await writeFile(goenv, 'GOPRIVATE=from-the-file.example/*\nGOPROXY=https://file-proxy.example\n');
      const appEnv = { PATH: process.env.PATH, HOME: dir, GOENV: goenv, GOPRIVATE: 'github.com/acme/*' };
      const planSide = await resolveProxyConfig(appEnv);
      const applySide = await resolveGoEnv({ appEnv, cacheDir: join(dir, 'cache') });
      expect(planSide.goprivate).toBe('github.com/acme/*');
      expect(applySide.GOPRIVATE).toBe('github.com/acme/*');
      // GONOPROXY follows GOPRIVATE on both sides; GOPROXY is Go's built-in default, not the file's.
      expect([planSide.gonoproxy, applySide.GONOPROXY]).toEqual(['github.com/acme/*', 'github.com/acme/*']);
      expect(planSide.goproxy).toBe(applySide.GOPROXY);
      expect(applySide.GOPROXY).not.toMatch(/file-proxy/);
      expect(applySide.GOENV).toBe('off');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('asks go env for the defaults without passing on any secret of the app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'go-settings-'));
    try {
      const recorder = await startChildRecorder(dir);
      const secrets = {
        PRIVATE_KEY:
          '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretsecretsecretsecret\n-----END RSA PRIVATE KEY-----',
        WEBHOOK_SECRET: 'webhook-secret-0123456789',
        REDIS_URL: 'redis://steward:redis-password-0123456789@127.0.0.1:6379/2',
        GOPROXY_AUTH: 'proxy.corp.example=bot:proxy-password-0123456789',
      };
      // In the process environment too, where the app has them; a PATH of its own makes this a
      // fresh resolution (the result is memoised per environment).
      const saved = { ...process.env };
      Object.assign(process.env, secrets);
      try {
        await resolveGoSettings({ ...secrets, PATH: `${recorder.bin}:${process.env.PATH}`, HOME: dir });
      } finally {
        for (const name of Object.keys(secrets)) if (saved[name] === undefined) delete process.env[name];
        Object.assign(process.env, saved);
      }
      const records = await recorder.records();
      expect(records.map((r) => r.argv.slice(0, 2))).toEqual([['env', '-json']]);
      const seen = JSON.stringify(records);
      const leaked = [
        'webhook-secret-0123456789',
        'redis-password-0123456789',
        'proxy-password-0123456789',
        'MIIEowIBAAKCAQEAsecretsecretsecretsecret',
      ]
        .flatMap(secretForms)
        .filter((f) => seen.includes(f));
      expect(leaked).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
