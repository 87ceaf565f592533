/**
 * Comment commands end to end: signed `issue_comment` deliveries (payloads from
 * @octokit/webhooks-examples, moved onto a bot pull request) → the handler → the command queue on
 * the real Redis → GitHub, which is nock checked against its OpenAPI description. The dashboard
 * issue is a stateful fake, so what one command writes the next one reads.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CommandActions, CommandTarget } from '../../src/commands/actions.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { mergeIgnoreRules } from '../../src/ignores/ignore-rules.js';
import { readIgnores } from '../../src/ignores/ignore-store.js';
import { createPlan } from '../../src/planner/plan.js';
import { memoryTree } from '../../src/workspace/tree.js';
import { readState } from '../../src/ignores/dashboard-state.js';
import type { RecordedIgnore } from '../../src/ignores/types.js';
import { mockConfigFile, mockInstallationToken, startTestApp, type TestApp } from '../support/app-harness.js';
import { documentedExample } from '../support/github-openapi.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis.js';
import {
  BOT,
  botPullBody,
  commentPayload,
  FakeIssues,
  mockApp,
  mockPermission,
  mockPull,
  mockPullClosed,
  mockReaction,
  mockReply,
  pullMeta,
  sent,
  SLUG,
  type Repo,
} from '../support/command-github.js';
import { goModText, MemorySource } from '../support/memory-source.js';

const R: Repo = { installationId: 1, repositoryId: 186853002, owner: 'Codertocat', repo: 'Hello-World' };
const M = `@${SLUG}`;

const ONE = pullMeta([
  {
    module: 'github.com/redis/go-redis/v9',
    to: 'v9.7.3',
    kind: 'minor',
    dirs: [{ dir: 'libs/xredis', from: 'v9.0.5' }],
  },
]);
const TWO = pullMeta([
  {
    module: 'github.com/redis/go-redis/v9',
    to: 'v9.7.3',
    kind: 'minor',
    dirs: [{ dir: 'libs/xredis', from: 'v9.0.5' }],
  },
  { module: 'go.uber.org/zap', to: 'v1.27.0', kind: 'minor', dirs: [{ dir: 'services/api', from: 'v1.26.0' }] },
]);

interface Call {
  action: string;
  target?: CommandTarget;
  reason?: string;
}

let app: TestApp;
let calls: Call[];
let issues: FakeIssues;
let commentId = 1000;

function recordingActions(): CommandActions {
  return {
    rebase: async (target) => (
      calls.push({ action: 'rebase', target }),
      { message: 'Rebuilding on `main` with the same versions.' }
    ),
    recreate: async (target) => (calls.push({ action: 'recreate', target }), { message: 'Recreating from scratch.' }),
    rerunImpact: async (target) => (
      calls.push({ action: 'rerunImpact', target }),
      { message: 'The impact workflow was dispatched again.' }
    ),
    replan: async (ref, reason) => (
      calls.push({ action: 'replan', reason }),
      { message: 'The pull request will be rebuilt.' }
    ),
  };
}

async function start(
  o: { env?: Record<string, string>; actions?: CommandActions | null; delayMs?: number; redisUrl?: string } = {},
) {
  calls = [];
  app = await startTestApp({
    env: o.env ?? { APP_SLUG: SLUG },
    ...(o.redisUrl ? { redisUrl: o.redisUrl } : {}),
    ...(o.actions === null ? {} : { commandActions: o.actions ?? recordingActions() }),
  });
  issues = new FakeIssues(R, o.delayMs ?? 0);
  mockInstallationToken(app.gh, R.installationId);
}

let privateRedis: PrivateRedis | undefined;

afterEach(async () => {
  await app.stop();
  await privateRedis?.stop();
  privateRedis = undefined;
});

/** Sends a comment and waits for its job; returns the comment id. */
async function comment(
  body: string,
  extra: { login?: string; userType?: 'User' | 'Bot'; onPull?: boolean } = {},
): Promise<number> {
  const id = ++commentId;
  const res = await app.send('issue_comment', commentPayload(R, { body, commentId: id, ...extra }));
  expect(res.status).toBe(200);
  return id;
}

