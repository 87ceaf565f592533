/**
 * GitHub's write spacing holds per installation while installations write side by side: the
 * app's own clients (Probot's Octokit as the runtime builds it, shared per installation by
 * github/app-auth.ts, watched for the primary limit) against the GitHub stand-in, which stamps
 * each request's arrival. Many jobs of one installation writing at once still reach GitHub a
 * second apart; a second installation's writes go in between rather than after them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { loadEnv } from '../../src/env.js';
import { probotAuth } from '../../src/github/app-auth.js';
import { watchPrimaryLimit } from '../../src/server/primary-limit.js';
import { createProbotFor } from '../../src/server/runtime.js';
import { StandIn } from '../stand-in/stand-in.js';
import { testPrivateKey } from '../support/app-harness.js';
import { silentLogger } from '../support/queue-fakes.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));
const APP_ID = 7708;
const A = 51;
const B = 52;
const WRITES = 4;

let redis: Redis;
let gh: StandIn;

beforeAll(async () => {
  redis = redisClient(await isolatedRedisUrl());
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'x' });
  await gh.addRepo(FIXTURE, { owner: 'a', name: 'svc', id: 5101, installationId: A, runner: false });
  await gh.addRepo(FIXTURE, { owner: 'b', name: 'svc', id: 5201, installationId: B, runner: false });
});

afterAll(async () => {
  await redis.quit();
  await gh.stop();
});

describe('write spacing', () => {
  it('keeps one installation’s writes a second apart while another installation writes alongside', async () => {
    const env = loadEnv({
      APP_ID: String(APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: 'x',
      GITHUB_API_URL: gh.apiUrl,
      LOG_LEVEL: 'fatal',
    });
    const auth = watchPrimaryLimit(probotAuth(createProbotFor(env)), {
      redis,
      prefix: uniquePrefix('spacing'),
      log: silentLogger,
    });
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
    const writes = (id: number) =>
      gh.exchanges.filter((e) => e.principal === `installation ${id}` && e.method === 'POST').map((e) => e.at);
    for (const id of [A, B]) {
      const at = writes(id);
      expect(at).toHaveLength(WRITES);
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      // Bottleneck spaces the starts a second apart; arrival adds the event loop's jitter to each,
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
});
