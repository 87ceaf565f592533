/**
 * The ignore store below the commands: the dashboard issue is the durable copy, Redis a cache
 * that may vanish; a write overtaken by someone else's edit is redone on top of it; a broken
 * state block is never overwritten. GitHub is the stateful issues fake (OpenAPI-checked).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { DashboardStateError, readState, writeState } from '../../src/ignores/dashboard-state.js';
import { addRecorded } from '../../src/ignores/ignore-rules.js';
import {
  ignoresReader,
  readIgnoreRecordsCached,
  readIgnores,
  updateIgnores,
  type IgnoreStore,
} from '../../src/ignores/ignore-store.js';
import type { RecordedIgnore } from '../../src/ignores/types.js';
import { BOT, FakeIssues, SLUG, type Repo } from '../support/command-github.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from '../support/redis.js';

const R: Repo = { installationId: 7, repositoryId: 70, owner: 'acme', repo: 'shop' };
const ref = { installationId: R.installationId, repositoryId: R.repositoryId, owner: R.owner, repo: R.repo };

let redis: Redis;
let github: GitHubClient;
let issues: FakeIssues;
let store: IgnoreStore;

const entry = (dependency: string, by = 'octocat'): RecordedIgnore => ({
  dependency,
  by,
  at: '2026-11-21T00:00:00.000Z',
});

beforeAll(async () => {
  redis = redisClient(await isolatedRedisUrl());
});

afterAll(async () => {
  await redis.quit();
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
  github = new ProbotOctokit({
    auth: { token: 'ghs_test' },
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as GitHubClient;
  issues = new FakeIssues(R);
  store = { github, redis, prefix: uniquePrefix('ignores'), appSlug: SLUG };
});

afterEach(() => {
  issues.done();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('the ignore store', () => {
  it('creates the dashboard issue on the first write only, and readIgnores reads it back', async () => {
    expect(await readIgnores(github, R.owner, R.repo, SLUG)).toEqual([]);
    const unchanged = await updateIgnores(store, ref, (c) => c.filter((r) => r.dependency !== 'x.example/y'));
    expect(unchanged.issueNumber).toBeUndefined();
    expect(issues.issues).toHaveLength(0);
    await updateIgnores(store, ref, (c) => addRecorded(c, { ...entry('golang.org/x/net'), updateTypes: ['major'] }));
    expect(issues.issues).toMatchObject([{ title: 'gomod-steward dashboard', author: BOT }]);
    expect(await readIgnores(github, R.owner, R.repo, SLUG)).toEqual([
      { dependency: 'golang.org/x/net', updateTypes: ['major'] },
    ]);
  });

  it('answers from Redis while cached, from GitHub after a flush', async () => {
    await updateIgnores(store, ref, (c) => addRecorded(c, entry('golang.org/x/net')));
    const requests = issues.log.length;
    expect((await readIgnoreRecordsCached(store, ref)).map((r) => r.dependency)).toEqual(['golang.org/x/net']);
    expect(issues.log.length).toBe(requests);
    await redis.flushdb();
    expect((await readIgnoreRecordsCached(store, ref)).map((r) => r.dependency)).toEqual(['golang.org/x/net']);
    expect(issues.log.length).toBeGreaterThan(requests);
  });

  it('a write overtaken by an edit of the issue is redone on top of it, losing neither', async () => {
    await updateIgnores(store, ref, (c) => addRecorded(c, entry('golang.org/x/net')));
    issues.afterNextUpdate = (issue) => {
      // Someone else's write lands right after ours.
      issue.body = writeState(issue.body, {
        v: 1,
        ignores: [entry('golang.org/x/net'), entry('github.com/other/one', 'alice')],
      });
    };
    const result = await updateIgnores(store, ref, (c) => addRecorded(c, entry('github.com/a/b')));
    expect(result.after.map((r) => r.dependency)).toEqual([
      'golang.org/x/net',
      'github.com/other/one',
      'github.com/a/b',
    ]);
    expect(readState(issues.issues[0]?.body).ignores.map((r) => r.dependency)).toEqual([
      'golang.org/x/net',
      'github.com/other/one',
      'github.com/a/b',
    ]);
    expect(issues.log.filter((l) => l.startsWith('PATCH'))).toHaveLength(2);
  });

  it('never overwrites a broken state block', async () => {
    issues.add({
      title: 'gomod-steward dashboard',
      author: BOT,
      state: 'open',
      body: '<!-- gomod-steward:state {"v":1,"ignores":"oops"} -->',
    });
    await expect(updateIgnores(store, ref, (c) => addRecorded(c, entry('golang.org/x/net')))).rejects.toBeInstanceOf(
      DashboardStateError,
    );
    expect(issues.log.filter((l) => l.startsWith('PATCH'))).toEqual([]);
    expect(await redis.keys(`${store.prefix}:lock:*`)).toEqual([]);
  });
});

describe('ignoresReader (the pipeline hook)', () => {
  it('resolves the slug once asked and reads the recorded rules', async () => {
    await updateIgnores(store, ref, (c) => addRecorded(c, entry('golang.org/x/net')));
    let asked = 0;
    const read = ignoresReader(async () => (asked++, SLUG));
    expect(asked).toBe(0);
    expect(await read(github, R.owner, R.repo)).toEqual([{ dependency: 'golang.org/x/net' }]);
    expect(asked).toBe(1);
    // Another app's slug finds no dashboard of its own.
    expect(await ignoresReader(async () => 'other-app')(github, R.owner, R.repo)).toEqual([]);
  });
});
