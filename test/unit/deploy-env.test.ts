/**
 * The deploy files and the code agree on the environment: .env.example lists exactly what
 * src/env.ts reads, and docker/compose.yml sets only variables something reads, listens on every
 * interface and takes the private key from a mounted secret.
 */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { APP_ENV_NAMES } from '../../src/env.js';

/** Read by the Go toolchain or the image, not by loadEnv. */
const TOOLCHAIN_NAMES = ['GOMODSTEWARD_CACHE', 'GOMODCACHE', 'GOCACHE', 'GOTOOLCHAIN', 'NODE_EXTRA_CA_CERTS'];

const text = (p: string) => readFile(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('deploy environment', () => {
  it('.env.example lists every variable the app reads, and nothing else', async () => {
    const names = (await text('.env.example'))
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]!);
    expect([...names].sort()).toEqual([...APP_ENV_NAMES].sort());
  });

  it('compose sets only known variables, HOST 0.0.0.0, and the key from a secret', async () => {
    const compose = parse(await text('docker/compose.yml')) as {
      services: Record<string, { environment?: Record<string, string>; secrets?: string[] }>;
      secrets: Record<string, { file: string }>;
    };
    for (const name of ['web', 'worker']) {
      const svc = compose.services[name]!;
      const env = svc.environment ?? {};
      expect(Object.keys(env).filter((k) => !APP_ENV_NAMES.includes(k) && !TOOLCHAIN_NAMES.includes(k))).toEqual([]);
      expect(env.HOST).toBe('0.0.0.0');
      const secret = svc.secrets?.[0];
      expect(secret).toBeDefined();
      expect(env.PRIVATE_KEY_PATH).toBe(`/run/secrets/${secret}`);
      expect(compose.secrets[secret!]).toBeDefined();
    }
  });
});
