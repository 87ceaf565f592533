/**
 * The `command` queue on the real Redis: job ids come from comment ids (a redelivery collapses),
 * data that does not fit fails without retries, and a command whose last attempt fails leaves 😕
 * on the comment instead of a lone 👀.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis as IORedis, type Redis } from 'ioredis';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { planQueueActions } from '../support/plan-queue-actions.js';
import type { GitHubAuth, GitHubClient } from '../../src/github/app-auth.js';
import { createCommandProcessor } from '../../src/pipeline/run-command.js';
import { COMMAND_QUEUE, enqueueCommand, type CommandJobData } from '../../src/queues/command-queue.js';
import { mockReaction, SLUG, type Repo } from '../support/command-github.js';
import { mockGitHub } from '../support/github-openapi.js';
import { silentLogger } from '../support/queue-fakes.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

const R: Repo = { installationId: 9, repositoryId: 90, owner: 'acme', repo: 'shop' };

let redis: Redis;
let redisUrl: string;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = redisClient(redisUrl);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  nock.cleanAll();
  nock.enableNetConnect();
});

afterAll(async () => {
  await redis.quit();
});

const data = (commentId: number, body = `@${SLUG} rebase`): CommandJobData => ({
  ...R,
  pullNumber: 4,
  commentId,
  author: 'octocat',
  body,
});

function setup() {
  const prefix = uniquePrefix('command');
  const workerRedis = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(COMMAND_QUEUE, { connection: redis, prefix });
  const github = new ProbotOctokit({
    auth: { token: 'ghs_test' },
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as GitHubClient;
  const auth: GitHubAuth = { app: async () => github, installation: async () => github };
  const processor = createCommandProcessor({
    auth,
    appSlug: async () => SLUG,
    commandActions: planQueueActions(queue),
    redis: workerRedis,
    prefix,
    log: silentLogger,
  });
  const worker = new Worker(COMMAND_QUEUE, processor, { connection: workerRedis, prefix });
  opened.push(worker, queue, { close: async () => void (await workerRedis.quit()) });
  return { queue, worker };
}

function settled(worker: Worker, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const done = (job: Job | undefined) => {
      if (job?.id === jobId) resolve(job);
    };
    worker.on('completed', done);
    worker.on('failed', done);
  });
}

describe('command queue', () => {
  it('one job per comment, however often it is delivered', async () => {
    const prefix = uniquePrefix('command');
    const queue = new Queue(COMMAND_QUEUE, { connection: redis, prefix });
    opened.push(queue);
    await enqueueCommand(queue, data(77));
    await enqueueCommand(queue, data(77));
    await enqueueCommand(queue, data(78));
    expect((await queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual(['command-77', 'command-78']);
  });

  it('data that does not fit fails at once, without retries', async () => {
    const { queue, worker } = setup();
    const done = settled(worker, 'bad');
    await queue.add('command', { ...data(1), author: '<script>' }, { jobId: 'bad', attempts: 3 });
    const job = await done;
    expect(job.failedReason).toMatch(/command job data does not fit its schema: author/);
    expect(job.attemptsMade).toBe(1);
  });

  it('the last failed attempt marks the comment 😕; earlier ones leave it for the retry', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
    const gh = mockGitHub();
    const failure = { message: 'Server Error', documentation_url: 'https://docs.github.com/rest' };
    gh.get(`/repos/${R.owner}/${R.repo}/pulls/4`).reply(500, failure);
    gh.get(`/repos/${R.owner}/${R.repo}/pulls/4`).reply(500, failure);
    mockReaction(gh, R, 31, 'confused');
    const { queue, worker } = setup();
    const done = settled(worker, 'command-31');
    let failures = 0;
    worker.on('failed', () => failures++);
    await queue.add('command', data(31), { jobId: 'command-31', attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    const job = await done;
    // `settled` saw the first failure; wait for the final one.
    while (failures < 2) await new Promise((r) => setTimeout(r, 20));
    expect(job.id).toBe('command-31');
    gh.done();
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET /repos/${R.owner}/${R.repo}/pulls/4`,
      `GET /repos/${R.owner}/${R.repo}/pulls/4`,
      `POST /repos/${R.owner}/${R.repo}/issues/comments/31/reactions`,
    ]);
  });
});
