/**
 * One installation's work paused on Redis, for every worker: GitHub's secondary rate limit and an
 * exhausted quota are per installation (its token), so only that installation waits; the others
 * go on. The key holds the epoch ms the pause ends and expires then; a later end wins over an
 * earlier one, never the reverse.
 */
import type { RedisConnection } from './connection.js';

export function installationPauseKey(prefix: string, installationId: number): string {
  return `${prefix}:pause:installation:${installationId}`;
}

const EXTEND =
  "local cur = tonumber(redis.call('get', KEYS[1]) or '0') " +
  "if cur < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return ARGV[1] end " +
  'return tostring(cur)';

/** Pauses the installation for `ms` from now (or keeps a longer pause); resolves with when it ends. */
export async function pauseInstallation(
  redis: RedisConnection,
  prefix: string,
  installationId: number,
  ms: number,
  now: number = Date.now(),
): Promise<number> {
  const until = now + ms;
  const answer = await redis.eval(EXTEND, 1, installationPauseKey(prefix, installationId), String(until), String(ms));
  return Number(answer);
}

/** When the installation's pause ends, or undefined when it is not paused. */
export async function installationPausedUntil(
  redis: RedisConnection,
  prefix: string,
  installationId: number,
  now: number = Date.now(),
): Promise<number | undefined> {
  const until = Number(await redis.get(installationPauseKey(prefix, installationId)));
  return Number.isFinite(until) && until > now ? until : undefined;
}
