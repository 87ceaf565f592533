/**
 * Moving an example payload's URLs onto the stand-in, and finding any that were missed. The
 * examples name their own accounts and repositories under GitHub's hosts; a payload the stand-in
 * sends must name its own, under its own host, wherever the app might follow a link.
 */
import type { Site } from './webhook-state.js';

/** Strings starting with `from` start with `to` instead. */
export type UrlRule = readonly [from: string, to: string];

// What may follow a rebased prefix: a path, a URI template, a query, a fragment, an extension.
const BOUNDARY = new Set(['/', '{', '?', '#', '.']);

function rebaseString(s: string, rules: readonly UrlRule[]): string {
  for (const [from, to] of rules) {
    const next = s.charAt(from.length);
    if (s.startsWith(from) && (next === '' || BOUNDARY.has(next))) return to + s.slice(from.length);
  }
  return s;
}

/**
 * A deep copy of `value` with every string rebased by the first rule that matches, trying the
 * longest `from` first (so `…/issues/1` wins over `…/issues` and `/issues/1` never matches `/issues/12`).
 */
export function rebaseUrls<T>(value: T, rules: readonly UrlRule[]): T {
  const ordered = [...rules].sort((a, b) => b[0].length - a[0].length);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rebaseString(v, ordered);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

// Keys whose values are links (GitHub's `*_url`, `_links.*.href`, push `compare`); free text such
// as bodies and messages may quote any URL and is not a link the payload gives.
const LINK_KEY = /(?:^|_)url$|^href$|^compare$|^homepage$/;
const SCHEME_URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const SCP_URL = /^[^@\s/]+@([^:\s/]+):/;

function hostOf(link: string): { host: string; hostname: string } | undefined {
  const scp = SCP_URL.exec(link);
  if (scp) return { host: scp[1] ?? '', hostname: scp[1] ?? '' };
  if (!SCHEME_URL.test(link)) return undefined;
  try {
    const u = new URL(link);
    return { host: u.host, hostname: u.hostname };
  } catch {
    return { host: '', hostname: '' };
  }
}

/**
 * Every link in `value` that does not point at the stand-in, as `path: url`. An ssh address may
 * name the host without the port; anything else must name host and port.
 */
export function foreignUrls(value: unknown, site: Site): string[] {
  const web = new URL(site.htmlBase);
  const hosts = new Set([web.host, new URL(site.apiBase).host]);
  const found: string[] = [];
  const walk = (v: unknown, path: string, key: string): void => {
    if (typeof v === 'string') {
      const at = LINK_KEY.test(key) ? hostOf(v) : undefined;
      const ours = at && (hosts.has(at.host) || (SCP_URL.test(v) && at.hostname === web.hostname));
      if (at && !ours) found.push(`${path}: ${v}`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}/${i}`, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`, k);
    }
  };
  walk(value, '', '');
  return found;
}
