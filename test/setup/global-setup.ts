/**
 * Starts a private redis-server on a free loopback port for the queue tests, unless REDIS_URL
 * names one. The URL reaches the test files through process.env, which jest workers inherit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, deadlineMs: number): Promise<void> {
  const { Socket } = await import('node:net');
  const until = Date.now() + deadlineMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1', () => {
        s.write('PING\r\n');
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
      });
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore', detached: true },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err) =>
      reject(new Error(`cannot start redis-server (install it, or set REDIS_URL): ${err.message}`)),
    );
  });
  await Promise.race([waitForPing(port, 10_000), failed]);
  child.unref();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  (globalThis as { __redisPid?: number }).__redisPid = child.pid;
}
