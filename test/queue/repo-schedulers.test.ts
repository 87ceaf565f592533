/**
 * The per-repository job schedulers on a real Redis: ids, patterns, time zones, templates with
 * ids only, idempotent upserts, removal of the scheduler and of its pending job. The oracle for
 * timing is cron-parser, the library BullMQ computes next runs with.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import type { Redis } from 'ioredis';
import { cronFor } from '../../src/config/index.js';
import { ensureReconcileScheduler } from '../../src/queues/installation-queue.js';
import {
  getRepoScheduler,
  listRepoSchedulers,
  parseRepoSchedulerId,
  removeInstallationSchedulers,
  removeRepoScheduler,
  repoPattern,
  repoSchedulerId,
  upsertRepoScheduler,
  upsertWithPattern,
} from '../../src/queues/repo-schedulers.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

let redis: Redis;
let plan: Queue;

beforeAll(async () => {
  redis = redisClient(await isolatedRedisUrl());
});

beforeEach(async () => {
  await plan?.close();
  plan = new Queue('plan', { connection: redis, prefix: uniquePrefix('sched') });
});

afterAll(async () => {
  await plan?.close();
  await redis.quit();
});

const ref = (installationId: number, repositoryId: number) => ({
  installationId,
  repositoryId,
  owner: 'acme',
  repo: `r${repositoryId}`,
});

describe('repository schedulers', () => {
  it('ids round-trip and only repository ids parse', () => {
    expect(repoSchedulerId(12, 34)).toBe('repo:12:34');
    expect(parseRepoSchedulerId('repo:12:34')).toEqual({ installationId: 12, repositoryId: 34 });
    for (const other of ['reconcile-daily', 'repo:12', 'repo:a:1', 'repo:1:2:3'])
      expect(parseRepoSchedulerId(other)).toBeUndefined();
  });

  it('the pattern is the schedule with a per-repository second and minute offset, the same for every schedule', () => {
    const [refSecond, refMinute] = repoPattern(77, 'twice-monthly').split(' ').map(Number);
    for (const schedule of ['twice-monthly', 'daily', 'weekly', 'monthly', '30 4 * * 2']) {
      const [second, minute, ...rest] = repoPattern(77, schedule).split(' ');
      const base = cronFor(schedule).split(' ');
      expect(rest).toEqual(base.slice(1));
      expect(Number(second)).toBe(refSecond);
      expect((Number(minute) - Number(base[0]) + 60) % 60).toBe(refMinute);
    }
    // Spread: a hundred repositories do not share a handful of start times.
    const starts = new Set(
      Array.from({ length: 100 }, (_, i) =>
        repoPattern(1000 + i, 'daily')
          .split(' ')
          .slice(0, 2)
          .join(':'),
      ),
    );
    expect(starts.size).toBeGreaterThan(90);
  });

  it('upserting is idempotent: one scheduler, one pending plan job, ids-only data', async () => {
    await upsertRepoScheduler(plan, ref(1, 10));
    await upsertRepoScheduler(plan, ref(1, 10));
    const all = await listRepoSchedulers(plan);
    expect(all).toHaveLength(1);
    const s = all[0];
    expect(s).toMatchObject({ id: 'repo:1:10', installationId: 1, repositoryId: 10, tz: 'UTC', data: ref(1, 10) });
    expect(s?.next).toBe(
      CronExpressionParser.parse(s?.pattern ?? '', { tz: 'UTC', currentDate: new Date(Date.now() - 1000) })
        .next()
        .getTime(),
    );
    const delayed = (await plan.getDelayed()).filter((j) => j.name === 'plan');
    expect(delayed).toHaveLength(1);
    expect(delayed[0]?.name).toBe('plan');
    expect(delayed[0]?.data).toEqual(ref(1, 10));
    expect(delayed[0]?.opts.attempts).toBeGreaterThan(1);
  });

  it('changing the schedule and zone moves the pending job to the new next run', async () => {
    await upsertRepoScheduler(plan, ref(1, 10));
    await upsertRepoScheduler(plan, ref(1, 10), { schedule: 'daily', timezone: 'America/New_York' });
    const s = await getRepoScheduler(plan, 1, 10);
    expect(s?.tz).toBe('America/New_York');
    const next = CronExpressionParser.parse(s?.pattern ?? '', {
      tz: 'America/New_York',
      currentDate: new Date(Date.now() - 1000),
    })
      .next()
      .getTime();
    expect(s?.next).toBe(next);
    const delayed = (await plan.getDelayed()).filter((j) => j.name === 'plan');
    expect(delayed).toHaveLength(1);
    expect((delayed[0]?.timestamp ?? 0) + (delayed[0]?.delay ?? 0)).toBe(next);
  });

  it('removing takes the scheduler and its pending job; removing twice is harmless', async () => {
    await upsertRepoScheduler(plan, ref(1, 10));
    await upsertRepoScheduler(plan, ref(1, 11));
    expect(await removeRepoScheduler(plan, 1, 10)).toBe(true);
    expect(await removeRepoScheduler(plan, 1, 10)).toBe(false);
    expect((await listRepoSchedulers(plan)).map((s) => s.id)).toEqual(['repo:1:11']);
    expect((await plan.getDelayed()).map((j) => `${j.name} ${j.data.repositoryId}`).sort()).toEqual([
      'plan 11',
      'security 11',
    ]);
  });

  it('keeps a daily security scheduler beside each repository scheduler, off when the config says so', async () => {
    await upsertRepoScheduler(plan, ref(1, 10));
    const security = await plan.getJobScheduler('security:1:10');
    expect(security).toMatchObject({ name: 'security', tz: 'UTC', template: { data: ref(1, 10) } });
    expect(security?.pattern?.split(' ').slice(2)).toEqual(['5', '*', '*', '*']);
    await upsertRepoScheduler(plan, ref(1, 10), { schedule: 'weekly', timezone: 'UTC', security: null });
    expect(await plan.getJobScheduler('security:1:10')).toBeUndefined();
    await upsertRepoScheduler(plan, ref(1, 10), { schedule: 'weekly', timezone: 'UTC', security: 'weekly' });
    expect((await plan.getJobScheduler('security:1:10'))?.pattern?.split(' ').slice(2)).toEqual(['5', '*', '*', '1']);
    // A renamed repository: the security job's template follows, its timing stays.
    const before = (await plan.getJobScheduler('security:1:10'))?.pattern;
    await upsertWithPattern(plan, { ...ref(1, 10), repo: 'renamed' }, '0 0 1 * *', 'UTC');
    const after = await plan.getJobScheduler('security:1:10');
    expect(after).toMatchObject({ pattern: before, template: { data: { ...ref(1, 10), repo: 'renamed' } } });
  });

  it('removing an installation takes only its own schedulers, and other schedulers are not listed as repositories', async () => {
    await upsertRepoScheduler(plan, ref(1, 10));
    await upsertRepoScheduler(plan, ref(1, 11));
    await upsertRepoScheduler(plan, ref(2, 20));
    await ensureReconcileScheduler(plan);
    expect((await listRepoSchedulers(plan)).map((s) => s.id).sort()).toEqual(['repo:1:10', 'repo:1:11', 'repo:2:20']);
    expect(await removeInstallationSchedulers(plan, 1)).toBe(2);
    expect((await listRepoSchedulers(plan)).map((s) => s.id)).toEqual(['repo:2:20']);
    // Its own security scheduler stays, and the reconcile scheduler.
    expect(await plan.getJobSchedulersCount()).toBe(3);
  });
});
