/**
 * `gomod-steward register` through GitHub's app-manifest flow, against the GitHub stand-in: the
 * page posts app.yml to GitHub's create-app form, GitHub's redirect brings the one-time code back,
 * and the exchange writes a .env and a key file that the app then starts with.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { runCli } from '../../src/cli.js';
import { readManifest } from '../../src/cli/register-command.js';
import { loadEnv } from '../../src/env.js';
import { testPrivateKey } from '../support/app-harness.js';
import { StandIn } from '../stand-in/stand-in.js';

const APP_ID = 777;
let gh: StandIn;
beforeAll(async () => {
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'minted-webhook-secret' });
});
afterAll(async () => gh.stop());

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function startRegister(argv: string[]) {
  let out = '';
  let err = '';
  let announce!: (url: string) => void;
  const listening = new Promise<string>((r) => (announce = r));
  const code = runCli(['register', '--github-url', gh.url, ...argv], {
    stdout: (s) => {
      out += s;
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/) /.exec(s);
      if (m) announce(m[1]!);
    },
    stderr: (s) => (err += s),
    env: process.env,
  });
  return { code, listening, out: () => out, err: () => err };
}

describe('gomod-steward register', () => {
  it('posts app.yml as the manifest and writes .env and the key from the code exchange', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-register-'));
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'LOG_LEVEL=debug\nPRIVATE_KEY=\n');
    const run = startRegister([
      '--env-file',
      envFile,
      '--webhook-url',
      'https://steward.example.com/api/github/webhooks',
    ]);
    const page = await (await fetch(await run.listening)).text();

    const action = unescape(/action="([^"]+)"/.exec(page)![1]!);
    const manifest = JSON.parse(unescape(/name="manifest" value="([^"]+)"/.exec(page)![1]!)) as Record<string, unknown>;
    const { pathname, searchParams } = new URL(action);
    expect(`${new URL(action).origin}${pathname}`).toBe(`${gh.url}/settings/apps/new`);
    expect(manifest).toEqual({
      ...(await readManifest()),
      redirect_url: `${new URL(await run.listening).origin}/callback`,
      hook_attributes: { url: 'https://steward.example.com/api/github/webhooks' },
    });

    // GitHub's page: the person confirms, GitHub redirects back with the code and the state.
    const forged = await fetch(`${manifest.redirect_url as string}?code=x&state=not-ours`);
    expect(forged.status).toBe(400);
    const code = gh.createAppFromManifest(manifest);
    const back = await fetch(`${manifest.redirect_url as string}?code=${code}&state=${searchParams.get('state')}`);
    expect(back.status).toBe(200);
    expect(await run.code).toBe(0);
    expect(run.out()).toContain(`Registered gomod-steward (App ID ${APP_ID})`);

    const env = parseEnv(readFileSync(envFile, 'utf8'));
    expect(env).toMatchObject({
      LOG_LEVEL: 'debug',
      APP_ID: String(APP_ID),
      WEBHOOK_SECRET: 'minted-webhook-secret',
      GITHUB_API_URL: gh.apiUrl,
      PRIVATE_KEY: '',
    });
    expect(readFileSync(env.PRIVATE_KEY_PATH!, 'utf8')).toBe(testPrivateKey());
    expect(statSync(env.PRIVATE_KEY_PATH!).mode & 0o777).toBe(0o600);
    expect(statSync(envFile).mode & 0o077).toBe(0);
    // What was written is an environment the app accepts.
    expect(loadEnv(env).appId).toBe(APP_ID);
    expect(gh.registeredManifests).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  });

  it('will not replace an app already named in .env without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-register-'));
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'APP_ID=12\n');
    const run = startRegister(['--env-file', envFile]);
    expect(await run.code).toBe(2);
    expect(run.err()).toContain('already names an app (APP_ID); --force replaces it');
  });
});
