/**
 * Where the app's Redis is: a URL (`redis://`, or `rediss://` for TLS), optionally reached through
 * Redis Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME), in which case the URL's credentials,
 * database and scheme apply to the master that Sentinel names.
 */
import type { RedisOptions } from 'ioredis';

export interface RedisTarget {
  url: string;
  sentinels?: { host: string; port: number }[];
  sentinelName?: string;
}

/** The URL with its password (and a username's secret-looking part) replaced, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}

/** The database index the URL selects (`/3`), 0 when it names none. */
export function databaseOf(url: string): number {
  const m = /^\/(\d+)$/.exec(new URL(url).pathname);
  return m ? Number(m[1]) : 0;
}

/** How people name the target in a message: the redacted URL, and the Sentinel set when there is one. */
export function describeTarget(t: RedisTarget): string {
  const url = redactRedisUrl(t.url);
  if (!t.sentinels?.length) return url;
  return `${url} via Sentinel ${t.sentinels.map((s) => `${s.host}:${s.port}`).join(',')} (master "${t.sentinelName}")`;
}

/** ioredis options for a Sentinel target (the URL's credentials, db and TLS go to the master). */
export function sentinelOptions(t: RedisTarget): RedisOptions | undefined {
  if (!t.sentinels?.length || !t.sentinelName) return undefined;
  const u = new URL(t.url);
  return {
    sentinels: t.sentinels,
    name: t.sentinelName,
    db: databaseOf(t.url),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** `host:port,host:port` → the Sentinel list; undefined when any entry is malformed. */
export function parseSentinels(v: string): { host: string; port: number }[] | undefined {
  const out: { host: string; port: number }[] = [];
  for (const part of v.split(',').map((p) => p.trim())) {
    const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(part);
    if (!m || Number(m[2]) > 65535 || Number(m[2]) === 0) return undefined;
    out.push({ host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) });
  }
  return out.length > 0 ? out : undefined;
}
