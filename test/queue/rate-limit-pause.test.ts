/**
 * A secondary rate limit pauses that installation, not the job's worker slot and not the other
 * installations (real Redis, the app's own Probot and Octokit against a local GitHub that answers
 * PR creation for one installation with 403 "secondary rate limit" and Retry-After: 30). The
 * limited job ends at once (no sleep, no in-request retry) and goes back to the delayed set until
 * the pause ends; the installation's next job sends nothing meanwhile; another installation's
 * job runs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { Queue, Worker } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import { probotAuth } from '../../src/github/app-auth.js';
import { installationPauseKey } from '../../src/redis/installation-pause.js';
import { pauseOnRateLimit } from '../../src/server/pause-on-rate-limit.js';
import { standInProbot } from '../support/app-harness.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

const LIMITED = 11;
const OTHER = 22;
const EXHAUSTED = 33;
const tokenOf = (id: number) => `ghs_inst${id}`;

let redisUrl: string;
let redis: Redis;
let server: Server;
let apiUrl: string;
const requests: { installationId: number; method: string; path: string; at: number }[] = [];

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = redisClient(redisUrl);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      const token = /^(?:token|bearer) (\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      const minted = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      };
      if (minted && req.method === 'POST') {
        return send(201, {
          token: tokenOf(Number(minted[1])),
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: { pull_requests: 'write' },
          repository_selection: 'all',
        });
      }
      const installationId = [LIMITED, OTHER, EXHAUSTED].find((i) => token === tokenOf(i)) ?? 0;
      requests.push({ installationId, method: req.method ?? '', path, at: Date.now() });
      if (installationId === LIMITED)
        return send(
          403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
          { 'retry-after': '30' },
        );
      if (installationId === EXHAUSTED)
        return send(
          403,
          { message: 'API rate limit exceeded for installation ID 33.', documentation_url: 'https://docs.github.com' },
          {
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30),
          },
        );
      return send(201, { number: 1, html_url: 'https://github.test/pull/1' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  apiUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await redis.quit();
  await new Promise((r) => server.close(r));
});

describe('a secondary rate limit on PR creation', () => {
  const setup = () => {
    const auth = probotAuth(standInProbot(apiUrl, 1));
    const prefix = uniquePrefix('rate-limit');
    const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('publish', { connection, prefix });
    const runs: { id: string; ms: number; outcome: string }[] = [];
    const processor = async (job: { id?: string; data: { installationId: number } }) => {
      const t0 = Date.now();
      try {
        const gh = await auth.installation(job.data.installationId);
        await gh.rest.pulls.create({ owner: 'o', repo: 'r', title: 't', head: 'h', base: 'main' });
        runs.push({ id: String(job.id), ms: Date.now() - t0, outcome: 'ok' });
        return 'opened';
      } catch (err) {
        runs.push({ id: String(job.id), ms: Date.now() - t0, outcome: (err as Error).message });
        throw err;
      }
    };
    const worker: Worker = new Worker('publish', pauseOnRateLimit(processor, { redis, prefix, worker: () => worker }), {
      connection,
      prefix,
      concurrency: 1,
    });
    const data = (installationId: number) => ({ installationId, repositoryId: 1, owner: 'o', repo: 'r' });
    const close = async () => {
      await worker.close(true);
      await queue.close();
      await connection.quit();
    };
    return { prefix, queue, runs, data, close };
  };

  it('pauses only that installation for Retry-After; the job does not sleep; another installation runs', async () => {
    const { prefix, queue, runs, data, close } = setup();
    try {
      await queue.add('publish', data(LIMITED), { jobId: 'limited-1' });
      await queue.add('publish', data(LIMITED), { jobId: 'limited-2' });
      await queue.add('publish', data(OTHER), { jobId: 'other-1' });
      const deadline = Date.now() + 30_000;
      while ((await queue.getJobState('other-1')) !== 'completed') {
        if (Date.now() > deadline) throw new Error(`other-1 did not complete: ${JSON.stringify(runs)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // A few seconds more: nothing of the limited installation may reach GitHub.
      await new Promise((r) => setTimeout(r, 3_000));
      const limitedRequests = requests.filter((r) => r.installationId === LIMITED);
      expect(limitedRequests).toHaveLength(1);
      const limitedAt = limitedRequests[0]!.at;
      // The limited job returned at once: no sleep inside it and no retry of the request.
      const first = runs.find((r) => r.id === 'limited-1');
      expect(first?.ms).toBeLessThan(5_000);
      expect(runs.filter((r) => r.id === 'limited-2')).toEqual([]);
      // Both of its jobs wait for the end of the pause, without an attempt used for it.
      for (const id of ['limited-1', 'limited-2']) {
        const job = await queue.getJob(id);
        expect(await job?.getState()).toBe('delayed');
        expect(job!.timestamp + (job!.delay ?? 0)).toBeGreaterThanOrEqual(limitedAt + 29_000);
        expect(job!.failedReason ?? '').toBe('');
      }
      const pttl = await redis.pttl(installationPauseKey(prefix, LIMITED));
      expect(pttl).toBeGreaterThan(20_000);
      expect(pttl).toBeLessThanOrEqual(30_000);
      expect(await redis.exists(installationPauseKey(prefix, OTHER))).toBe(0);
      expect(requests.filter((r) => r.installationId === OTHER)).toHaveLength(1);
    } finally {
      await close();
    }
  }, 90_000);

  it('an exhausted quota (x-ratelimit-remaining: 0) is not waited out in the request: the job moves back until the reset', async () => {
    const { prefix, queue, runs, data, close } = setup();
    try {
      await queue.add('publish', data(EXHAUSTED), { jobId: 'exhausted-1' });
      const deadline = Date.now() + 30_000;
      while ((await queue.getJobState('exhausted-1')) !== 'delayed' || runs.length === 0) {
        if (Date.now() > deadline) throw new Error(`exhausted-1 was not delayed: ${JSON.stringify(runs)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const sent = requests.filter((r) => r.installationId === EXHAUSTED);
      expect(sent).toHaveLength(1);
      expect(runs[0]?.ms).toBeLessThan(5_000);
      const job = await queue.getJob('exhausted-1');
      expect(job!.timestamp + (job!.delay ?? 0)).toBeGreaterThanOrEqual(sent[0]!.at + 25_000);
      expect(await redis.pttl(installationPauseKey(prefix, EXHAUSTED))).toBeGreaterThan(20_000);
    } finally {
      await close();
    }
  }, 90_000);
});
