/**
 * A per-repository mutual exclusion on Redis, for read-modify-write of state that lives on
 * GitHub (the dashboard issue body has no compare-and-set). `SET key token NX PX ttl` takes it;
 * only the holder's token releases it (a script compares and deletes in one step), so a holder
 * whose lock expired cannot release its successor's. The TTL bounds how long a crashed holder
 * blocks others; the callers re-read what they wrote, which covers an expiry mid-write.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
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

export async function withLock<T>(redis: Redis, key: string, fn: () => Promise<T>, o: LockOptions = {}): Promise<T> {
  const ttlMs = o.ttlMs ?? 60_000;
  const waitMs = o.waitMs ?? 30_000;
  const token = randomBytes(16).toString('hex');
  const until = Date.now() + waitMs;
  let pause = 20;
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() >= until) throw new LockTimeoutError(key, waitMs);
    await new Promise((r) => setTimeout(r, pause + Math.floor(Math.random() * pause)));
    pause = Math.min(pause * 2, 500);
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
