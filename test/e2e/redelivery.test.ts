/**
 * A delivery refused during a Redis outage is not lost: the app (its own process, on a private
 * redis-server that the test stops and brings back empty) answers 500 while Redis is down;
 * once Redis is back its worker notices the empty keyspace, reconciles, finds the failed
 * delivery in GitHub's record (the stand-in's `GET /app/hook/deliveries`) and has it redelivered
 * once (`POST /app/hook/deliveries/{id}/attempts`); the redelivery is processed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { startPrivateRedis, type PrivateRedis } from '../support/redis.js';
import { addRepositories, install } from '../stand-in/events.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { startScenario, type Scenario } from '../stand-in/scenario.js';

const INSTALLATION = 78;
const RETRY_SERVICE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));

let redis: PrivateRedis;
let s: Scenario;
let first: FakeRepo;

beforeAll(async () => {
  redis = await startPrivateRedis();
  s = await startScenario({ redisUrl: redis.url });
  first = await s.gh.addRepo(RETRY_SERVICE, { owner: 'acme', name: 'first', id: 9101, installationId: INSTALLATION });
}, 120_000);

afterAll(async () => {
  await s?.stop();
  await redis?.stop();
});

/** Repository schedulers of the plan queue (each repository also has its daily security check). */
async function repoSchedulers(): Promise<number> {
  const all = await s.watch
    .queue('plan')
    .getJobSchedulers()
    .catch(() => []);
  return all.filter((j) => j.name !== 'security').length;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms\n${(await s.app.log()).slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('redelivery after a Redis outage', () => {
  it('a delivery answered 500 while Redis was down is redelivered once and processed after Redis is back', async () => {
    expect((await install(s.gh, INSTALLATION)).delivered).toBe(true);
    await s.until(async () => (await repoSchedulers()) === 1, 'first scheduler');

    await redis.stop();
    const second = await s.gh.addRepo(RETRY_SERVICE, {
      owner: 'acme',
      name: 'second',
      id: 9102,
      installationId: INSTALLATION,
    });
    const refused = await addRepositories(s.gh, INSTALLATION, [second]);
    expect(refused.delivered).toBe(false);
    expect(refused.attempts.map((a) => a.status)).toEqual([500]);

    await redis.restart();
    await until('the refused delivery redelivered and accepted', () => refused.delivered, 90_000);
    expect(refused.attempts.map((a) => [a.status, a.redelivery])).toEqual([
      [500, false],
      [200, true],
    ]);
    await until('both repositories scheduled', async () => (await repoSchedulers()) === 2, 60_000);
    // Once each: later reconciliations see the redelivery and ask for nothing more.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(refused.attempts).toHaveLength(2);
    expect(s.gh.webhooks.deliveries.filter((d) => d.attempts.some((a) => a.redelivery))).toEqual([refused]);
    expect(s.gh.violations).toEqual([]);
    void first;
  }, 240_000);
});
