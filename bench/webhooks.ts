/**
 * Webhook intake benchmark: the web role (a real process, `ROLE=web`) on loopback, Redis from
 * REDIS_URL or a private redis-server, N signed deliveries sent with a fixed concurrency over
 * keep-alive connections. Prints throughput and p50/p99 time to acknowledge, then checks that
 * every delivery is accounted for: one job queued, or one deliberate skip counted on /metrics.
 *
 *   npx tsx bench/webhooks.ts [--deliveries 5000] [--concurrency 32] [--warmup 2000] [--rate 500] [--paced 1500]
 *
 * The mix: installation_repositories.added (a job each), pushes touching the config file on the
 * default branch (a reschedule job each), pushes that touch only code (a counted skip).
 * Two measured phases: saturation (a closed loop of `concurrency` senders: the most the web role
 * takes) and paced (deliveries offered at `--rate`/s, latency counted from when each was due, so
 * a stall shows). Goal on a 2-core machine: at least 500 deliveries/s, p99 under 50 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const SECRET = 'bench-webhook-secret';
const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, '..', '..');

if (process.argv.includes('--serve')) {
  // Child mode: the web role under a prefix of the benchmark's own.
  const { runProcess } = await import('../src/server/run-process.js');
  process.exit(await runProcess(process.env, { prefix: process.env.BENCH_PREFIX ?? 'bench' }));
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const TOTAL = arg('deliveries', 5000);
const CONCURRENCY = arg('concurrency', 32);
// The first thousands of deliveries run while V8 still optimises the hot path: not measured,
// but accounted for like the rest.
const WARMUP = arg('warmup', 2000);
const RATE = arg('rate', 500);
const PACED = arg('paced', 1500);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > until) throw new Error(`${what} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startRedis(): Promise<{ url: string; stop(): void }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => undefined };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(async () => {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  }, 'redis-server');
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Delivery {
  kind: 'added' | 'config-push' | 'code-push';
  headers: Record<string, string>;
  body: Buffer;
}

type Payload = Record<string, unknown>;

function examples(event: string): Payload[] {
  const defs = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Payload[] }[];
  return defs.find((d) => d.name === event)?.examples ?? [];
}

/** Real payloads from @octokit/webhooks-examples, each with its own repository id and delivery id. */
function buildDeliveries(n: number): Delivery[] {
  const added = examples('installation_repositories').find((p) => p['action'] === 'added');
  const push = examples('push').find((p) => p['ref'] === 'refs/heads/master');
  if (!added || !push) throw new Error('webhook examples missing');
  const out: Delivery[] = [];
  for (let i = 0; i < n; i++) {
    const repoId = 1_000_000 + i;
    const slot = i % 10;
    let event: string;
    let payload: Payload;
    let kind: Delivery['kind'];
    if (slot < 5) {
      kind = 'added';
      event = 'installation_repositories';
      payload = structuredClone(added);
      const [repo] = payload['repositories_added'] as Payload[];
      payload['repositories_added'] = [{ ...repo, id: repoId, name: `repo-${i}`, full_name: `Codertocat/repo-${i}` }];
    } else {
      kind = slot === 9 ? 'config-push' : 'code-push';
      event = 'push';
      payload = structuredClone(push);
      const sha = randomBytes(20).toString('hex');
      const repository = payload['repository'] as Payload;
      payload['repository'] = { ...repository, id: repoId, name: `repo-${i}` };
      payload['after'] = sha;
      const [commit] = payload['commits'] as Payload[];
      const files = kind === 'config-push' ? ['.github/gomod-steward.yml'] : ['services/orders/main.go'];
      const changed = { ...commit, id: sha, added: [], removed: [], modified: files };
      payload['commits'] = [changed];
      payload['head_commit'] = changed;
    }
    const body = Buffer.from(JSON.stringify(payload));
    out.push({
      kind,
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'x-github-event': event,
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      },
    });
  }
  return out;
}

function post(agent: Agent, port: number, path: string, d: Delivery): Promise<{ status: number; ms: number }> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'POST', headers: d.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', reject);
    req.end(d.body);
  });
}

