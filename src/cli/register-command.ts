/**
 * `gomod-steward register`: GitHub's app-manifest flow from the command line. A page on loopback
 * posts app.yml (with this page as the redirect) to GitHub's "create app" form; the person
 * confirms there; GitHub redirects back with a one-time code, exchanged for the app's id, private
 * key and webhook secret, which are written where `npm start` reads them (.env and a 0600 key file).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, chmod } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import { convertManifestCode, type RegisteredApp } from '../github/manifest-conversion.js';

export interface RegisterOptions {
  /** GitHub's web root: https://github.com, or the GHES host's. */
  githubUrl: string;
  org?: string;
  webhookUrl?: string;
  envFile: string;
  port: number;
  force: boolean;
  /** Told the page to open once the server listens. */
  onListening(url: string): void;
}

export interface RegisterResult {
  app: RegisteredApp;
  envFile: string;
  keyFile: string;
  installUrl: string;
}

/** The REST root that belongs to a GitHub web root. */
export function apiUrlFor(githubUrl: string): string {
  const u = new URL(githubUrl);
  return u.hostname === 'github.com' ? 'https://api.github.com' : `${u.origin}/api/v3`;
}

export async function readManifest(): Promise<Record<string, unknown>> {
  // dist/cli/ and src/cli/ both sit two levels under the package root, beside app.yml.
  return parse(await readFile(new URL('../../app.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
}

export async function register(o: RegisterOptions): Promise<RegisterResult> {
  const envFile = resolve(o.envFile);
  const existing = existsSync(envFile) ? await readFile(envFile, 'utf8') : '';
  if (/^APP_ID=\S/m.test(existing) && !o.force)
    throw new InputError(`${envFile} already names an app (APP_ID); --force replaces it`);
  const manifest = await readManifest();
  const state = randomBytes(16).toString('hex');
  const apiUrl = apiUrlFor(o.githubUrl);

  let finish!: (r: RegisterResult) => void;
  let fail!: (e: Error) => void;
  const done = new Promise<RegisterResult>((res, rej) => ((finish = res), (fail = rej)));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const redirect = `http://127.0.0.1:${port}/callback`;
      const body = {
        ...manifest,
        redirect_url: redirect,
        ...(o.webhookUrl ? { hook_attributes: { url: o.webhookUrl } } : {}),
      };
      const target = o.org
        ? `${o.githubUrl}/organizations/${encodeURIComponent(o.org)}/settings/apps/new`
        : `${o.githubUrl}/settings/apps/new`;
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(formPage(`${target}?state=${state}`, body));
      return;
    }
    if (url.pathname === '/callback') {
      const code = url.searchParams.get('code');
      if (url.searchParams.get('state') !== state || !code) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('This is not the registration this page started.\n');
        return;
      }
      void convertManifestCode(apiUrl, code)
        .then((app) => writeCredentials(app, envFile, existing, apiUrl))
        .then((r) => {
          res
            .writeHead(200, { 'content-type': 'text/plain' })
            .end(`Registered ${r.app.slug}. Install it: ${r.installUrl}\n`);
          finish(r);
        })
        .catch((err: Error) => {
          res.writeHead(502, { 'content-type': 'text/plain' }).end(`Registration failed: ${err.message}\n`);
          fail(err);
        });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(o.port, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  o.onListening(`http://127.0.0.1:${port}/`);
  try {
    return await done;
  } finally {
    server.close();
  }
}

function formPage(action: string, manifest: unknown): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html><body>
<form id="register" action="${esc(action)}" method="post">
<input type="hidden" name="manifest" value="${esc(JSON.stringify(manifest))}">
<p>Register gomod-steward on GitHub: <button type="submit">Create the GitHub App</button></p>
</form>
<script>document.getElementById('register').submit()</script>
</body></html>
`;
}

/** Sets these variables in the .env text, keeping every other line (and clearing PRIVATE_KEY, which would clash). */
export function setEnvVariables(text: string, vars: Record<string, string>): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const left = new Map(Object.entries(vars));
  const out = lines.map((line) => {
    const name = /^([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1];
    if (name === undefined || !left.has(name)) return line;
    const v = left.get(name)!;
    left.delete(name);
    return `${name}=${v}`;
  });
  for (const [k, v] of left) out.push(`${k}=${v}`);
  return `${out.join('\n')}\n`;
}

async function writeCredentials(
  app: RegisteredApp,
  envFile: string,
  existing: string,
  apiUrl: string,
): Promise<RegisterResult> {
  const keyFile = join(dirname(envFile), `${app.slug}.private-key.pem`);
  await writeFile(keyFile, app.pem, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  const vars: Record<string, string> = {
    APP_ID: String(app.id),
    APP_SLUG: app.slug,
    PRIVATE_KEY: '',
    PRIVATE_KEY_PATH: keyFile,
    WEBHOOK_SECRET: app.webhookSecret ?? '',
    ...(apiUrl === 'https://api.github.com' ? {} : { GITHUB_API_URL: apiUrl }),
  };
  await writeFile(envFile, setEnvVariables(existing, vars), { mode: 0o600 });
  // It now holds the webhook secret: an existing .env keeps its mode unless told.
  await chmod(envFile, 0o600);
  return { app, envFile, keyFile, installUrl: `${app.htmlUrl}/installations/new` };
}
