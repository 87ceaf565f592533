/**
 * The app on a real Redis Cluster (three local masters, test/support/redis-cluster.ts), set up
 * as an operator would: REDIS_CLUSTER_NODES. A repository's schedule fires and the run goes
 * through plan, apply and publish to an opened pull request; every key the app wrote sits in the
 * one hash slot of its tagged prefix, on one node, while the same keys untagged would have been
 * scattered over the nodes (so BullMQ's multi-key scripts would fail with CROSSSLOT). Readiness
 * pings every master. A cluster named as a single server, and a database index on a cluster,
 * stop the start-up with their own message.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import type { Logger } from 'probot';
import { INSTALLATION_QUEUE } from '../../src/queues/installation-queue.js';
import { startScheduleHealer } from '../../src/server/schedule-healer.js';
import { loadEnv } from '../../src/env.js';
import { DEFAULT_PREFIX, keyPrefix } from '../../src/queues/queue-set.js';
import { repoSchedulerId, upsertRepoScheduler } from '../../src/queues/repo-schedulers.js';
import { checkDatabase, createRedis, pingRedis, quitRedis, whenReady } from '../../src/redis/connection.js';
import { startRuntime } from '../../src/server/runtime.js';
import { startTestApp, testPrivateKey, type TestApp } from '../support/app-harness.js';
import { startLocalCluster, type LocalCluster } from '../support/redis-cluster.js';
import { FakeRepo } from '../stand-in/fake-repo.js';
import { writeTree } from './apply-fixtures.js';

const INSTALLATION = 81;
const BRANCH = 'gomod-steward/main/all';
const QUEUES = ['installation', 'reschedule', 'plan', 'apply', 'publish', 'impact', 'command'];

let cluster: LocalCluster;
let app: TestApp;
let fake: FakeRepo;
/** A client of the test's own, following the slot map like the app's. */
let admin: Cluster;

/** A small real module with golang.org/x/text pinned back, so an upgrade is due. */
const SMALL = {
  'go.mod': 'module example.com/small\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n',
  'main.go': 'package main\n\nimport "golang.org/x/text/language"\n\nfunc main() { _ = language.English }\n',
};

beforeAll(async () => {
  cluster = await startLocalCluster();
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-src-'));
  try {
    await writeTree(dir, SMALL);
    fake = await FakeRepo.fromDir(dir, { owner: 'acme', name: 'clustered', id: 9301, installationId: INSTALLATION });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  app = await startTestApp({
    // The URL's host is not used on a cluster (the nodes are); the harness's own client reads it.
    redisUrl: `redis://127.0.0.1:${cluster.ports[0]}`,
    prefix: DEFAULT_PREFIX,
    pipeline: { cloneUrl: () => fake.store.dir },
    env: { REDIS_CLUSTER_NODES: cluster.nodes.join(','), APP_SLUG: 'gomod-steward', SHUTDOWN_GRACE_SECONDS: '5' },
  });
  app.gh.fallback((req) => fake.handler(req));
  admin = new Cluster(cluster.nodes.map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) })));
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await admin?.quit();
  await fake?.remove();
  await cluster?.stop();
});

/** Every key on each master, by the master's port. */
async function keysByNode(): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const node of admin.nodes('master')) {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    out.set(node.options.port!, keys);
  }
  return out;
}

describe('a cluster configured wrongly', () => {
  const base = { APP_ID: '1', PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: 'x', ROLE: 'web', PORT: '0' };

  it('named as a single server: start-up stops with a line that names REDIS_CLUSTER_NODES', async () => {
    const env = loadEnv({ ...base, REDIS_URL: `redis://127.0.0.1:${cluster.ports[1]}`, LOG_LEVEL: 'fatal' });
    await expect(startRuntime(env, { redisTimeoutMs: 5_000 })).rejects.toThrow(
      new RegExp(
        `^REDIS_URL redis://127\\.0\\.0\\.1:${cluster.ports[1]}: this Redis is a node of a Redis Cluster; name its nodes in REDIS_CLUSTER_NODES`,
      ),
    );
  });

  it('with a database index: refused, by the environment and by the connection check', async () => {
    expect(() =>
      loadEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:6379/2', REDIS_CLUSTER_NODES: cluster.nodes.join(',') }),
    ).toThrow(
      /REDIS_URL: expected no database index with REDIS_CLUSTER_NODES \(a Redis Cluster has database 0 only\), found \/2/,
    );
    const target = { url: 'redis://127.0.0.1:6379/2', clusterNodes: [{ host: '127.0.0.1', port: cluster.ports[0]! }] };
    const conn = createRedis(target, 'producer');
    try {
      await whenReady(conn, 5_000, target);
      expect(await pingRedis(conn, 1_000)).toBe(true);
      await expect(checkDatabase(conn, target)).rejects.toThrow(
        'REDIS_URL redis://127.0.0.1:6379/2 as Redis Cluster of 127.0.0.1:' +
          `${cluster.ports[0]}: database 2 cannot be used on a Redis Cluster, which has database 0 only`,
      );
    } finally {
      await quitRedis(conn);
    }
  });
});

