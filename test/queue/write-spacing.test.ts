/**
 * GitHub's write spacing holds per installation while installations write side by side: the
 * app's own clients (Probot's Octokit as the runtime builds it, shared per installation by
 * github/app-auth.ts, watched for the primary limit, writes spaced through Redis) against the
 * GitHub stand-in, which stamps each request's arrival. Many jobs of one installation writing at
 * once still reach GitHub a second apart, also from two app runtimes that share only Redis (as
 * two worker processes do); a second installation's writes go in between rather than after them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { finishWrite, reserveWriteSlot, startWrite, writeSlotKey } from '../../src/redis/write-slot.js';
import { spaceWrites, writeKind } from '../../src/server/write-spacing.js';
import { workerAuth } from '../../src/server/worker-auth.js';
import type { StandIn } from '../stand-in/stand-in.js';
import { standInProbot } from '../support/app-harness.js';
import { probotAuth, type GitHubAuth } from '../../src/github/app-auth.js';
import { silentLogger } from '../support/queue-fakes.js';
import { startQueueStandIn, stopQueueStandIn } from '../support/queue-stand-in.js';
import { uniquePrefix } from '../support/redis.js';

const APP_ID = 7708;
const A = 51;
const B = 52;
const WRITES = 4;

let redis: Redis;
let redisUrl: string;
let gh: StandIn;

beforeAll(async () => {
  ({ redisUrl, redis, gh } = await startQueueStandIn(APP_ID, [
    { owner: 'a', id: 5101, installationId: A },
    { owner: 'b', id: 5201, installationId: B },
  ]));
});

afterAll(async () => {
  await stopQueueStandIn({ redis, gh });
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

const SPACING = { writeMs: 1_000, notifyMs: 3_000 };

describe('write slots', () => {
  it('hands out one installation’s slots a spacing apart, and another installation’s from now', async () => {
    const prefix = uniquePrefix('slots');
    const waits = [];
    for (let i = 0; i < 3; i++)
      waits.push(await reserveWriteSlot(redis, prefix, A, { notify: false, spacing: SPACING }));
    expect(waits[0]).toBe(0);
    // Each reservation is the last one's slot plus the spacing, less the few ms between the calls.
    expect(waits[1]).toBeGreaterThan(900);
    expect(waits[1]).toBeLessThanOrEqual(1_000);
    expect(waits[2]).toBeGreaterThan(1_900);
    expect(await reserveWriteSlot(redis, prefix, B, { notify: false, spacing: SPACING })).toBe(0);
    // A notifying write is a write too: it lines up behind A's writes, and the next notifying one 3 s after it.
    const notify = await reserveWriteSlot(redis, prefix, A, { notify: true, spacing: SPACING });
    expect(notify).toBeGreaterThan(2_900);
    const secondNotify = await reserveWriteSlot(redis, prefix, A, { notify: true, spacing: SPACING });
    expect(secondNotify - notify).toBeGreaterThan(2_900);
    // The key expires a few seconds after its last slot: nothing is left behind for an idle installation.
    const ttl = await redis.pttl(writeSlotKey(prefix, A));
    expect(ttl).toBeGreaterThan(secondNotify);
    expect(ttl).toBeLessThanOrEqual(secondNotify + 3_000 + 5_000);
  });

  it('lets a write start only while none is in flight, and a spacing after the last answer', async () => {
    const prefix = uniquePrefix('start');
    const first = await startWrite(redis, prefix, A, { notify: false, spacing: SPACING });
    if (!('startedAt' in first)) throw new Error('the first write must start at once');
    // In flight: the next waits, whatever was reserved, and asks again soon.
    const held = await startWrite(redis, prefix, A, { notify: false, spacing: SPACING });
    expect(held).toEqual({ waitMs: expect.any(Number) });
    expect((held as { waitMs: number }).waitMs).toBeLessThanOrEqual(100);
    // Answered: the next may start a spacing after the answer.
    await finishWrite(redis, prefix, A, { startedAt: first.startedAt, notify: false, spacing: SPACING });
    const after = await startWrite(redis, prefix, A, { notify: false, spacing: SPACING });
    expect((after as { waitMs: number }).waitMs).toBeGreaterThan(900);
    expect((after as { waitMs: number }).waitMs).toBeLessThanOrEqual(1_000);
    // Another installation is not held back.
    expect(await startWrite(redis, prefix, B, { notify: false, spacing: SPACING })).toEqual({
      startedAt: expect.any(Number),
    });
    // A finish that is not the holder's (a write whose lease ran out) frees nothing.
    const second = await startWrite(redis, prefix, B, { notify: false, spacing: SPACING });
    expect(second).toEqual({ waitMs: expect.any(Number) });
    await finishWrite(redis, prefix, B, { startedAt: 1, notify: false, spacing: SPACING });
    expect(await startWrite(redis, prefix, B, { notify: false, spacing: SPACING })).toEqual({
      waitMs: expect.any(Number),
    });
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

  /** Arrivals of installation A's requests of `method` since `since`, as GitHub saw them: start, answer, status. */
  const arrivalsOf = (since: number, method = 'POST') =>
    gh.exchanges
      .filter((e) => e.principal === `installation ${A}` && e.method === method && e.at >= since)
      .sort((x, y) => x.at - y.at);
  const gapsOf = (at: number[]) => at.slice(1).map((t, i) => t - at[i]!);

  it('gives a write the retry plugin sends again after a 5xx a slot of its own', async () => {
    // Slots 1.5 s apart, so the retry plugin's backoff (one second) is not a multiple of them.
    const spacing = { writeSpacingMs: 1_500 };
    const auth = spaceWrites(probotAuth(standInProbot(gh.apiUrl, APP_ID)), {
      redis,
      prefix: uniquePrefix('retry'),
      ...spacing,
    });
    const client = await auth.installation(A);
    // The first blob's first attempt gets a 502; the retry plugin sends it again a second later,
    // half a slot before the next write's: without a slot of its own the two would reach GitHub
    // half the spacing apart.
    gh.faults.serverError('POST', /^\/repos\/a\/svc\/git\/blobs$/, 1);
    const blob = (tag: string) =>
      client.rest.git.createBlob({ owner: 'a', repo: 'svc', content: `retry ${tag}\n`, encoding: 'utf-8' });
    const t0 = Date.now();
    const first = blob('first');
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([first, blob('second'), blob('third')]);
    const sent = arrivalsOf(t0);
    expect(sent.map((e) => e.status)).toEqual([502, 201, 201, 201]);
    for (const gap of gapsOf(sent.map((e) => e.at))) expect(gap).toBeGreaterThanOrEqual(1_400);
    expect(gh.violations).toEqual([]);
  }, 30_000);

  it('keeps notifying writes three seconds apart as GitHub sees them, behind plain writes queued first', async () => {
    const auth = runtimeAuth(redis, uniquePrefix('notify'));
    const client = await auth.installation(A);
    const blob = (i: number) =>
      client.rest.git.createBlob({ owner: 'a', repo: 'svc', content: `queued ${i}\n`, encoding: 'utf-8' });
    const issue = (i: number) => client.rest.issues.create({ owner: 'a', repo: 'svc', title: `notify ${i}` });
    const t0 = Date.now();
    // Three plain writes take the next three seconds; then two issues. A notifying write's two
    // waits taken one after the other (its notify slot, then a write slot) let the second issue
    // reach GitHub a second after the first.
    const pending: Promise<unknown>[] = [blob(1), blob(2), blob(3)];
    await new Promise((r) => setTimeout(r, 50));
    pending.push(issue(1));
    await new Promise((r) => setTimeout(r, 50));
    pending.push(issue(2));
    await Promise.all(pending);
    const all = arrivalsOf(t0);
    expect(all).toHaveLength(5);
    // The spacing runs from an answer to the next start: at GitHub, never less (but a clock tick).
    for (const gap of gapsOf(all.map((e) => e.at))) expect(gap).toBeGreaterThanOrEqual(995);
    const issues = all.filter((e) => e.path.endsWith('/issues')).map((e) => e.at);
    expect(issues).toHaveLength(2);
    expect(issues[1]! - issues[0]!).toBeGreaterThanOrEqual(2_995);
    expect(gh.violations).toEqual([]);
  }, 30_000);

  it('sends one installation’s writes one after another: none while another is unanswered, a second after its answer', async () => {
    const auth = runtimeAuth(redis, uniquePrefix('serial'));
    const client = await auth.installation(A);
    // GitHub answers the first write after 1.5 s, longer than the spacing.
    gh.faults.slow('POST', /^\/repos\/a\/svc\/git\/blobs$/, 1_500, 1);
    const blob = (tag: string) =>
      client.rest.git.createBlob({ owner: 'a', repo: 'svc', content: `serial ${tag}\n`, encoding: 'utf-8' });
    const t0 = Date.now();
    const first = blob('slow');
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([first, blob('next')]);
    const [slow, next] = arrivalsOf(t0);
    expect(slow!.doneAt - slow!.at).toBeGreaterThanOrEqual(1_400);
    // Not while the first is unanswered, and a spacing after its answer (less a clock tick).
    expect(next!.at - slow!.doneAt).toBeGreaterThanOrEqual(995);
    expect(gh.violations).toEqual([]);
  }, 30_000);
});
