/**
 * Writes modules into a GOPROXY=file:// directory, so that the go command answers questions
 * about hand-made module graphs offline. Paths must be lower-case (no escaping is done). Each
 * version's `.info` Time is the test's to set (`time`, `daysBefore`); `serveFileProxy` serves the
 * same directory over HTTP and records what a client asked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { makeZip } from '../support/local-proxy.js';

export interface ProxyModule {
  path: string;
  version: string;
  goMod: string;
  /** The `.info` Time (RFC 3339): when the proxy says the version was published. */
  time?: string;
  /** In @v/list (default true); pseudo-versions usually are not. */
  listed?: boolean;
  /**
   * Source files of the module zip besides go.mod (paths relative to the module root). With
   * them the proxy serves a `.zip`, so `go get` can load the module's packages.
   */
  files?: Record<string, string>;
}

/** Writes the proxy; `latest` gives @latest answers by module path. Returns the GOPROXY value. */
export async function writeFileProxy(
  root: string,
  modules: ProxyModule[],
  latest: Record<string, string> = {},
): Promise<string> {
  const lists = new Map<string, string[]>();
  for (const m of modules) {
    const dir = join(root, m.path, '@v');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${m.version}.mod`), m.goMod);
    await writeFile(
      join(dir, `${m.version}.info`),
      JSON.stringify({ Version: m.version, Time: m.time ?? '2020-01-01T00:00:00Z' }),
    );
    if (m.files) {
      const root = `${m.path}@${m.version}/`;
      const entries: Record<string, string> = { [`${root}go.mod`]: m.goMod };
      for (const [name, text] of Object.entries(m.files)) entries[`${root}${name}`] = text;
      await writeFile(join(dir, `${m.version}.zip`), makeZip(entries));
    }
    const listed = lists.get(m.path) ?? [];
    if (m.listed ?? true) listed.push(m.version);
    lists.set(m.path, listed);
  }
  for (const [path, versions] of lists)
    await writeFile(join(root, path, '@v', 'list'), versions.map((v) => `${v}\n`).join(''));
  for (const [path, version] of Object.entries(latest)) {
    const m = modules.find((x) => x.path === path && x.version === version);
    await writeFile(
      join(root, path, '@latest'),
      JSON.stringify({ Version: version, Time: m?.time ?? '2020-01-01T00:00:00Z' }),
    );
  }
  return `file://${root}`;
}

/** An `.info` Time `days` before `now` (fractions allowed), for tests that age versions exactly. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

export interface ServedFileProxy {
  /** The GOPROXY value (http://127.0.0.1:port). */
  url: string;
  /** Every request path, in order (`example.org/a/@v/v1.0.0.info`). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a directory written by writeFileProxy over HTTP, recording each request, for tests that
 * count what a client fetches (a `file://` proxy is read without a trace).
 */
export async function serveFileProxy(root: string): Promise<ServedFileProxy> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '');
    requests.push(path);
    const file = resolve(root, path);
    if (!file.startsWith(resolve(root) + sep)) {
      res.writeHead(404).end('not found');
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok, fail) => server.close((err) => (err ? fail(err) : ok()))),
  };
}
