/**
 * Redis connections. Workers wait through a Redis outage (BullMQ needs
 * `maxRetriesPerRequest: null` for them); the webhook path fails fast instead, so a delivery is
 * answered with an error rather than held until GitHub gives up on it. A cluster target gives an
 * ioredis `Cluster`, which follows the cluster's slot map; everything here takes either.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { StewardError } from '../errors.js';
import { clusterOptions, databaseOf, describeTarget, sentinelOptions, type RedisTarget } from './redis-target.js';

export type RedisRole = 'producer' | 'worker';

/** One Redis server (direct or through Sentinel) or a Redis Cluster: the commands the app uses are the same. */
export type RedisConnection = Redis | Cluster;

export function isCluster(redis: RedisConnection): redis is Cluster {
  return redis instanceof Cluster;
}

export function createRedis(target: string | RedisTarget, role: RedisRole): RedisConnection {
  const t = typeof target === 'string' ? { url: target } : target;
  const perConnection: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectionName: `gomod-steward-${role}`,
  };
  const shared = {
    enableOfflineQueue: role === 'worker',
    // Many deliveries enqueue at once: one write for all their commands instead of one each.
    enableAutoPipelining: role === 'producer',
  };
  // Capped backoff: reconnect forever, at most every 2 s.
  const backoff = (times: number) => Math.min(times * 100, 2000);
  const cluster = clusterOptions(t, perConnection);
  if (cluster)
    return new Cluster(cluster.nodes, {
      ...cluster.options,
      ...shared,
      clusterRetryStrategy: backoff,
      // A node that restarts comes back under the same address with the same slots: reconnect to
      // it, as to a single server, rather than drop it and wait for a MOVED that never comes.
      clusterNodeRetryStrategy: backoff,
    });
  const options: RedisOptions = { ...perConnection, ...shared, retryStrategy: backoff };
  const sentinel = sentinelOptions(t);
  return sentinel ? new Redis({ ...options, ...sentinel }) : new Redis(t.url, options);
}

/**
 * A URL's database index that the server does not have (`/16` on a Redis with 16) fails the
 * start-up in one line, instead of ioredis logging the refusal and quietly using database 0.
 * So does a mismatch of the target and the server: a cluster node named as a single server
 * would answer most commands with MOVED, and a cluster has database 0 only.
 */
export async function checkDatabase(redis: RedisConnection, target: string | RedisTarget): Promise<void> {
  const t = typeof target === 'string' ? { url: target } : target;
  const db = databaseOf(t.url);
  if (isCluster(redis)) {
    if (db !== 0)
      throw new RedisConfigError(
        `REDIS_URL ${describeTarget(t)}: database ${db} cannot be used on a Redis Cluster, which has database 0 only; ` +
          'drop the /<db> from REDIS_URL',
      );
    return;
  }
  // A server that refuses INFO (some hosted ones rename it) is taken to be no cluster node.
  const info = await redis.info('cluster').catch(() => '');
  if (/^cluster_enabled:1\b/m.test(info))
    throw new RedisConfigError(
      `REDIS_URL ${describeTarget(t)}: this Redis is a node of a Redis Cluster; ` +
        'name its nodes in REDIS_CLUSTER_NODES (host:port,host:port) to use it as a cluster',
    );
  if (db === 0) return;
  try {
    await redis.select(db);
  } catch (err) {
    throw new RedisConfigError(
      `REDIS_URL ${describeTarget(t)}: database ${db} cannot be selected (${(err as Error).message.replace(/^ERR /, '')}); ` +
        'use an index below the server\'s "databases" setting (16 by default)',
    );
  }
}

/** Resolves once the connection is usable; a producer without an offline queue must wait for this. */
export async function whenReady(
  redis: RedisConnection,
  timeoutMs: number,
  target?: string | RedisTarget,
): Promise<void> {
  const where =
    target === undefined
      ? 'Redis'
      : `Redis at ${describeTarget(typeof target === 'string' ? { url: target } : target)}`;
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new RedisUnavailableError(`${where} did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/**
 * PING with a deadline: true when Redis answered in time. On a cluster every master is asked
 * (a PING through the cluster client reaches one node at random, which says nothing of the node
 * that holds the queues), and a cluster whose client knows no master is not ready.
 */
export async function pingRedis(redis: RedisConnection, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      isCluster(redis) ? pingMasters(redis) : redis.ping(),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    return answer === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Every slot's master answers; a slot whose master the client lost (crashed, unreachable) fails it. */
async function pingMasters(cluster: Cluster): Promise<string> {
  if (cluster.status !== 'ready') return `cluster client ${cluster.status}`;
  const connected = new Map(cluster.nodes('master').map((n) => [`${n.options.host}:${n.options.port}`, n]));
  const owners = new Set<string>();
  for (let slot = 0; slot < CLUSTER_SLOTS; slot++) {
    const owner = cluster.slots[slot]?.[0];
    if (owner === undefined) return `slot ${slot} has no master`;
    owners.add(owner);
  }
  const masters = [...owners].map((key) => connected.get(key));
  if (masters.some((m) => m === undefined)) return 'a master is not connected';
  const answers = await Promise.all(masters.map((m) => m!.ping()));
  return answers.every((a) => a === 'PONG') ? 'PONG' : 'a master did not answer';
}

const CLUSTER_SLOTS = 16384;

/** Quits politely, or drops the socket when Redis is gone and QUIT would wait for it. */
export async function quitRedis(redis: RedisConnection): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

export class RedisUnavailableError extends StewardError {
  readonly code = 'redis-unavailable';
}

export class RedisConfigError extends StewardError {
  readonly code = 'redis-config';
}