async function send(
  agent: Agent,
  port: number,
  path: string,
  batch: Delivery[],
): Promise<{ latencies: number[]; statuses: Map<number, number>; seconds: number }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batch.length) {
        const d = batch[next++] as Delivery;
        const r = await post(agent, port, path, d);
        latencies.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  return { latencies, statuses, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Offers deliveries at `rate`/s (at most CONCURRENCY in flight); latency runs from each one's due time. */
async function sendPaced(
  agent: Agent,
  port: number,
  path: string,
  batch: Delivery[],
  rate: number,
): Promise<{ latencies: number[]; statuses: Map<number, number>; seconds: number }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const start = performance.now();
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < batch.length; i++) {
    const due = start + (i * 1000) / rate;
    while (performance.now() < due || inFlight >= CONCURRENCY)
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(1, due - performance.now()))));
    inFlight++;
    pending.push(
      post(agent, port, path, batch[i] as Delivery).then((r) => {
        inFlight--;
        latencies.push(performance.now() - due);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(pending);
  return { latencies, statuses, seconds: (performance.now() - start) / 1000 };
}

function summary(
  label: string,
  count: number,
  run: { latencies: number[]; statuses: Map<number, number>; seconds: number },
): { rate: number; p99: number } {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const rate = count / run.seconds;
  const p99 = percentile(sorted, 99);
  console.log(
    `${label}: ${count} deliveries in ${run.seconds.toFixed(2)} s = ${rate.toFixed(0)}/s; time to acknowledge p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(2)} ms; statuses ${[...run.statuses].map(([st, n]) => `${st}×${n}`).join(', ')}`,
  );
  return { rate, p99 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<number> {
  const redis = await startRedis();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const web: ChildProcess = spawn(process.execPath, ['--import', loader, SELF, '--serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      APP_ID: '1',
      PRIVATE_KEY: key,
      WEBHOOK_SECRET: SECRET,
      REDIS_URL: redis.url,
      ROLE: 'web',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      BENCH_PREFIX: prefix,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const conn = new Redis(redis.url, { maxRetriesPerRequest: 3 });
  const queues = {
    installation: new Queue('installation', { connection: conn, prefix }),
    reschedule: new Queue('reschedule', { connection: conn, prefix }),
  };
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 'web role');
    const deliveries = buildDeliveries(WARMUP + TOTAL + PACED);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const path = '/api/github/webhooks';

    await send(agent, port, path, deliveries.slice(0, WARMUP));
    const saturated = await send(agent, port, path, deliveries.slice(WARMUP, WARMUP + TOTAL));
    const paced = await sendPaced(agent, port, path, deliveries.slice(WARMUP + TOTAL), RATE);
    agent.destroy();

    console.log(
      `web role on 127.0.0.1:${port} (ROLE=web), redis ${redis.url.replace(/\/\/[^@]*@/, '//')}, ${WARMUP} warm-up deliveries not measured`,
    );
    const sat = summary(`saturation, ${CONCURRENCY} concurrent senders`, TOTAL, saturated);
    const pace = summary(`paced at ${RATE}/s, up to ${CONCURRENCY} in flight`, PACED, paced);

    // Accounting over every delivery sent, warm-up included.
    const want = { added: 0, 'config-push': 0, 'code-push': 0 };
    for (const d of deliveries) want[d.kind]++;
    const installationJobs = await queues.installation.getJobCountByTypes(
      'waiting',
      'delayed',
      'active',
      'completed',
      'failed',
    );
    const rescheduleJobs = await queues.reschedule.getJobCountByTypes(
      'waiting',
      'delayed',
      'active',
      'completed',
      'failed',
    );
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const skipped = [
      ...metrics.matchAll(/^gomod_steward_webhook_deliveries_total\{[^}]*outcome="skipped"[^}]*\} (\d+)$/gm),
    ].reduce((n, m) => n + Number(m[1]), 0);
    const queuedMetric = [
      ...metrics.matchAll(/^gomod_steward_webhook_deliveries_total\{[^}]*outcome="queued"[^}]*\} (\d+)$/gm),
    ].reduce((n, m) => n + Number(m[1]), 0);
    const accounted = installationJobs + rescheduleJobs + skipped;
    console.log(
      `accounting: sent ${deliveries.length} = ${installationJobs} installation jobs (want ${want.added}) + ${rescheduleJobs} reschedule jobs (want ${want['config-push']}) + ${skipped} counted skips (want ${want['code-push']})`,
    );
    const ok =
      (saturated.statuses.get(200) ?? 0) === TOTAL &&
      (paced.statuses.get(200) ?? 0) === PACED &&
      installationJobs === want.added &&
      rescheduleJobs === want['config-push'] &&
      skipped === want['code-push'] &&
      queuedMetric === want.added + want['config-push'] &&
      accounted === deliveries.length;
    console.log(ok ? 'every delivery accounted for' : 'ACCOUNTING MISMATCH');
    console.log(
      `goal, at least 500 deliveries/s: ${sat.rate >= 500 ? 'met' : 'not met'} (${sat.rate.toFixed(0)}/s at saturation)`,
    );
    console.log(
      `goal, p99 under 50 ms: at ${RATE}/s ${pace.p99 < 50 ? 'met' : 'not met'} (${pace.p99.toFixed(1)} ms); at saturation ${sat.p99 < 50 ? 'met' : 'not met'} (${sat.p99.toFixed(1)} ms)`,
    );
    return ok ? 0 : 1;
  } finally {
    web.kill('SIGTERM');
    await new Promise((r) => web.once('exit', r));
    await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())));
    await conn.quit();
    redis.stop();
  }
}

process.exit(await main());
