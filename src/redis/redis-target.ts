/**
 * Where the app's Redis is: a URL (`redis://`, or `rediss://` for TLS), optionally reached through
 * Redis Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME), in which case the URL's credentials,
 * database and scheme apply to the master that Sentinel names; or a Redis Cluster
 * (REDIS_CLUSTER_NODES, the nodes to learn the cluster's layout from), in which case they apply
 * to every node and the database is 0, the only one a cluster has.
 */
import type { ClusterOptions, RedisOptions } from 'ioredis';

export interface HostPort {
  host: string;
  port: number;
}

export interface RedisTarget {
  url: string;
  sentinels?: HostPort[];
  sentinelName?: string;
  /** Seed nodes of a Redis Cluster; the client learns the other nodes and the slots from them. */
  clusterNodes?: HostPort[];
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
  if (t.clusterNodes?.length) return `${url} as Redis Cluster of ${hostPorts(t.clusterNodes)}`;
  if (!t.sentinels?.length) return url;
  return `${url} via Sentinel ${hostPorts(t.sentinels)} (master "${t.sentinelName}")`;
}

const hostPorts = (list: HostPort[]) => list.map((s) => `${s.host}:${s.port}`).join(',');

/** What the URL says besides where: credentials and TLS. */
function credentialsOf(url: string): RedisOptions {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** ioredis options for a Sentinel target (the URL's credentials, db and TLS go to the master). */
export function sentinelOptions(t: RedisTarget): RedisOptions | undefined {
  if (!t.sentinels?.length || !t.sentinelName) return undefined;
  return { sentinels: t.sentinels, name: t.sentinelName, db: databaseOf(t.url), ...credentialsOf(t.url) };
}

/**
 * The seed nodes and the per-node options of a cluster target (the URL's credentials and TLS go
 * to every node), or undefined when the target is no cluster. `node` is what the caller wants on
 * each node connection as well (its name, its retry policy).
 */
export function clusterOptions(
  t: RedisTarget,
  node: RedisOptions,
): { nodes: HostPort[]; options: Pick<ClusterOptions, 'redisOptions'> } | undefined {
  if (!t.clusterNodes?.length) return undefined;
  return { nodes: t.clusterNodes, options: { redisOptions: { ...node, ...credentialsOf(t.url) } } };
}

/** `host:port,host:port` → the list (Sentinels, cluster nodes); undefined when any entry is malformed. */
export function parseHostPorts(v: string): HostPort[] | undefined {
  const out: HostPort[] = [];
  for (const part of v.split(',').map((p) => p.trim())) {
    const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(part);
    if (!m || Number(m[2]) > 65535 || Number(m[2]) === 0) return undefined;
    out.push({ host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) });
  }
  return out.length > 0 ? out : undefined;
}
