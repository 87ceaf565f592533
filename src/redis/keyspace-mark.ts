/**
 * Whether Redis may have lost data since a mark was set: the mark holds Redis's `run_id` (new
 * after every restart) and disappears with a FLUSHALL or a failover to an empty replica. A mark
 * still there with the same `run_id` means nothing queued since then was lost. It expires after
 * `ttlMs`, so the check answers "maybe lost" at least that often anyway.
 */
import type { RedisConnection } from './connection.js';
import { redisRunId } from './run-id.js';

export function keyspaceMarkKey(prefix: string, name: string): string {
  return `${prefix}:mark:${name}`;
}

async function runId(redis: RedisConnection): Promise<string> {
  return (await redisRunId(redis)) ?? 'unknown';
}

/** True when the mark is missing or was set before Redis last restarted. */
export async function mayHaveLostData(redis: RedisConnection, prefix: string, name: string): Promise<boolean> {
  const [mark, current] = await Promise.all([redis.get(keyspaceMarkKey(prefix, name)), runId(redis)]);
  return mark !== current;
}

export async function setKeyspaceMark(
  redis: RedisConnection,
  prefix: string,
  name: string,
  ttlMs: number,
): Promise<void> {
  await redis.set(keyspaceMarkKey(prefix, name), await runId(redis), 'PX', ttlMs);
}
