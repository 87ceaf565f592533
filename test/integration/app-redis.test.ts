/**
 * The app's Redis as operators configure it, each case with the process's own message: a database
 * index the server does not have, a signal while start-up still waits for Redis, TLS (rediss://)
 * and Redis Sentinel. Private redis-server processes; the app is a real child process.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../src/env.js';
import { startRuntime } from '../../src/server/runtime.js';
import { spawnApp, testPrivateKey } from '../support/app-harness.js';
import { freePort } from '../support/free-port.js';
import { Socket } from 'node:net';
import { makeTestCert } from '../support/tls-cert.js';
import { untilReady } from '../support/until-ready.js';

const children: ChildProcess[] = [];

/** Any answer to PING (PONG, or NOAUTH from a server with a password) means it listens. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.write('PING\r\n');
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
    });
  });
}
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

async function redisServer(args: string[], pingPort?: number): Promise<number> {
  const port = pingPort ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-redis-case-'));
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--port', String(port), ...args],
    {
      stdio: 'ignore',
    },
  );
  children.push(child);
  const until = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (Date.now() > until) throw new Error(`redis-server ${args.join(' ')} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return port;
}

function webEnv(port: number, extra: Record<string, string>): Record<string, string> {
  return {
    APP_ID: '1',
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: 'x',
    ROLE: 'web',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The web role with this Redis configuration answers /readyz (so it reached Redis), then stops. */
async function becomesReady(extra: Record<string, string>): Promise<void> {
  const port = await freePort();
  const app = spawnApp(webEnv(port, extra));
  try {
    await untilReady(`http://127.0.0.1:${port}`, {
      gaveUp: () => (app.child.exitCode !== null ? app.stderr() : undefined),
    });
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
  }
}

describe('Redis variables', () => {
  const base = { APP_ID: '1', PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: 'x' };

  it('wants REDIS_SENTINELS and REDIS_SENTINEL_NAME together, and host:port pairs', () => {
    expect(() => loadEnv({ ...base, REDIS_SENTINELS: '127.0.0.1:26379' })).toThrow(
      /REDIS_SENTINEL_NAME: expected set together with the other/,
    );
    expect(() => loadEnv({ ...base, REDIS_SENTINELS: 'a:1,b', REDIS_SENTINEL_NAME: 'm' })).toThrow(
      /REDIS_SENTINELS: expected comma-separated host:port of Redis Sentinels, found "a:1,b"/,
    );
    expect(loadEnv({ ...base, REDIS_SENTINELS: 'a:1, [::1]:2', REDIS_SENTINEL_NAME: 'm' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      sentinels: [
        { host: 'a', port: 1 },
        { host: '::1', port: 2 },
      ],
      sentinelName: 'm',
    });
  });

  it('takes REDIS_CLUSTER_NODES as host:port pairs, alone (no Sentinel) and with no database', () => {
    expect(() => loadEnv({ ...base, REDIS_CLUSTER_NODES: 'node-a:7000,node-b' })).toThrow(
      /REDIS_CLUSTER_NODES: expected comma-separated host:port of Redis Cluster nodes .*, found "node-a:7000,node-b"/,
    );
    expect(() =>
      loadEnv({ ...base, REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2', REDIS_SENTINEL_NAME: 'm' }),
    ).toThrow(/REDIS_CLUSTER_NODES: expected unset when REDIS_SENTINELS is set/);
    expect(() => loadEnv({ ...base, REDIS_CLUSTER_NODES: 'a:1', REDIS_URL: 'redis://a:1/3' })).toThrow(
      /REDIS_URL: expected no database index with REDIS_CLUSTER_NODES .*found \/3/,
    );
    expect(loadEnv({ ...base, REDIS_CLUSTER_NODES: 'a:7000, b:7001', REDIS_URL: 'rediss://:pw@a:7000' }).redis).toEqual(
      {
        url: 'rediss://:pw@a:7000',
        clusterNodes: [
          { host: 'a', port: 7000 },
          { host: 'b', port: 7001 },
        ],
      },
    );
  });
});

describe('Redis as configured', () => {
  it('refuses a database index the server does not have, in one line, password redacted', async () => {
    const redisPort = await redisServer(['--databases', '4', '--requirepass', 's3cret-pass']);
    const app = spawnApp(webEnv(await freePort(), { REDIS_URL: `redis://:s3cret-pass@127.0.0.1:${redisPort}/7` }));
    const { code } = await app.exited;
    expect(code).toBe(1);
    const lines = app.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^gomod-steward: cannot start: REDIS_URL redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redisPort}/7: database 7 cannot be selected`,
      ),
    );
    expect(app.stderr() + app.stdout()).not.toContain('s3cret-pass');
  });

  it('gives up on a Redis that never answers with a line naming it, password redacted', async () => {
    const nobody = await freePort();
    const env = loadEnv({
      ...webEnv(0, { REDIS_URL: `redis://:s3cret-pass@127.0.0.1:${nobody}`, LOG_LEVEL: 'fatal' }),
    });
    const failure = await startRuntime(env, { redisTimeoutMs: 500 }).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failure).toBe(`Redis at redis://:***@127.0.0.1:${nobody} did not become ready within 500 ms`);
  });

  it('logs JSON lines with every key once (one "name")', async () => {
    const redisPort = await redisServer([]);
    const port = await freePort();
    const app = spawnApp(webEnv(port, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'info' }));
    try {
      const line = await app.waitForLine(/"msg":"listening"/);
      const keys = [...line.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
      expect(JSON.parse(line)).toMatchObject({ name: 'probot', role: 'web', port, msg: 'listening' });
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  });

  it('exits promptly on SIGTERM while start-up still waits for Redis', async () => {
    const nobody = await freePort();
    const app = spawnApp(webEnv(await freePort(), { REDIS_URL: `redis://127.0.0.1:${nobody}` }));
    // Started, and waiting: its producer connection has been refused at least once.
    await app.waitForLine(/redis \(producer\) error/);
    const t0 = Date.now();
    app.child.kill('SIGTERM');
    const { code } = await app.exited;
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(code).toBe(0);
    expect(app.stderr()).toContain('SIGTERM during start-up');
  });

  it('reaches Redis over TLS with rediss://', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-redis-tls-'));
    const cert = await makeTestCert(dir);
    writeFileSync(join(dir, 'key.pem'), cert.key);
    const plainPort = await freePort();
    const tlsPort = await freePort();
    await redisServer(
      [
        '--tls-port',
        String(tlsPort),
        '--tls-cert-file',
        cert.certFile,
        '--tls-key-file',
        join(dir, 'key.pem'),
        '--tls-ca-cert-file',
        cert.certFile,
        '--tls-auth-clients',
        'no',
      ],
      plainPort,
    );
    await becomesReady({ REDIS_URL: `rediss://127.0.0.1:${tlsPort}`, NODE_EXTRA_CA_CERTS: cert.certFile });
  });

  it('finds the master through Redis Sentinel', async () => {
    const masterPort = await redisServer([]);
    const sentinelPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-sentinel-'));
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor steward-master 127.0.0.1 ${masterPort} 1`,
        'sentinel down-after-milliseconds steward-master 5000',
        '',
      ].join('\n'),
    );
    const sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    children.push(sentinel);
    const until = Date.now() + 10_000;
    while (!(await answersPing(sentinelPort))) {
      if (Date.now() > until) throw new Error('redis sentinel did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    await becomesReady({
      REDIS_URL: 'redis://ignored-host:1/2',
      REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`,
      REDIS_SENTINEL_NAME: 'steward-master',
    });
  });
});