/** The mocks of a command run on the bot PR by a writer, up to and including the final reaction. */
function expectRun(id: number, o: { meta?: typeof ONE; login?: string; ok?: boolean; closes?: boolean } = {}) {
  mockPull(app.gh, R, { body: botPullBody(o.meta ?? ONE) });
  mockReaction(app.gh, R, id, 'eyes');
  mockPermission(app.gh, R, o.login ?? 'octocat', 'write', 'write');
  if (o.closes) mockPullClosed(app.gh, R);
  mockReply(app.gh, R);
  mockReaction(app.gh, R, id, o.ok === false ? 'confused' : '+1');
}

function replies(): string[] {
  return sent(app.gh, 'POST', '/issues/1/comments').map((b) => (b as { body: string }).body);
}

function reactions(id: number): string[] {
  return sent(app.gh, 'POST', `/comments/${id}/reactions`).map((b) => (b as { content: string }).content);
}

function dashboard(): RecordedIgnore[] {
  const d = issues.issues.find((i) => i.title === 'gomod-steward dashboard');
  return d ? readState(d.body).ignores : [];
}

async function settle() {
  await app.idle();
  app.gh.done();
  issues.done();
}

describe('pipeline commands', () => {
  beforeEach(async () => start());

  it('rebase: 👀, the injected action gets the PR and its metadata, a reply, 👍', async () => {
    const id = await comment(`${M} rebase`);
    expectRun(id);
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['rebase']);
    expect(calls[0]?.target).toMatchObject({
      ref: R,
      meta: ONE,
      requestedBy: 'octocat',
      commentId: id,
      pull: { number: 1, baseRef: 'main', headRef: 'gomod-steward/main/all', author: BOT },
    });
    expect(reactions(id)).toEqual(['eyes', '+1']);
    expect(replies()).toEqual(['@octocat\n\n**`rebase`** — Rebuilding on `main` with the same versions.']);
  });

  it('recreate', async () => {
    const id = await comment(`${M} recreate`);
    expectRun(id);
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['recreate']);
    expect(replies()[0]).toContain('**`recreate`** — Recreating from scratch.');
  });

  it('rerun impact', async () => {
    const id = await comment(`${M} rerun impact`);
    expectRun(id);
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['rerunImpact']);
    expect(replies()[0]).toContain('**`rerun impact`** — The impact workflow was dispatched again.');
  });

  it('help: the command list, and nothing run', async () => {
    const id = await comment(`${M} help`);
    expectRun(id);
    await settle();
    expect(calls).toEqual([]);
    expect(replies()[0]).toContain(`| \`${M} ignore this major version\` |`);
    expect(reactions(id)).toEqual(['eyes', '+1']);
  });

  it('something unknown: the help text and 😕', async () => {
    const id = await comment(`${M} merge <img src=x onerror=alert(1)> @everyone`);
    expectRun(id, { ok: false });
    await settle();
    expect(calls).toEqual([]);
    const [reply] = replies();
    expect(reply).toContain('⚠️ **`merge <img src=x onerror=alert(1)> @everyone`** — I did not understand this.');
    expect(reply).toContain('These are the commands I understand');
    expect(reactions(id)).toEqual(['eyes', 'confused']);
  });

  it('several commands in one comment run in order and get one reply', async () => {
    const id = await comment(`Thanks!\n${M} rebase\n\`\`\`\n${M} recreate\n\`\`\`\n> ${M} recreate\n${M} rerun impact`);
    expectRun(id);
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['rebase', 'rerunImpact']);
    expect(replies()).toHaveLength(1);
  });
});

