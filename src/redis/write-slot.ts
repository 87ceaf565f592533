/**
 * GitHub's write spacing per installation, shared by every worker process: each write reserves
 * the installation's next free slot on Redis and waits for it, so two workers writing for one
 * installation still reach GitHub a spacing apart (an in-process limiter would let each worker
 * write at the full rate). One key per installation and kind, so the script touches a single
 * key and runs on Redis Cluster as well (the prefix carries the hash tag there).
 */
import type { RedisConnection } from './connection.js';

export type SlotKind = 'write' | 'notify';

export function writeSlotKey(prefix: string, kind: SlotKind, installationId: number): string {
  return `${prefix}:${kind}-slot:${installationId}`;
}

/** A slot key outlives its last reservation by this much: an idle installation leaves nothing behind. */
const LINGER_MS = 5_000;

/*
 * Redis's own clock, not the callers': the processes' clocks may disagree, the server's is one.
 * KEYS[1] holds the epoch ms of the next free slot; the caller gets its slot's distance from now.
 */
const RESERVE =
  "local t = redis.call('time') " +
  'local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ' +
  "local slot = math.max(now, tonumber(redis.call('get', KEYS[1]) or '0')) " +
  'local nextSlot = slot + tonumber(ARGV[1]) ' +
  "redis.call('set', KEYS[1], nextSlot, 'PX', nextSlot - now + tonumber(ARGV[2])) " +
  'return slot - now';

/** Reserves the installation's next slot of `kind`, `spacingMs` after the last one; resolves with the ms to wait for it. */
export async function reserveWriteSlot(
  redis: RedisConnection,
  prefix: string,
  kind: SlotKind,
  installationId: number,
  spacingMs: number,
): Promise<number> {
  const wait = await redis.eval(
    RESERVE,
    1,
    writeSlotKey(prefix, kind, installationId),
    String(spacingMs),
    String(LINGER_MS),
  );
  return Math.max(0, Number(wait));
}
