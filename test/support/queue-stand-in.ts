/**
 * The setup the queue tests that talk to GitHub share: a private Redis and a GitHub stand-in
 * whose installations each hold one small repository `<owner>/svc` (the retry-service fixture,
 * no Actions runner).
 */
import type { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import { StandIn } from '../stand-in/stand-in.js';
import { testPrivateKey } from './app-harness.js';
import { isolatedRedisUrl, redisClient } from './redis.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));

export interface QueueStandIn {
  redisUrl: string;
  redis: Redis;
  gh: StandIn;
}

export async function startQueueStandIn(
  appId: number,
  repos: readonly { owner: string; id: number; installationId: number }[],
): Promise<QueueStandIn> {
  const redisUrl = await isolatedRedisUrl();
  const redis = redisClient(redisUrl);
  const gh = await StandIn.start({ appId, privateKey: testPrivateKey(), webhookSecret: 'x' });
  for (const r of repos) await gh.addRepo(FIXTURE, { ...r, name: 'svc', runner: false });
  return { redisUrl, redis, gh };
}

export async function stopQueueStandIn(t: Pick<QueueStandIn, 'redis' | 'gh'>): Promise<void> {
  await t.redis.quit();
  await t.gh.stop();
}