describe('ignore commands and the dashboard issue', () => {
  beforeEach(async () => start());

  it('ignore this dependency on a one-dependency PR: recorded in a new dashboard issue, the PR closed', async () => {
    const id = await comment(`${M} ignore this dependency`);
    expectRun(id, { closes: true });
    await settle();
    expect(dashboard()).toEqual([
      { dependency: 'github.com/redis/go-redis/v9', by: 'octocat', at: expect.any(String), pr: 1 },
    ]);
    const d = issues.issues[0];
    expect(d).toMatchObject({ number: 1, title: 'gomod-steward dashboard', author: BOT });
    expect(d?.body).toContain(
      '<!-- gomod-steward:box unignore:github.com%2Fredis%2Fgo-redis%2Fv9 --> `github.com/redis/go-redis/v9`: all updates — by octocat on ',
    );
    expect(sent(app.gh, 'PATCH', '/pulls/1')).toEqual([{ state: 'closed' }]);
    expect(calls).toEqual([]);
    expect(replies()[0]).toContain('Every update in this pull request is now ignored, so I am closing it.');
    expect(reactions(id)).toEqual(['eyes', '+1']);
  });

  it('ignore this major/minor/patch version record the target range', async () => {
    for (const [scope, pattern] of [
      ['major', 'v9.*'],
      ['minor', 'v9.7.*'],
      ['patch', 'v9.7.3'],
    ] as const) {
      const id = await comment(`${M} ignore this ${scope} version`);
      expectRun(id, { closes: true });
      await settle();
      expect(dashboard().at(-1)).toMatchObject({ dependency: 'github.com/redis/go-redis/v9', versions: [pattern] });
    }
    expect(dashboard()).toHaveLength(3);
    // One issue holds them all.
    expect(issues.issues).toHaveLength(1);
  });

  it('ignore this … on a PR with several dependencies asks which one', async () => {
    const id = await comment(`${M} ignore this minor version`);
    expectRun(id, { meta: TWO, ok: false });
    await settle();
    expect(dashboard()).toEqual([]);
    expect(issues.issues).toHaveLength(0);
    expect(replies()[0]).toContain(
      'This pull request updates 2 dependencies (`github.com/redis/go-redis/v9`, `go.uber.org/zap`)',
    );
  });

  it('ignore <module> minor on a two-dependency PR: recorded, and the PR rebuilt without it', async () => {
    const id = await comment(`${M} ignore "go.uber.org/zap" minor`);
    expectRun(id, { meta: TWO });
    await settle();
    expect(dashboard()).toEqual([
      { dependency: 'go.uber.org/zap', updateTypes: ['minor'], by: 'octocat', at: expect.any(String), pr: 1 },
    ]);
    expect(calls).toEqual([{ action: 'replan', reason: `command-${id}` }]);
    expect(replies()[0]).toContain(
      '**`ignore go.uber.org/zap minor`** — Ignored `go.uber.org/zap`: minor updates. Recorded in #1.',
    );
  });

  it('ignoring a module this PR does not touch records it and leaves the PR alone; twice is once', async () => {
    for (let i = 0; i < 2; i++) {
      const id = await comment(`${M} ignore golang.org/x/net`);
      expectRun(id);
      await settle();
    }
    expect(dashboard().map((r) => r.dependency)).toEqual(['golang.org/x/net']);
    expect(calls).toEqual([]);
    expect(replies()[1]).toContain('Already ignored: `golang.org/x/net`: all updates.');
  });

  it('unignore <module> and unignore * forget recorded decisions and ask for a new plan', async () => {
    issues.add({ title: 'gomod-steward dashboard', author: BOT, state: 'open', body: '' });
    const seeded: RecordedIgnore[] = [
      { dependency: 'golang.org/x/net', by: 'alice', at: '2026-01-01T00:00:00.000Z', pr: 3 },
      { dependency: 'go.uber.org/zap', updateTypes: ['major'], by: 'alice', at: '2026-01-01T00:00:00.000Z' },
      { dependency: 'github.com/a/b', by: 'bob', at: '2026-01-02T00:00:00.000Z' },
    ];
    const { writeState } = await import('../../src/ignores/dashboard-state.js');
    (issues.issues[0] as { body: string }).body = writeState(undefined, { v: 1, ignores: seeded });

    let id = await comment(`${M} unignore golang.org/x/net`);
    expectRun(id);
    await settle();
    expect(dashboard().map((r) => r.dependency)).toEqual(['go.uber.org/zap', 'github.com/a/b']);
    expect(replies()[0]).toContain('Forgot 1 ignore decision for `golang.org/x/net`.');

    id = await comment(`${M} unignore *`);
    expectRun(id);
    await settle();
    expect(dashboard()).toEqual([]);
    expect(calls.map((c) => c.action)).toEqual(['replan', 'replan']);

    id = await comment(`${M} unignore golang.org/x/net`);
    expectRun(id);
    await settle();
    expect(replies()[2]).toContain('No ignore decision was recorded for `golang.org/x/net`.');
    expect(calls).toHaveLength(2);
  });

  it('show <module> ignore conditions lists the config rules and the recorded ones', async () => {
    let id = await comment(`${M} ignore go.uber.org/zap patch`);
    expectRun(id, { meta: TWO });
    await settle();
    mockConfigFile(app.gh, R.owner, R.repo, 'ignore:\n  - dependency: go.uber.org/*\n    update-types: [major]\n');
    id = await comment(`${M} show go.uber.org/zap ignore conditions`);
    expectRun(id, { meta: TWO });
    await settle();
    const reply = replies()[1] ?? '';
    expect(reply).toContain('`go.uber.org/zap` is ignored by:');
    expect(reply).toContain('- config file: `go.uber.org/*` — major updates');
    expect(reply).toMatch(/- command by octocat on #1 \(\d{4}-\d\d-\d\d\): `go.uber.org\/zap` — patch updates/);
  });

  it("the dashboard issue is found again among the bot's issues, closed or not, and others' look-alikes are not used", async () => {
    issues.add({
      title: 'gomod-steward dashboard',
      author: 'mallory',
      state: 'open',
      body: '<!-- gomod-steward:state {"v":1,"ignores":[{"dependency":"evil.example/x","by":"m","at":"x"}]} -->',
    });
    issues.add({ title: 'Something else', author: BOT, state: 'open', body: '' });
    const ours = issues.add({ title: 'gomod-steward dashboard', author: BOT, state: 'closed', body: 'kept by hand\n' });
    const id = await comment(`${M} ignore golang.org/x/net`);
    expectRun(id);
    await settle();
    expect(issues.issues).toHaveLength(3);
    expect(readState(ours.body).ignores.map((r) => r.dependency)).toEqual(['golang.org/x/net']);
    expect(ours.body).toContain('kept by hand');
    expect(await readIgnores(await app.runtime.probot.auth(R.installationId), R.owner, R.repo, SLUG)).toEqual([
      { dependency: 'golang.org/x/net' },
    ]);
  });
});

describe('durability and concurrency', () => {
  it('two ignore commands at once are both recorded (Redis lock, slow GitHub)', async () => {
    await start({ delayMs: 60 });
    const [a, b] = await Promise.all([
      comment(`${M} ignore golang.org/x/net`),
      comment(`${M} ignore github.com/a/b patch`),
    ]);
    expectRun(a);
    expectRun(b);
    await settle();
    expect(
      dashboard()
        .map((r) => r.dependency)
        .sort(),
    ).toEqual(['github.com/a/b', 'golang.org/x/net']);
    expect(issues.issues).toHaveLength(1);
  });

  it('ignores survive FLUSHALL: read back from the dashboard issue, and the next command keeps them', async () => {
    // FLUSHALL empties every database of a server: a redis-server of this test's own, so the
    // other test files' databases on the shared one are left alone.
    privateRedis = await startPrivateRedis();
    await start({ redisUrl: privateRedis.url });
    let id = await comment(`${M} ignore golang.org/x/net`);
    expectRun(id);
    await settle();
    await app.redis.flushall();
    const github = await app.runtime.probot.auth(R.installationId);
    expect(await readIgnores(github, R.owner, R.repo, SLUG)).toEqual([{ dependency: 'golang.org/x/net' }]);
    id = await comment(`${M} ignore github.com/a/b`);
    expectRun(id);
    await settle();
    expect(dashboard().map((r) => r.dependency)).toEqual(['golang.org/x/net', 'github.com/a/b']);
    expect(issues.issues).toHaveLength(1);

    // The next plan, given the config's rules merged with the recorded ones, leaves both alone.
    await app.redis.flushall();
    const recorded = await readIgnores(github, R.owner, R.repo, SLUG);
    const source = new MemorySource()
      .add('golang.org/x/net', 'v0.1.0', { go: '1.20' })
      .add('golang.org/x/net', 'v0.2.0', { go: '1.20' })
      .add('github.com/a/b', 'v1.0.0', { go: '1.20' })
      .add('github.com/a/b', 'v1.1.0', { go: '1.20' })
      .add('go.uber.org/zap', 'v1.26.0', { go: '1.20' })
      .add('go.uber.org/zap', 'v1.27.0', { go: '1.20' });
    const tree = memoryTree({
      'go.mod': goModText('example.org/shop', {
        go: '1.22',
        require: ['golang.org/x/net v0.1.0', 'github.com/a/b v1.0.0', 'go.uber.org/zap v1.26.0'],
      }),
    });
    const config = { ...defaultConfig(), ignore: mergeIgnoreRules(defaultConfig().ignore, recorded) };
    const plan = await createPlan({ tree, root: '.', config, source });
    expect(plan.updates.map((u) => u.module)).toEqual(['go.uber.org/zap']);
    expect(
      plan.skipped
        .filter((x) => x.reason === 'ignored')
        .map((x) => x.module)
        .sort(),
    ).toEqual(['github.com/a/b', 'golang.org/x/net']);
    const unmerged = await createPlan({ tree, root: '.', config: defaultConfig(), source });
    expect(unmerged.updates).toHaveLength(3);
  });
});

describe('who may command, and where', () => {
  beforeEach(async () => start());

  it('a user with read access gets a polite refusal and nothing runs', async () => {
    const id = await comment(`${M} ignore golang.org/x/net`, { login: 'stranger' });
    mockPull(app.gh, R, { body: botPullBody(ONE) });
    mockReaction(app.gh, R, id, 'eyes');
    mockPermission(app.gh, R, 'stranger', 'read', 'triage');
    mockReply(app.gh, R);
    mockReaction(app.gh, R, id, 'confused');
    await settle();
    expect(replies()).toEqual([
      'Sorry @stranger, only people with write access to this repository can give me commands. A maintainer can repeat the command if it should be done.',
    ]);
    expect(issues.issues).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('a maintainer (legacy permission "write", role "maintain") and an admin may', async () => {
    const id = await comment(`${M} rebase`, { login: 'keeper' });
    mockPull(app.gh, R, { body: botPullBody(ONE) });
    mockReaction(app.gh, R, id, 'eyes');
    mockPermission(app.gh, R, 'keeper', 'write', 'maintain');
    mockReply(app.gh, R);
    mockReaction(app.gh, R, id, '+1');
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['rebase']);
  });

  it('comments by bots, this app included, are not listened to', async () => {
    await comment(`${M} rebase`, { login: BOT, userType: 'Bot' });
    await comment(`${M} rebase`, { login: 'renovate', userType: 'Bot' });
    await app.idle();
    expect(app.gh.requests).toEqual([]);
    expect(await app.runtime.queues.command.getJobCounts('completed', 'waiting', 'active')).toEqual({
      completed: 0,
      waiting: 0,
      active: 0,
    });
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toContain('{event="issue_comment.created",outcome="skipped",reason="bot-author"} 2');
  });

  it('an edited comment is not run again; a redelivered one runs once', async () => {
    const id = ++commentId;
    const created = commentPayload(R, { body: `${M} rebase`, commentId: id });
    expectRun(id);
    expect((await app.send('issue_comment', created)).status).toBe(200);
    expect((await app.send('issue_comment', created)).status).toBe(200);
    expect(
      (await app.send('issue_comment', { ...created, action: 'edited', changes: { body: { from: 'x' } } })).status,
    ).toBe(200);
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['rebase']);
  });

  it('on a PR the bot did not open only help is answered', async () => {
    const human = { author: 'octocat', body: 'My own change' };
    let id = await comment(`${M} rebase`);
    mockPull(app.gh, R, human);
    await settle();
    expect(replies()).toEqual([]);
    expect(calls).toEqual([]);

    // A PR by the bot's login but without metadata (edited away) is not ours either.
    id = await comment(`${M} ignore golang.org/x/net`);
    mockPull(app.gh, R, { body: 'metadata removed' });
    await settle();
    expect(issues.issues).toHaveLength(0);

    id = await comment(`${M} help`);
    mockPull(app.gh, R, human);
    mockReaction(app.gh, R, id, 'eyes');
    mockPermission(app.gh, R, 'octocat', 'admin', 'admin');
    mockReply(app.gh, R);
    mockReaction(app.gh, R, id, '+1');
    await settle();
    expect(replies()[0]).toContain('These are the commands I understand');
  });

  it('a signed but malformed comment payload is refused with a 4xx and queues nothing', async () => {
    const p = commentPayload(R, { body: `${M} rebase`, commentId: ++commentId });
    delete (p['comment'] as Record<string, unknown>)['id'];
    expect((await app.send('issue_comment', p)).status).toBe(400);
    const q = commentPayload(R, { body: `${M} rebase`, commentId: ++commentId, login: 'evil login' });
    expect((await app.send('issue_comment', q)).status).toBe(400);
    await app.idle();
    expect(app.gh.requests).toEqual([]);
    expect(await app.runtime.queues.command.getJobCounts('completed', 'waiting')).toEqual({ completed: 0, waiting: 0 });
  });

  it('comments on plain issues and comments without a mention queue nothing', async () => {
    await comment(`${M} rebase`, { onPull: false });
    await comment('LGTM, thanks @octocat');
    await app.idle();
    expect(app.gh.requests).toEqual([]);
    expect(await app.runtime.queues.command.getJobCounts('completed')).toEqual({ completed: 0 });
  });
});

describe('the app slug', () => {
  it('is read from GET /app when APP_SLUG is not set', async () => {
    await start({ env: {} });
    mockApp(app.gh, 'steward-of-go');
    const id = await comment('@steward-of-go rebase');
    mockPull(app.gh, R, { author: 'steward-of-go[bot]', body: botPullBody(ONE) });
    mockReaction(app.gh, R, id, 'eyes');
    mockPermission(app.gh, R, 'octocat', 'admin', 'admin');
    mockReply(app.gh, R);
    mockReaction(app.gh, R, id, '+1');
    await settle();
    expect(calls.map((c) => c.action)).toEqual(['rebase']);
  });
});

describe("the pipeline's actions (the app's default)", () => {
  it("rebase and recreate queue an apply of the PR's own versions on the current base; recreate discards others' commits", async () => {
    await start({ actions: null });
    // Keep the queued apply jobs for inspection instead of running them.
    await app.runtime.queues.apply.pause();
    const base = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
    for (let i = 0; i < 2; i++) {
      mockConfigFile(app.gh, R.owner, R.repo, null);
      const ref = documentedExample('get', `/repos/${R.owner}/${R.repo}/git/ref/heads%2Fmain`, 200) as Record<
        string,
        unknown
      >;
      app.gh
        .get(`/repos/${R.owner}/${R.repo}/git/ref/heads%2Fmain`)
        .reply(200, { ...ref, ref: 'refs/heads/main', object: { ...(ref['object'] as object), sha: base } });
    }
    const id = await comment(`${M} rebase\n${M} recreate`);
    expectRun(id);
    for (let t = 0; app.gh.pending().length && t < 200; t++) await new Promise((r) => setTimeout(r, 50));
    app.gh.done();
    const jobs = (await app.runtime.queues.apply.getJobs(['waiting'])).sort(
      (a, b) => Number(Boolean(a.data.force)) - Number(Boolean(b.data.force)),
    );
    expect(jobs.map((j) => [j.data.base, j.data.baseSha, j.data.group, j.data.force ?? false])).toEqual([
      ['main', base, 'all', false],
      ['main', base, 'all', true],
    ]);
    for (const j of jobs) expect(j.data.plan.updates).toEqual(ONE.updates);
    const [reply] = replies();
    expect(reply).toContain('with the same versions');
  });
});
