/**
 * Redis's `run_id`: it changes whenever the server restarts. On a cluster, the run ids of all
 * masters together (INFO through the cluster client asks a node at random, whose id would
 * seem to change on every check): a master that restarts or fails over changes it.
 */
import { isCluster, type RedisConnection } from './connection.js';

export async function redisRunId(redis: RedisConnection): Promise<string | undefined> {
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  const ids = await Promise.all(nodes.map(async (n) => /^run_id:(\S+)/m.exec(await n.info('server'))?.[1]));
  if (ids.length === 0 || ids.some((id) => id === undefined)) return undefined;
  return ids.sort().join(',');
}
