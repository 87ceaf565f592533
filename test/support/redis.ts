/**
 * The real Redis of the test run (REDIS_URL, started by test/setup/global-setup.ts), shared by
 * every test file. Each file gets a database of its own, so flushing it or listing every
 * scheduler sees only that file's keys, and a key prefix of its own on top.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

/** Database 0 holds the leases; 1..15 are handed out. */
const DATABASES = 15;

export function baseRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url)
    throw new Error(
      'REDIS_URL is not set: run the tests through jest (test/setup/global-setup.ts starts redis-server)',
    );
  return url;
}

function withDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * A database of this test file's own, emptied, as a REDIS_URL. The file keeps its database for
 * all its calls, and takes one that no other running jest worker holds: a lease in database 0
 * names the holder's pid, so a database is never emptied under a file that is still running.
 */
export async function isolatedRedisUrl(): Promise<string> {
  fileDb ??= leaseDatabase();
  const url = withDb(baseRedisUrl(), await fileDb);
  const db = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    await db.flushdb();
  } finally {
    await db.quit();
  }
  return url;
}

let fileDb: Promise<number> | undefined;

const LEASE_PREFIX = 'gomod-steward-test:lease:';
const TAKE_OVER =
  "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) return 1 else return 0 end";

/** Jest runs one file at a time per worker, so a database leased by this process is free again. */
async function leaseDatabase(): Promise<number> {
  const admin = new Redis(withDb(baseRedisUrl(), 0), { maxRetriesPerRequest: 2 });
  const me = String(process.pid);
  try {
    for (let round = 0; round < 600; round++) {
      for (let db = 1; db <= DATABASES; db++) {
        const key = `${LEASE_PREFIX}${db}`;
        const holder = await admin.get(key);
        if (holder === null) {
          if ((await admin.set(key, me, 'NX')) === 'OK') return db;
        } else if (holder === me || !alive(Number(holder))) {
          if ((await admin.eval(TAKE_OVER, 1, key, holder, me)) === 1) return db;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no free Redis database among 1..${DATABASES} for 60 s`);
  } finally {
    await admin.quit();
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** A plain client for assertions and for flushing. */
export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}

/**
 * A redis-server of the test's own, for tests that stop Redis under the app. `stop()` kills it;
 * `restart()` brings it back on the same port.
 */
export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-private-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ReturnType<typeof spawn> | undefined;
  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    const until = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (Date.now() > until) throw new Error(`private redis-server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  return { url, stop, restart: start };
}

/** A bare PING over TCP: no client library, so nothing lingers after a refused connection. */
export async function answersPing(port: number): Promise<boolean> {
  const { Socket } = await import('node:net');
  return new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.write('PING\r\n');
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
  });
}
