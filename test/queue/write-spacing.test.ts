/**
 * GitHub's write spacing holds per installation while installations write side by side: the
 * app's own clients (Probot's Octokit as the runtime builds it, shared per installation by
 * github/app-auth.ts, watched for the primary limit, writes spaced through Redis) against the
 * GitHub stand-in, which stamps each request's arrival. Many jobs of one installation writing at
 * once still reach GitHub a second apart, also from two app runtimes that share only Redis (as
 * two worker processes do); a second installation's writes go in between rather than after them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { reserveWriteSlot } from '../../src/redis/write-slot.js';
import { writeKind } from '../../src/server/write-spacing.js';
import { workerAuth } from '../../src/server/worker-auth.js';
import { StandIn } from '../stand-in/stand-in.js';
import { standInProbot, testPrivateKey } from '../support/app-harness.js';
import type { GitHubAuth } from '../../src/github/app-auth.js';
import { silentLogger } from '../support/queue-fakes.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));
const APP_ID = 7708;
const A = 51;
const B = 52;
const WRITES = 4;

let redis: Redis;
let redisUrl: string;
let gh: StandIn;

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = redisClient(redisUrl);
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'x' });
  await gh.addRepo(FIXTURE, { owner: 'a', name: 'svc', id: 5101, installationId: A, runner: false });
  await gh.addRepo(FIXTURE, { owner: 'b', name: 'svc', id: 5201, installationId: B, runner: false });
});

afterAll(async () => {
  await redis.quit();
  await gh.stop();
});

/** One app runtime's installation clients, as runtime.ts builds them, on its own Redis connection. */
function runtimeAuth(connection: Redis, prefix: string): GitHubAuth {
  return workerAuth(standInProbot(gh.apiUrl, APP_ID), { redis: connection, prefix, log: silentLogger });
}

const writesOf = (id: number, since: number) =>
  gh.exchanges
    .filter((e) => e.principal === `installation ${id}` && e.method === 'POST' && e.at >= since)
    .map((e) => e.at)
    .sort((a, b) => a - b);

describe('write slots', () => {
  it('hands out one installation’s slots a spacing apart, and another installation’s from now', async () => {
    const prefix = uniquePrefix('slots');
    const waits = [];
    for (let i = 0; i < 3; i++) waits.push(await reserveWriteSlot(redis, prefix, 'write', A, 1_000));
    expect(waits[0]).toBe(0);
    // Each reservation is the last one's slot plus the spacing, less the few ms between the calls.
    expect(waits[1]).toBeGreaterThan(900);
    expect(waits[1]).toBeLessThanOrEqual(1_000);
    expect(waits[2]).toBeGreaterThan(1_900);
    expect(await reserveWriteSlot(redis, prefix, 'write', B, 1_000)).toBe(0);
    expect(await reserveWriteSlot(redis, prefix, 'notify', A, 3_000)).toBe(0);
    // The key expires a few seconds after its last slot: nothing is left behind for an idle installation.
    const ttl = await redis.pttl(`${prefix}:write-slot:${A}`);
    expect(ttl).toBeGreaterThan(2_000);
    expect(ttl).toBeLessThanOrEqual(3_000 + 5_000);
  });

  it('spaces writes only, and notifying writes longer', () => {
    expect(writeKind('GET', '/repos/{owner}/{repo}/pulls')).toEqual({ write: false, notify: false });
    expect(writeKind('POST', '/repos/{owner}/{repo}/git/blobs')).toEqual({ write: true, notify: false });
    expect(writeKind('POST', '/repos/{owner}/{repo}/pulls')).toEqual({ write: true, notify: true });
    expect(writeKind('POST', '/repos/a/svc/issues/3/comments')).toEqual({ write: true, notify: true });
    expect(writeKind('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge')).toEqual({ write: true, notify: true });
    expect(writeKind('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}')).toEqual({ write: true, notify: false });
    expect(writeKind('POST', '/graphql')).toEqual({ write: true, notify: false });
    expect(writeKind('POST', '/app/installations/{installation_id}/access_tokens')).toEqual({
      write: false,
      notify: false,
    });
  });
});

describe('write spacing', () => {
  it('keeps one installation’s writes a second apart while another installation writes alongside', async () => {
    const auth = runtimeAuth(redis, uniquePrefix('spacing'));
    // Jobs of both installations at once, each asking for its installation's client and writing.
    const job = async (installationId: number, owner: string, i: number) => {
      const client = await auth.installation(installationId);
      await client.rest.git.createBlob({ owner, repo: 'svc', content: `blob ${owner} ${i}\n`, encoding: 'utf-8' });
    };
    const t0 = Date.now();
    await Promise.all([
      ...Array.from({ length: WRITES }, (_, i) => job(A, 'a', i)),
      ...Array.from({ length: WRITES }, (_, i) => job(B, 'b', i)),
    ]);
    const took = Date.now() - t0;
    const writes = (id: number) => writesOf(id, t0);
    for (const id of [A, B]) {
      const at = writes(id);
      expect(at).toHaveLength(WRITES);
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      // The slots are a second apart; arrival adds the event loop's jitter to each,
      // so one gap may look shorter, never the run of them.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(700);
      expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual((WRITES - 1) * 1000 - 250);
    }
    // Side by side: the installations' writes interleave, and the whole took about one
    // installation's share (eight writes one after the other would take seven seconds).
    expect(Math.min(...writes(B))).toBeLessThan(Math.max(...writes(A)));
    expect(took).toBeLessThan(2 * WRITES * 1000 - 1500);
    expect(gh.violations).toEqual([]);
  }, 30_000);

  it('keeps the spacing across two runtimes that share only Redis, and does not hold back another installation', async () => {
    const prefix = uniquePrefix('shared');
    // Two runtimes as two worker processes would be: their own Probot, clients and Redis connection.
    const other = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    try {
      const one = runtimeAuth(redis, prefix);
      const two = runtimeAuth(other, prefix);
      // Tokens first, so the writes below race each other and not the token requests.
      await Promise.all([one.installation(A), two.installation(A), two.installation(B)]);
      const job = async (auth: GitHubAuth, installationId: number, owner: string, tag: string) => {
        const client = await auth.installation(installationId);
        await client.rest.git.createBlob({ owner, repo: 'svc', content: `blob ${tag}\n`, encoding: 'utf-8' });
      };
      const t0 = Date.now();
      await Promise.all([
        job(one, A, 'a', 'one-1'),
        job(one, A, 'a', 'one-2'),
        job(two, A, 'a', 'two-1'),
        job(two, A, 'a', 'two-2'),
        job(two, B, 'b', 'two-b1'),
        job(two, B, 'b', 'two-b2'),
      ]);
      const a = writesOf(A, t0);
      const b = writesOf(B, t0);
      expect(a).toHaveLength(4);
      expect(b).toHaveLength(2);
      // Consecutive writes of installation A, whichever runtime sent them, are a second apart
      // (less arrival jitter); unshared limiters would have let both runtimes write at once.
      for (const gap of a.slice(1).map((t, i) => t - a[i]!)) expect(gap).toBeGreaterThanOrEqual(800);
      expect(a.at(-1)! - a[0]!).toBeGreaterThanOrEqual(3 * 1000 - 250);
      // B's writes keep their own second and are not queued behind A's four.
      expect(b[0]! - t0).toBeLessThan(700);
      expect(b[1]! - b[0]!).toBeGreaterThanOrEqual(800);
      expect(b[1]!).toBeLessThan(a.at(-1)! - 1000);
      expect(gh.violations).toEqual([]);
    } finally {
      await other.quit();
    }
  }, 30_000);
});
