/**
 * A GOPROXY-protocol server on 127.0.0.1 for tests: serves the modules it is given, can answer
 * chosen status codes, can demand credentials, and records every request. It is strict about
 * case-encoding (a path that is not a valid `!`-escaping gets 400), and its zips are real module
 * zips, so the go command itself can use it (with GOSUMDB=off or GONOSUMDB/GOFLAGS=-insecure).
 *
 *   const proxy = await startLocalProxy({ modules: { 'example.com/A': { versions: { 'v1.0.0': {} } } } });
 *   ... GOPROXY: proxy.url ...
 *   await proxy.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface LocalVersion {
  /** go.mod text; default `module <path>\n`. */
  mod?: string;
  /** RFC 3339; default a fixed 2024 instant. */
  time?: string;
  /** Extra files of the module zip (relative to the module root); go.mod is always included. */
  files?: Record<string, string>;
  /** A ready-made zip body, served as is. */
  zip?: Buffer;
}

export interface LocalModule {
  versions: Record<string, LocalVersion>;
  /** Version served by `@latest`; absent → 404, as some proxies do. */
  latest?: string;
  /** Raw `@v/list` body; default the version keys, one per line. */
  list?: string;
}

export type LocalAuth = { basic: { username: string; password: string } } | { bearer: string };

export interface LocalProxyOptions {
  modules?: Record<string, LocalModule>;
  /** URL path the protocol lives under, e.g. `/mirror`. */
  prefix?: string;
  auth?: LocalAuth;
  /** Delay before every answer (lets tests overlap requests). */
  delayMs?: number;
  /** Serve https with this key and certificate (go sends GOAUTH credentials over https only). */
  tls?: { key: string; cert: string };
}

export interface RecordedRequest {
  /** The request target exactly as received (still percent-encoded). */
  rawUrl: string;
  /** After the prefix, percent-decoded but still `!`-escaped. */
  path: string;
  authorization: string | undefined;
  status: number;
}

interface Rule {
  match: (path: string) => boolean;
  statuses: number[];
  sticky: boolean;
}

export interface LocalProxy {
  /** Base URL for GOPROXY, e.g. `http://127.0.0.1:41234/mirror`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests whose decoded path contains `part` (or matches it), all when omitted. */
  count(part?: string | RegExp): number;
  /**
   * Answer `status` (or each of `statuses` in turn) to matching requests; after the list is used
   * up the real answer resumes, unless `sticky`.
   */
  respond(part: string | RegExp, statuses: number | number[], options?: { sticky?: boolean }): void;
  addModule(path: string, module: LocalModule): void;
  setAuth(auth: LocalAuth | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_TIME = '2024-01-02T03:04:05Z';

/** Inverse of Go's case-encoding; null for an invalid escaping (e.g. a raw upper-case letter). */
function unbang(s: string): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '!') {
      const n = s[i + 1];
      if (!n || !/[a-z]/.test(n)) return null;
      out += n.toUpperCase();
      i++;
    } else if (/[A-Z]/.test(c) || c.charCodeAt(0) >= 0x80) {
      return null;
    } else out += c;
  }
  return out;
}

/** A stored (uncompressed) zip with the given entries. */
export function makeZip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const n = Object.keys(entries).length;
  end.writeUInt16LE(n, 8);
  end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function authorized(auth: LocalAuth | undefined, header: string | undefined): boolean {
  if (!auth) return true;
  if ('bearer' in auth) return header === `Bearer ${auth.bearer}`;
  const want = Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64');
  return header === `Basic ${want}`;
}

