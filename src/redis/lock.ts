/**
 * A mutual exclusion on Redis: `SET key token NX PX ttl` takes it; only the holder's token
 * releases it (a script compares and deletes in one step), so a holder whose lock expired cannot
 * release its successor's. The TTL bounds how long a crashed holder blocks others.
 */
import { randomBytes } from 'node:crypto';
import type { RedisConnection } from './connection.js';
import { StewardError } from '../errors.js';

export class LockTimeoutError extends StewardError {
  readonly code = 'lock-timeout';
  constructor(key: string, waitedMs: number) {
    super(`could not take the lock ${key} within ${waitedMs} ms`);
  }
}

export interface LockOptions {
  /** How long the lock lives if its holder never releases it. */
  ttlMs?: number;
  /** How long to wait for it before giving up (the job is then retried). */
  waitMs?: number;
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** The holder's token, or undefined when someone else holds the lock. */
export async function tryLock(redis: RedisConnection, key: string, ttlMs: number): Promise<string | undefined> {
  const token = randomBytes(16).toString('hex');
  return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : undefined;
}

export async function unlock(redis: RedisConnection, key: string, token: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, token);
}

/** Extends the holder's lease; a no-op once the lock has passed to someone else. */
export async function renewLock(redis: RedisConnection, key: string, token: string, ttlMs: number): Promise<void> {
  await redis.eval(RENEW, 1, key, token, String(ttlMs));
}

/** Runs `fn` holding the lock, waiting for it (with backoff) up to `waitMs`. */
export async function withLock<T>(
  redis: RedisConnection,
  key: string,
  fn: () => Promise<T>,
  o: LockOptions = {},
): Promise<T> {
  const ttlMs = o.ttlMs ?? 60_000;
  const waitMs = o.waitMs ?? 30_000;
  const until = Date.now() + waitMs;
  let pause = 20;
  let token: string | undefined;
  while ((token = await tryLock(redis, key, ttlMs)) === undefined) {
    if (Date.now() >= until) throw new LockTimeoutError(key, waitMs);
    await new Promise((r) => setTimeout(r, pause + Math.floor(Math.random() * pause)));
    pause = Math.min(pause * 2, 500);
  }
  try {
    return await fn();
  } finally {
    await unlock(redis, key, token);
  }
}
