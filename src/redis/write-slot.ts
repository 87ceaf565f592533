/**
 * GitHub's write spacing per installation, shared by every worker process. GitHub asks for
 * requests made serially, not concurrently, and for at least a second between mutative ones
 * (three between those that notify people, for integrators). Three steps per write, each one
 * single-key script on the installation's hash (so it runs on Redis Cluster as well: the prefix
 * carries the hash tag there), all on Redis's clock (the processes' clocks may disagree):
 *  1. reserve: a place in the installation's line, a spacing after the last reservation (and a
 *     notify spacing after the last notifying one, for a write that notifies people, taken in the
 *     same step); the caller sleeps until then, holding nothing;
 *  2. start: right before the request leaves, checks what really happened: no write of the
 *     installation is in flight, and the last one's answer came a spacing ago; else the caller
 *     waits the rest and asks again;
 *  3. finish: the write has its answer; the next may start a spacing later.
 * The spacing runs from an answer to the next start, not from start to start: a request reaches
 * GitHub after it starts and before its answer comes back, so two writes reach GitHub at least a
 * spacing apart however late either left this process (a busy event loop moved writes spaced
 * start to start as close as 486 ms at GitHub). A write in flight holds its installation for at
 * most its lease: a process killed mid-write cannot stop its installation's writes for longer.
 */
import type { RedisConnection } from './connection.js';

export interface WriteSpacing {
  /** Between the starts of two writes. */
  writeMs: number;
  /** Between the starts of two writes that notify people. */
  notifyMs: number;
}

export function writeSlotKey(prefix: string, installationId: number): string {
  return `${prefix}:write-slot:${installationId}`;
}

/** The hash outlives its last reservation by this much: an idle installation leaves nothing behind. */
const LINGER_MS = 5_000;
/** How long a write may be in flight before the next one goes anyway (a process killed mid-write). */
export const WRITE_LEASE_MS = 10_000;
/** How often a write waiting for another's answer asks again. */
const IN_FLIGHT_POLL_MS = 25;

const NOW = "local t = redis.call('time') " + 'local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ';
const FIELD = "local function f(name) return tonumber(redis.call('hget', KEYS[1], name) or '0') end ";
/** Keeps the hash until LINGER after the furthest time it names. */
const EXPIRE =
  "local keep = math.max(f('next'), f('nextNotify'), f('free'), f('freeNotify'), f('busy'), now) - now + tonumber(ARGV[4]) " +
  "redis.call('pexpire', KEYS[1], keep) ";

/** ARGV: writeMs, notifyMs, notify (0/1), linger. Returns ms until the reserved slot. */
const RESERVE =
  NOW +
  FIELD +
  "local notify = ARGV[3] == '1' " +
  "local slot = math.max(now, f('next')) " +
  "if notify then slot = math.max(slot, f('nextNotify')) end " +
  "redis.call('hset', KEYS[1], 'next', slot + tonumber(ARGV[1])) " +
  "if notify then redis.call('hset', KEYS[1], 'nextNotify', slot + tonumber(ARGV[2])) end " +
  EXPIRE +
  'return slot - now';

/**
 * ARGV: writeMs, notifyMs, notify (0/1), linger, lease, poll. Returns {0, startedAt} when the
 * write may leave now (recorded as in flight), or {ms to wait, 0}.
 */
const START =
  NOW +
  FIELD +
  "local notify = ARGV[3] == '1' " +
  "local wait = f('free') - now " +
  "if notify then wait = math.max(wait, f('freeNotify') - now) end " +
  "local busy = f('busy') " +
  // In flight: ask again soon. Its lease ran out (a process killed mid-write): a spacing after that.
  'if busy > now then wait = math.max(wait, math.min(busy - now, tonumber(ARGV[6]))) ' +
  'elseif busy > 0 then wait = math.max(wait, busy + tonumber(ARGV[1]) - now) end ' +
  'if wait > 0 then return {wait, 0} end ' +
  "redis.call('hset', KEYS[1], 'sent', now, 'busy', now + tonumber(ARGV[5])) " +
  EXPIRE +
  'return {0, now}';

/**
 * ARGV: startedAt, writeMs, notifyMs, notify (0/1), linger. If the write that started at
 * `startedAt` still holds the installation: free it, the next write a spacing from now.
 */
const FINISH =
  NOW +
  FIELD +
  "if f('sent') ~= tonumber(ARGV[1]) then return 0 end " +
  "redis.call('hset', KEYS[1], 'busy', 0, 'free', now + tonumber(ARGV[2])) " +
  "if ARGV[4] == '1' then redis.call('hset', KEYS[1], 'freeNotify', now + tonumber(ARGV[3])) end " +
  // Later reservations line up behind this answer, however late it came.
  "redis.call('hset', KEYS[1], 'next', math.max(f('next'), now + tonumber(ARGV[2]))) " +
  "if ARGV[4] == '1' then " +
  "  redis.call('hset', KEYS[1], 'nextNotify', math.max(f('nextNotify'), now + tonumber(ARGV[3]))) " +
  'end ' +
  "local keep = math.max(f('next'), f('nextNotify'), now) - now + tonumber(ARGV[5]) " +
  "redis.call('pexpire', KEYS[1], keep) " +
  'return 1';

/** Reserves the installation's next slot; resolves with the ms to wait for it. */
export async function reserveWriteSlot(
  redis: RedisConnection,
  prefix: string,
  installationId: number,
  o: { notify: boolean; spacing: WriteSpacing },
): Promise<number> {
  const wait = await redis.eval(
    RESERVE,
    1,
    writeSlotKey(prefix, installationId),
    String(o.spacing.writeMs),
    String(o.spacing.notifyMs),
    o.notify ? '1' : '0',
    String(LINGER_MS),
  );
  return Math.max(0, Number(wait));
}

export type WriteStart = { startedAt: number } | { waitMs: number };

/** Records the write as started and in flight if it may leave now; else how long to wait before asking again. */
export async function startWrite(
  redis: RedisConnection,
  prefix: string,
  installationId: number,
  o: { notify: boolean; spacing: WriteSpacing; leaseMs?: number },
): Promise<WriteStart> {
  const [wait, startedAt] = (await redis.eval(
    START,
    1,
    writeSlotKey(prefix, installationId),
    String(o.spacing.writeMs),
    String(o.spacing.notifyMs),
    o.notify ? '1' : '0',
    String(LINGER_MS),
    String(o.leaseMs ?? WRITE_LEASE_MS),
    String(IN_FLIGHT_POLL_MS),
  )) as [number, number];
  return Number(wait) > 0 ? { waitMs: Number(wait) } : { startedAt: Number(startedAt) };
}

/** The write that started at `startedAt` has its answer: the installation's next write may start a spacing from now. */
export async function finishWrite(
  redis: RedisConnection,
  prefix: string,
  installationId: number,
  o: { startedAt: number; notify: boolean; spacing: WriteSpacing },
): Promise<void> {
  await redis.eval(
    FINISH,
    1,
    writeSlotKey(prefix, installationId),
    String(o.startedAt),
    String(o.spacing.writeMs),
    String(o.spacing.notifyMs),
    o.notify ? '1' : '0',
    String(LINGER_MS),
  );
}
