/**
 * A GOPROXY on 127.0.0.1 in front of the configured proxy that answers as if it were a fixed
 * date: `@v/list` drops the versions published after `cutoff` (by their `.info` Time), `@latest`
 * answers 404 when the latest is newer. Everything else is passed through unchanged.
 *
 * Why: oracle tests over real modules compare the planner with Go on "the newest version", and
 * the newest version of an upstream module changes every week. Behind this proxy both see the same
 * world on every run, so a new upstream release can neither break the test nor hide a bug.
 *
 * Versions are walked from the highest down, and the walk stops at the first one published before
 * the cutoff: what is below it stays listed (a backport published later below the kept top would
 * be kept too; it never is anyone's upgrade target). `.info`, `.mod` and `.zip` answers are
 * immutable: cached on disk under `cacheDir`, so a warm run asks the upstream for lists only.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { compare, isValid } from '../../src/gomod/version.js';

export interface CappedProxy {
  url: string;
  close(): Promise<void>;
  /** Upstream requests made (lists, .info, pass-through), for figures. */
  upstreamRequests(): number;
}

export interface CappedProxyOptions {
  /** The proxy to ask, without a trailing slash (the first entry of `go env GOPROXY`). */
  upstream: string;
  /** RFC 3339: versions published after it do not exist. */
  cutoff: string;
  /** Where `.info` answers are kept across runs. */
  cacheDir: string;
}

/** An upstream answer passed on as it came (an error, or a file we do not cap), read once. */
interface Passed {
  status: number;
  type: string;
  body: Buffer;
}

async function passOn(res: Response): Promise<Passed> {
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** The module proxy protocol escapes upper-case letters as `!x`; versions too. */
function escapeVersion(v: string): string {
  return v.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

export async function startCappedProxy(opts: CappedProxyOptions): Promise<CappedProxy> {
  const cutoff = Date.parse(opts.cutoff);
  if (Number.isNaN(cutoff)) throw new Error(`cutoff ${opts.cutoff} is not a date`);
  await mkdir(opts.cacheDir, { recursive: true });
  let requests = 0;
  const times = new Map<string, Promise<number | null>>();

  async function upstream(path: string): Promise<Response> {
    requests++;
    return fetch(`${opts.upstream}${path}`);
  }

  /** Publication time of `<escapedPath>/@v/<version>.info`, null when the upstream has none. */
  function timeOf(escapedPath: string, version: string): Promise<number | null> {
    const urlPath = `/${escapedPath}/@v/${escapeVersion(version)}.info`;
    let p = times.get(urlPath);
    if (!p) {
      p = (async () => {
        const file = join(opts.cacheDir, `${createHash('sha256').update(urlPath).digest('hex')}.json`);
        let text: string | null = existsSync(file) ? await readFile(file, 'utf8') : null;
        if (text === null) {
          const res = await upstream(urlPath);
          if (res.status === 404 || res.status === 410) return null;
          if (!res.ok) throw new Error(`${urlPath}: ${res.status}`);
          text = await res.text();
          const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
          await writeFile(tmp, text);
          await rename(tmp, file);
        }
        const t = Date.parse((JSON.parse(text) as { Time?: string }).Time ?? '');
        return Number.isNaN(t) ? null : t;
      })();
      times.set(urlPath, p);
    }
    return p;
  }

  /**
   * The capped list depends only on versions published before the cutoff, which do not change:
   * kept on disk, so a warm run asks the upstream nothing for lists either.
   */
  const lists = new Map<string, Promise<Passed | string>>();
  function cachedList(url: string, escapedPath: string): Promise<Passed | string> {
    let p = lists.get(url);
    if (!p) {
      p = readList(url, escapedPath);
      lists.set(url, p);
      // A failure is not remembered: the next request asks again.
      p.then(
        (r) => typeof r !== 'string' && lists.delete(url),
        () => lists.delete(url),
      );
    }
    return p;
  }

  async function readList(url: string, escapedPath: string): Promise<Passed | string> {
    const file = join(opts.cacheDir, `list-${createHash('sha256').update(`${opts.cutoff} ${url}`).digest('hex')}`);
    if (existsSync(file)) return readFile(file, 'utf8');
    const up = await upstream(url);
    if (!up.ok) return passOn(up);
    const capped = await cappedList(escapedPath, await up.text());
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, capped);
    await rename(tmp, file);
    return capped;
  }

  /** A version's .info, .mod and .zip never change: kept on disk, asked upstream once. */
  async function immutable(url: string): Promise<Passed | Buffer> {
    const file = join(opts.cacheDir, `file-${createHash('sha256').update(url).digest('hex')}`);
    if (existsSync(file)) return readFile(file);
    const up = await upstream(url);
    if (!up.ok) return passOn(up);
    const bytes = Buffer.from(await up.arrayBuffer());
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return bytes;
  }

  async function cappedList(escapedPath: string, body: string): Promise<string> {
    const versions = body
      .split('\n')
      .map((l) => l.trim())
      .filter((v) => v !== '' && isValid(v))
      .sort((a, b) => compare(b, a));
    for (let i = 0; i < versions.length; i++) {
      const t = await timeOf(escapedPath, versions[i]!);
      if (t !== null && t <= cutoff)
        return versions
          .slice(i)
          .map((v) => `${v}\n`)
          .join('');
    }
    return '';
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const list = /^\/(.+)\/@v\/list$/.exec(url);
    const latest = /^\/(.+)\/@latest$/.exec(url);
    const up = list
      ? await cachedList(url, list[1]!)
      : /\.(info|mod|zip)$/.test(url)
        ? await immutable(url)
        : await upstream(url);
    if (typeof up === 'string' || Buffer.isBuffer(up)) {
      const type = url.endsWith('.zip') ? 'application/zip' : 'text/plain; charset=UTF-8';
      res.writeHead(200, { 'content-type': type });
      res.end(up);
      return;
    }
    const answer = up instanceof Response ? (up.ok && latest ? up : await passOn(up)) : up;
    if (!(answer instanceof Response)) {
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
      return;
    }
    const body = await answer.text();
    const t = Date.parse((JSON.parse(body) as { Time?: string }).Time ?? '');
    if (Number.isNaN(t) || t > cutoff) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found: published after the cutoff\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`capped proxy: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    upstreamRequests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
