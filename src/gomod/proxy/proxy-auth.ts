/**
 * GOPROXY_AUTH — credentials for private proxies without writing them into GOPROXY or a netrc.
 *
 *   GOPROXY_AUTH="goproxy.corp.example:8443=ci-bot:s3cret other.example/team=ghp_token"
 *
 * Entries are separated by whitespace or commas. Each is `<prefix>=<credential>`:
 * - `<prefix>` is `host[:port][/path]` (an optional `https://` or `http://` is ignored) and applies
 *   to proxy URLs under it, compared at `/` boundaries; the longest prefix wins.
 * - `<credential>` `user:password` is sent as HTTP Basic auth (the password may contain `:`);
 *   a value without `:` is sent as `Authorization: Bearer <value>`.
 * Credentials themselves may therefore not contain whitespace, `,` or `=` before the first `:`.
 * Precedence: user info in the GOPROXY entry, then GOPROXY_AUTH, then netrc.
 */
import { ProxyConfigError } from './errors.js';

export interface AuthEntry {
  /** `host[:port][/path]`, lower-cased host, no trailing slash. */
  prefix: string;
  header: string;
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function parseProxyAuth(value: string): AuthEntry[] {
  const entries: AuthEntry[] = [];
  const parts = value.split(/[\s,]+/).filter((p) => p !== '');
  parts.forEach((part, index) => {
    const eq = part.indexOf('=');
    const rawPrefix = eq > 0 ? part.slice(0, eq) : '';
    const cred = eq > 0 ? part.slice(eq + 1) : '';
    const prefix = normalizePrefix(rawPrefix);
    if (!prefix || cred === '') {
      // Never echo the entry: it holds a secret.
      throw new ProxyConfigError(
        `GOPROXY_AUTH entry ${index + 1} is malformed (expected host[/path]=user:password or host[/path]=token)`,
      );
    }
    const colon = cred.indexOf(':');
    const header = colon >= 0 ? basicAuthHeader(cred.slice(0, colon), cred.slice(colon + 1)) : `Bearer ${cred}`;
    entries.push({ prefix, header });
  });
  return entries;
}

function normalizePrefix(raw: string): string {
  const s = raw.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash)).toLowerCase();
  return host === '' ? '' : host + (slash < 0 ? '' : s.slice(slash));
}

/** The Authorization header GOPROXY_AUTH assigns to a request URL, if any. */
export function proxyAuthHeaderFor(entries: readonly AuthEntry[], url: URL): string | undefined {
  const target = `${url.host.toLowerCase()}${url.pathname}`;
  let best: AuthEntry | undefined;
  for (const e of entries) {
    const under = target === e.prefix || target.startsWith(`${e.prefix}/`);
    if (under && (!best || e.prefix.length > best.prefix.length)) best = e;
  }
  return best?.header;
}
