/**
 * The real Redis of the test run (REDIS_URL, started by test/setup/global-setup.ts), shared by
 * every test file. Each file gets a database of its own, so flushing it or listing every
 * scheduler sees only that file's keys, and a key prefix of its own on top.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const COUNTER_KEY = 'gomod-steward-test:next-db';
/** Database 0 holds the counter; 1..15 are handed out in turn. */
const DATABASES = 15;

export function baseRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests through jest (test/setup/global-setup.ts starts redis-server)');
  return url;
}

function withDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** A database of this test file's own, emptied, as a REDIS_URL. */
export async function isolatedRedisUrl(): Promise<string> {
  const admin = new Redis(withDb(baseRedisUrl(), 0), { maxRetriesPerRequest: 2 });
  try {
    const n = await admin.incr(COUNTER_KEY);
    const url = withDb(baseRedisUrl(), 1 + ((n - 1) % DATABASES));
    const db = new Redis(url, { maxRetriesPerRequest: 2 });
    await db.flushdb();
    await db.quit();
    return url;
  } finally {
    await admin.quit();
  }
}

export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** A plain client for assertions and for flushing. */
export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}