describe('the app on a Redis Cluster', () => {
  it('is ready, its readiness having asked every master', async () => {
    const res = await fetch(`${app.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ redis: 'ok' });
  });

  it('runs a repository on its schedule through to an opened pull request', async () => {
    const ref = { installationId: INSTALLATION, repositoryId: fake.o.id, owner: fake.o.owner, repo: fake.o.name };
    const base = (await fake.branchHead('main'))!;
    await upsertRepoScheduler(app.runtime.queues.plan, ref);
    // The scheduler's next occurrence, started now: exactly the job the schedule would start.
    const id = repoSchedulerId(INSTALLATION, fake.o.id);
    const until = Date.now() + 10_000;
    let next = (await app.runtime.queues.plan.getDelayed()).find((j) => j.repeatJobKey === id);
    while (!next && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      next = (await app.runtime.queues.plan.getDelayed()).find((j) => j.repeatJobKey === id);
    }
    expect(next).toBeDefined();
    await next!.promote();
    // `settled` passes over schedulers' jobs (their next occurrence always waits): wait for this one.
    let state = await next!.getState();
    while (state !== 'completed' && state !== 'failed' && Date.now() < until + 60_000) {
      await new Promise((r) => setTimeout(r, 100));
      state = await next!.getState();
    }
    expect(state).toBe('completed');
    await app.settled(60_000);

    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]!.head).toBe(BRANCH);
    expect(await fake.store.log(BRANCH)).toEqual([(await fake.branchHead(BRANCH))!, base]);
    const [plan] = await app.runtime.queues.plan.getJobs(['completed']);
    expect(plan?.data).toMatchObject({ repositoryId: fake.o.id });
    expect((await app.runtime.queues.publish.getJobs(['completed'])).length).toBe(1);
    expect(app.gh.violations).toEqual([]);
  }, 100_000);

  it('reports the run and the queues on /metrics, read through the cluster', async () => {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(text).toMatch(/^gomod_steward_runs_total\{outcome="pr-opened"\} 1$/m);
    expect(text).toMatch(/^gomod_steward_jobs_total\{queue="publish",outcome="completed"\} 1$/m);
    for (const q of QUEUES)
      expect(text).toMatch(new RegExp(`^gomod_steward_queue_jobs\\{queue="${q}",state="waiting"\\} 0$`, 'm'));
  });

  it('keeps every key in the hash slot of its tagged prefix, on one node', async () => {
    const prefix = keyPrefix(DEFAULT_PREFIX, true);
    expect(prefix).toBe('{gomod-steward}');
    const slot = await admin.cluster('KEYSLOT', prefix);
    const byNode = await keysByNode();
    const all = [...byNode.values()].flat();
    // The run left its traces in every stage's queue, and the scheduler on the plan queue.
    for (const q of ['plan', 'apply', 'publish', 'installation'])
      expect(all.some((k) => k.startsWith(`${prefix}:${q}:`))).toBe(true);
    expect(all).toContain(`${prefix}:plan:repeat`);
    expect(all.filter((k) => !k.startsWith(`${prefix}:`))).toEqual([]);
    const slots = new Set(await Promise.all(all.map((k) => admin.cluster('KEYSLOT', k))));
    expect([...slots]).toEqual([slot]);
    expect([...byNode.values()].filter((keys) => keys.length > 0)).toHaveLength(1);
    // Untagged, the same queues would hash to slots on more than one node.
    const owner = await slotOwners();
    const untagged = await Promise.all(QUEUES.map((q) => admin.cluster('KEYSLOT', `${DEFAULT_PREFIX}:${q}:wait`)));
    expect(new Set(untagged.map((s) => owner(s))).size).toBeGreaterThan(1);
  });

  it('is not ready while a master is down, and ready again once it is back; the healer sees the restart', async () => {
    // The schedule healer on a queue of its own (so the app's workers do not run what it queues).
    const queue = new Queue(INSTALLATION_QUEUE, { connection: admin, prefix: '{healer-check}' });
    const quiet = () => undefined;
    const log = { warn: quiet, info: quiet, debug: quiet, error: quiet } as unknown as Logger;
    const healer = startScheduleHealer({ redis: admin, installationQueue: queue, log }, { checkMs: 3_600_000 });
    try {
      expect(await healer.check()).toBe('redis lost the schedulers');
      // INFO through the cluster client would reach a node at random: the run id must not seem to change.
      for (let i = 0; i < 5; i++) expect(await healer.check()).toBeUndefined();

      const prefixSlot = await admin.cluster('KEYSLOT', keyPrefix(DEFAULT_PREFIX, true));
      const owner = (await slotOwners())(prefixSlot);
      // A master that holds none of the app's keys: readiness must still see it gone. (Not the
      // node the harness's own plain client is connected to.)
      const other = cluster.ports.find((p) => p !== owner && p !== cluster.ports[0])!;
      await cluster.kill(other);
      await new Promise((r) => setTimeout(r, 200));
      const down = await fetch(`${app.baseUrl}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ redis: 'unreachable' });
      await cluster.restart(other);
      const until = Date.now() + 15_000;
      let status = 0;
      while (status !== 200 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await fetch(`${app.baseUrl}/readyz`)).status;
      }
      expect(status).toBe(200);
      expect(await healer.check()).toBe('redis restarted');
    } finally {
      healer.stop();
      await queue.close();
    }
  }, 30_000);
});

/** Which master's port serves a slot, from CLUSTER SLOTS. */
async function slotOwners(): Promise<(slot: number) => number> {
  const ranges = await admin.cluster('SLOTS');
  return (slot) => ranges.find(([lo, hi]) => slot >= lo && slot <= hi)![2]![1];
}