export async function startLocalProxy(options: LocalProxyOptions = {}): Promise<LocalProxy> {
  const modules = new Map<string, LocalModule>(Object.entries(options.modules ?? {}));
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  let auth = options.auth;
  let rules: Rule[] = [];
  const requests: RecordedRequest[] = [];

  function answer(path: string): { status: number; body: string | Buffer; type: string } {
    const notFound = (why: string) => ({ status: 404, body: `not found: ${why}`, type: 'text/plain; charset=utf-8' });
    const m = /^\/(.+?)\/(@latest|@v\/list|@v\/([^/]+)\.(info|mod|zip))$/.exec(path);
    if (!m) return notFound(path);
    const modPath = unbang(m[1]!);
    if (modPath === null)
      return { status: 400, body: `bad request: invalid escaped module path ${m[1]}`, type: 'text/plain' };
    const mod = modules.get(modPath);
    if (!mod) return notFound(`module ${modPath}: unknown`);
    if (m[2] === '@v/list') {
      const body =
        mod.list ??
        Object.keys(mod.versions)
          .map((v) => `${v}\n`)
          .join('');
      return { status: 200, body, type: 'text/plain; charset=utf-8' };
    }
    const version = m[2] === '@latest' ? mod.latest : m[3] === undefined ? undefined : unbang(m[3]);
    if (version === null)
      return { status: 400, body: `bad request: invalid escaped version ${m[3]}`, type: 'text/plain' };
    const v = version === undefined ? undefined : mod.versions[version];
    if (version === undefined || !v) return notFound(`${modPath}@${version ?? 'latest'}: unknown revision`);
    const ext = m[2] === '@latest' ? 'info' : m[4];
    if (ext === 'info') {
      return {
        status: 200,
        body: JSON.stringify({ Version: version, Time: v.time ?? DEFAULT_TIME }),
        type: 'application/json',
      };
    }
    const gomod = v.mod ?? `module ${modPath}\n`;
    if (ext === 'mod') return { status: 200, body: gomod, type: 'text/plain; charset=utf-8' };
    const zip =
      v.zip ??
      makeZip(
        Object.fromEntries(
          Object.entries({ 'go.mod': gomod, ...(v.files ?? {}) }).map(([f, c]) => [`${modPath}@${version}/${f}`, c]),
        ),
      );
    return { status: 200, body: zip, type: 'application/zip' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawUrl.split('?')[0]!);
    } catch {
      decoded = rawUrl;
    }
    const path = prefix && decoded.startsWith(`${prefix}/`) ? decoded.slice(prefix.length) : prefix ? '' : decoded;
    const authorization = req.headers.authorization;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    let out: { status: number; body: string | Buffer; type: string };
    const rule = rules.find((r) => r.match(path));
    if (!authorized(auth, authorization)) {
      out = { status: 401, body: 'unauthorized', type: 'text/plain' };
      res.setHeader('www-authenticate', 'Basic realm="local-proxy"');
    } else if (rule) {
      const status = rule.statuses.length > 1 || !rule.sticky ? rule.statuses.shift()! : rule.statuses[0]!;
      if (rule.statuses.length === 0) rules = rules.filter((r) => r !== rule);
      out = { status, body: `status ${status} chosen by the test`, type: 'text/plain' };
    } else if (path === '') {
      out = { status: 404, body: 'outside the proxy prefix', type: 'text/plain' };
    } else {
      out = answer(path);
    }
    requests.push({ rawUrl, path, authorization, status: out.status });
    res.statusCode = out.status;
    res.setHeader('content-type', out.type);
    res.end(out.body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end('local proxy failure');
    });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const toMatcher = (part: string | RegExp) => (p: string) =>
    typeof part === 'string' ? p.includes(part) : part.test(p);

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${prefix}`,
    requests,
    count(part) {
      if (part === undefined) return requests.length;
      const m = toMatcher(part);
      return requests.filter((r) => m(r.path)).length;
    },
    respond(part, statuses, opts = {}) {
      const list = Array.isArray(statuses) ? [...statuses] : [statuses];
      rules.push({ match: toMatcher(part), statuses: list, sticky: opts.sticky ?? false });
    },
    addModule(path, module) {
      modules.set(path, module);
    },
    setAuth(a) {
      auth = a;
    },
    reset() {
      requests.length = 0;
      rules = [];
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
