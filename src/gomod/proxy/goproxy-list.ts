/**
 * GOPROXY parsing, as cmd/go's proxyList: entries separated by `,` (fall through only when the
 * module is not found) or `|` (fall through on any error); `off` and `direct` end the list.
 */
import { ProxyConfigError } from './errors.js';
import { redactUrl } from './redact.js';

export interface BasicCredentials {
  username: string;
  password: string;
}

export type ProxySpec =
  | {
      kind: 'url';
      /** Base URL without credentials or trailing slash; safe to print. */
      url: string;
      /** User info that was written in the GOPROXY entry, if any. */
      credentials?: BasicCredentials;
      /** The separator after this entry was `|`. */
      fallBackOnError: boolean;
    }
  | { kind: 'direct' }
  | { kind: 'off' };

function isAbsolutePath(s: string): boolean {
  return s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\');
}

function parseEntry(entry: string, fallBackOnError: boolean): ProxySpec {
  let raw = entry;
  // Bare words are reserved for built-in keywords; anything host-like gets https:// implied.
  if (/[.:/]/.test(raw) && !raw.includes(':/') && !isAbsolutePath(raw)) raw = `https://${raw}`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    const why = raw.includes(':') ? 'invalid proxy URL' : 'invalid proxy URL missing scheme';
    throw new ProxyConfigError(`GOPROXY: ${why}: ${redactUrl(raw)}`);
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'file') {
    throw new ProxyConfigError(`GOPROXY: invalid proxy URL scheme (must be https, http, file): ${redactUrl(raw)}`);
  }
  if (scheme === 'file' && (u.username || u.password || u.host || u.search || u.hash)) {
    throw new ProxyConfigError(`GOPROXY: invalid file:// proxy URL with non-path elements: ${redactUrl(raw)}`);
  }
  const credentials =
    u.username || u.password
      ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  u.username = '';
  u.password = '';
  const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  return credentials
    ? { kind: 'url', url: base, credentials, fallBackOnError }
    : { kind: 'url', url: base, fallBackOnError };
}

/** Parses a non-empty GOPROXY value. */
export function parseGoproxy(goproxy: string): ProxySpec[] {
  const specs: ProxySpec[] = [];
  let rest = goproxy;
  while (rest !== '') {
    const i = rest.search(/[,|]/);
    const entry = (i >= 0 ? rest.slice(0, i) : rest).trim();
    const fallBackOnError = i >= 0 && rest[i] === '|';
    rest = i >= 0 ? rest.slice(i + 1) : '';
    if (entry === '') continue;
    if (entry === 'off') {
      specs.push({ kind: 'off' });
      break;
    }
    if (entry === 'direct') {
      // Go ignores whatever follows `direct`, reserving it for future fallback behaviour.
      specs.push({ kind: 'direct' });
      break;
    }
    specs.push(parseEntry(entry, fallBackOnError));
  }
  if (specs.length === 0) throw new ProxyConfigError('GOPROXY list is not the empty string, but contains no entries');
  return specs;
}
