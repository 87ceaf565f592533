/**
 * A command accepted (the webhook answered 200 and its job queued) survives Redis losing its
 * data: the web process (ROLE=web, its own process, a private redis-server) queues a comment
 * command on a bot PR and one on the dashboard issue; FLUSHALL drops both jobs; a worker process
 * started afterwards reconciles, reads the repository's recent comments back from the stand-in and
 * queues each command again under its webhook job id: each is answered once. A command the app
 * already reacted 👀 to, one from someone without write access and one older than a day are left
 * alone; a later reconciliation answers nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_TITLE } from '../../src/ignores/dashboard-state.js';
import { commandJobId } from '../../src/queues/command-queue.js';
import { dashboardCommentJobId } from '../../src/queues/dashboard-edit-job.js';
import { enqueueReconcile } from '../../src/queues/installation-queue.js';
import { startAppProcess, type AppProcess } from '../stand-in/app-process.js';
import { comment } from '../stand-in/events.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { SCENARIO_APP_ID, startScenario, type Scenario } from '../stand-in/scenario.js';
import { redisClient, startPrivateRedis, type PrivateRedis } from '../support/redis.js';

const INSTALLATION = 79;
const RETRY_SERVICE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));

let redis: PrivateRedis;
let s: Scenario;
let worker: AppProcess | undefined;
let repo: FakeRepo;

beforeAll(async () => {
  redis = await startPrivateRedis();
  s = await startScenario({ redisUrl: redis.url, appEnv: { ROLE: 'web' } });
  repo = await s.gh.addRepo(RETRY_SERVICE, {
    owner: 'acme',
    name: 'cmds',
    id: 9301,
    installationId: INSTALLATION,
    runner: false,
  });
  repo.issues.permissions.set('octo-maintainer', 'write');
  repo.issues.permissions.set('octo-reader', 'read');
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await s?.stop();
  await redis?.stop();
});

const botComments = (n: number) => repo.issues.commentsOn(n).filter((c) => c.user === s.gh.botLogin);

describe('commands recovered from GitHub after Redis lost them', () => {
  it('answers each accepted command once after FLUSHALL; answered, unauthorised and old ones are left alone', async () => {
    const pull = repo.addPull({
      title: 'chore(deps): upgrade Go dependencies',
      body: 'Upgrades.',
      head: 'gomod-steward/main/all',
      user: s.gh.botLogin,
    });
    const dashboard = repo.issues.addIssue(DASHBOARD_TITLE, 'The dashboard.', s.gh.botLogin);
    // Answered before Redis was lost: the app's 👀 is on it.
    const answered = repo.issues.addComment(pull.number, 'octo-maintainer', '@gomod-steward help');
    answered.reactions.push({ content: 'eyes', user: s.gh.botLogin });
    const old = repo.issues.addComment(pull.number, 'octo-maintainer', '@gomod-steward help');
    old.createdAt = new Date(Date.now() - 25 * 3600_000).toISOString();
    const stranger = await comment(s.gh, repo, pull.number, 'octo-reader', '@gomod-steward help');
    expect(stranger.delivered).toBe(true);

    const onPull = await comment(s.gh, repo, pull.number, 'octo-maintainer', '@gomod-steward help');
    const onDashboard = await comment(s.gh, repo, dashboard.number, 'octo-maintainer', '@gomod-steward help');
    expect(onPull.delivered && onDashboard.delivered).toBe(true);
    const [pullCommand, dashboardCommand] = [pull.number, dashboard.number].map((n) =>
      repo.issues.commentsOn(n).at(-1)!,
    );
    const commands = s.watch.queue('command');
    expect(await commands.getJob(commandJobId(pullCommand!.id))).toBeDefined();
    expect(await commands.getJob(dashboardCommentJobId(dashboardCommand!.id))).toBeDefined();

    const client = redisClient(redis.url);
    await client.flushall();
    await client.quit();
    expect(await commands.getJob(commandJobId(pullCommand!.id))).toBeUndefined();

    // A worker starts on the empty Redis: its start-up reconciliation finds the two commands.
    worker = await startAppProcess({
      appId: SCENARIO_APP_ID,
      privateKey: s.secrets.privateKey,
      webhookSecret: s.secrets.webhookSecret,
      githubApiUrl: s.gh.apiUrl,
      redisUrl: redis.url,
      env: { ROLE: 'worker' },
    });
    await s.until(
      () => botComments(pull.number).length >= 1 && botComments(dashboard.number).length >= 1,
      'both commands answered',
      { timeoutMs: 90_000 },
    );
    const eyes = (c: { reactions: { content: string; user: string }[] }) =>
      c.reactions.filter((r) => r.content === 'eyes' && r.user === s.gh.botLogin).length;
    expect(eyes(pullCommand!)).toBe(1);
    expect(eyes(dashboardCommand!)).toBe(1);
    expect(botComments(pull.number)).toHaveLength(1);
    expect(botComments(pull.number)[0]!.body).toContain('@octo-maintainer');
    expect(botComments(dashboard.number)).toHaveLength(1);
    // Left alone: the answered one (its 👀 only), the old one, the one without write access.
    expect(answered.reactions).toHaveLength(1);
    expect(old.reactions).toHaveLength(0);
    const strangerComment = repo.issues.commentsOn(pull.number).find((c) => c.user === 'octo-reader')!;
    expect(strangerComment.reactions).toHaveLength(0);

    // Another reconciliation: every command now carries the app's 👀, so nothing runs again.
    await enqueueReconcile(s.watch.queue('installation'));
    await s.until(async () => (await s.watch.queue('installation').getCompletedCount()) >= 2, 'second reconcile', {
      timeoutMs: 60_000,
    });
    expect(botComments(pull.number)).toHaveLength(1);
    expect(botComments(dashboard.number)).toHaveLength(1);
    expect(s.gh.violations).toEqual([]);
  }, 240_000);
});
