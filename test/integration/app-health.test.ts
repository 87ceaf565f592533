/**
 * `/healthz` says the process answers; `/readyz` says Redis answers PING and, where the role runs
 * workers, that they run; both JSON. The Redis here is a private redis-server the test stops
 * and restarts under the app.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis.js';

let app: TestApp | undefined;
let redis: PrivateRedis | undefined;

afterEach(async () => {
  await redis?.restart().catch(() => undefined);
  await app?.stop();
  const killed = redis !== undefined;
  await redis?.stop();
  app = undefined;
  redis = undefined;
  // Sockets to a killed redis-server close a moment after it dies; let them, so jest exits cleanly.
  if (killed) await new Promise((r) => setTimeout(r, 300));
});

async function get(path: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(`${app?.baseUrl}${path}`);
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('health endpoints', () => {
  it('web role: alive, ready with Redis up and no workers', async () => {
    app = await startTestApp({ role: 'web' });
    expect(await get('/healthz')).toEqual({ status: 200, type: 'application/json', body: { status: 'ok' } });
    expect(await get('/readyz')).toEqual({ status: 200, type: 'application/json', body: { redis: 'ok', workers: 0 } });
    expect((await get('/nowhere')).status).toBe(404);
    // The web role runs no worker: nothing takes the jobs it queues.
    expect(app.runtime.workers).toBeUndefined();
  });

  // plan, installation, reschedule, apply, publish, impact
  it('all role: ready once its workers run', async () => {
    app = await startTestApp({ role: 'all' });
    expect(await get('/readyz')).toEqual({ status: 200, type: 'application/json', body: { redis: 'ok', workers: 8 } });
  });

  it('worker role: health endpoints only, no webhook route', async () => {
    app = await startTestApp({ role: 'worker' });
    expect((await get('/readyz')).body).toEqual({ redis: 'ok', workers: 8 });
    const res = await app.send('push', {});
    expect(res.status).toBe(404);
  });

  it('Redis down: /readyz answers 503 while /healthz stays 200; back to 200 when Redis returns', async () => {
    redis = await startPrivateRedis();
    app = await startTestApp({ role: 'all', redisUrl: redis.url });
    expect((await get('/readyz')).status).toBe(200);
    await redis.stop();
    const down = await until(
      () => get('/readyz'),
      (r) => r.status === 503,
    );
    expect(down).toMatchObject({ status: 503, body: { redis: 'unreachable' } });
    expect((await get('/healthz')).status).toBe(200);
    await redis.restart();
    const up = await until(
      () => get('/readyz'),
      (r) => r.status === 200,
    );
    expect(up).toEqual({ status: 200, type: 'application/json', body: { redis: 'ok', workers: 8 } });
  });
});
