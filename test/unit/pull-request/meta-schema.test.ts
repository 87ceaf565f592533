/**
 * The PR metadata block is outside input (anyone with write access can edit a PR body): one zod
 * schema decides what is ours. A block with missing fields, wrong types or a foreign `impact` is
 * rejected, reported to the caller's log, and the PR is then treated as not the bot's: the
 * bot-pull lookup has no metadata for it, commands do not act on it, and it declines no version.
 */
import { describe, expect, it } from '@jest/globals';
import type { GitHubClient } from '../../../src/github/app-auth.js';
import { runCommands, type CommandActions } from '../../../src/commands/index.js';
import { declinedVersions } from '../../../src/pull-request/declined.js';
import { findOpenBotPull, getBotPull } from '../../../src/pull-request/bot-pull.js';
import { parseMeta, pullMetaSchema, readMeta, renderMeta, type PullMeta } from '../../../src/pull-request/meta.js';
import { silentLogger } from '../../support/queue-fakes.js';

const SLUG = 'gomod-steward';

const meta: PullMeta = {
  v: 1,
  base: 'main',
  group: 'all',
  baseSha: 'a'.repeat(40),
  headSha: 'b'.repeat(40),
  updates: [{ module: 'github.com/x/y', to: 'v1.2.0', kind: 'minor', dirs: [{ dir: 'svc/a', from: 'v1.1.0' }] }],
  affected: ['svc/a'],
  services: ['svc/a'],
  impact: {
    headSha: 'b'.repeat(40),
    correlationId: 'gs-0123456789abcdef',
    checkRunId: 7,
    runIds: [1],
    status: 'completed',
    conclusion: 'success',
    results: [{ service: 'svc/a', conclusion: 'success', durationMs: 1000, url: 'https://example.com/log' }],
  },
};

/** A raw block, exactly as someone could hand-edit it into a PR body. */
const block = (value: unknown) => `<!-- gomod-steward:meta ${JSON.stringify(value)} -->`;
const { impact, ...withoutImpact } = meta;

const malformed: Record<string, unknown> = {
  'missing headSha': { ...meta, headSha: undefined },
  'missing updates': { ...meta, updates: undefined },
  'an update without dirs': { ...meta, updates: [{ module: 'm', to: 'v1.0.0', kind: 'minor' }] },
  'a version number instead of a string': { ...meta, updates: [{ ...meta.updates[0]!, to: 120 }] },
  'an unknown update kind': { ...meta, updates: [{ ...meta.updates[0]!, kind: 'huge' }] },
  'services as a string': { ...meta, services: 'svc/a' },
  'another version': { ...meta, v: 2 },
  'junk at the top level': { ...meta, automerge: true },
  'junk in an update': { ...meta, updates: [{ ...meta.updates[0]!, force: true }] },
  'mayBreak as a string': { ...meta, updates: [{ ...meta.updates[0]!, mayBreak: 'yes' }] },
  'mayBreak false (the app writes true or leaves it out)': {
    ...meta,
    updates: [{ ...meta.updates[0]!, mayBreak: false }],
  },
  'impact with an unknown status': { ...withoutImpact, impact: { ...impact, status: 'done' } },
  'impact with an unknown conclusion': { ...withoutImpact, impact: { ...impact, conclusion: 'great' } },
  'impact with junk': { ...withoutImpact, impact: { ...impact, merge: 'now' } },
  'impact without a correlation id': { ...withoutImpact, impact: { ...impact, correlationId: undefined } },
  'impact run ids as strings': { ...withoutImpact, impact: { ...impact, runIds: ['1'] } },
  'an impact result with an unknown conclusion': {
    ...withoutImpact,
    impact: { ...impact, results: [{ service: 'svc/a', conclusion: 'fine' }] },
  },
  'an impact result with junk': {
    ...withoutImpact,
    impact: { ...impact, results: [{ service: 'svc/a', conclusion: 'success', extra: 1 }] },
  },
  'impact as a string': { ...withoutImpact, impact: 'passed' },
};

describe('PR metadata schema', () => {
  it('accepts what the app writes, with and without impact, and round-trips it', () => {
    expect(pullMetaSchema.safeParse(meta).success).toBe(true);
    expect(pullMetaSchema.safeParse(withoutImpact).success).toBe(true);
    expect(readMeta(renderMeta(meta))).toEqual(meta);
  });

  it('keeps mayBreak: true on a v0 minor through a round trip', () => {
    const v0: PullMeta = {
      ...meta,
      updates: [
        {
          module: 'example.org/m',
          to: 'v0.37.0',
          kind: 'minor',
          mayBreak: true,
          dirs: [{ dir: 'svc/a', from: 'v0.30.0' }],
        },
      ],
    };
    expect(readMeta(renderMeta(v0))).toEqual(v0);
    expect(parseMeta(block({ ...v0, updates: [{ ...v0.updates[0]!, mayBreak: 'yes' }] }))).toEqual({
      kind: 'rejected',
      reason: expect.stringMatching(/^updates\.0\.mayBreak: /),
    });
  });

  it.each(Object.entries(malformed))('rejects a block with %s', (_name, value) => {
    expect(pullMetaSchema.safeParse(JSON.parse(JSON.stringify(value))).success).toBe(false);
    expect(parseMeta(`body\n\n${block(value)}`).kind).toBe('rejected');
    expect(readMeta(block(value))).toBeUndefined();
  });

  it('tells "no block" from "a block that is not ours", and reports the latter to the log', () => {
    expect(parseMeta('just a PR')).toEqual({ kind: 'none' });
    expect(parseMeta('<!-- gomod-steward:meta {"v":1 -->').kind).toBe('rejected');
    const warned: unknown[] = [];
    const log = { warn: (obj: object, msg: string) => void warned.push([obj, msg]) };
    expect(readMeta('just a PR', log)).toBeUndefined();
    expect(warned).toEqual([]);
    expect(readMeta(block(malformed['impact with junk']), log, { pr: 3 })).toBeUndefined();
    expect(warned).toHaveLength(1);
    expect(warned[0]).toEqual([
      expect.objectContaining({ pr: 3, reason: expect.any(String) }),
      expect.stringContaining('not treated as ours'),
    ]);
  });
});

/** One pull request as GitHub answers for it; only the fields the app reads. */
function pullData(body: string, number = 5) {
  return {
    number,
    node_id: 'PR_1',
    title: 'chore(deps): upgrade Go dependencies',
    body,
    state: 'open',
    user: { login: `${SLUG}[bot]` },
    base: { ref: 'main', repo: { full_name: 'acme/shop' } },
    head: { ref: 'gomod-steward/main/all', sha: 'b'.repeat(40), repo: { full_name: 'acme/shop' } },
    labels: [],
    merged_at: null as string | null,
  };
}

/** Just enough of an Octokit for the reads these paths make; every other call fails the test. */
function fakeGitHub(pulls: ReturnType<typeof pullData>[], calls: string[]): GitHubClient {
  const fail = (name: string) => () => {
    calls.push(name);
    throw new Error(`unexpected call: ${name}`);
  };
  const list = async () => ({ data: pulls });
  return {
    rest: {
      pulls: { get: async () => ({ data: pulls[0] }), list, update: fail('pulls.update') },
      reactions: { createForIssueComment: fail('reactions') },
      issues: { createComment: fail('issues.createComment') },
    },
    paginate: async (
      _fn: unknown,
      _params: unknown,
      map?: (res: { data: unknown[] }, done: () => void) => unknown[],
    ) => (map ? map({ data: pulls }, () => undefined) : pulls),
  } as unknown as GitHubClient;
}

describe('a PR whose metadata block is hand-edited out of shape', () => {
  const edited = `Summary\n\n${block(malformed['impact with an unknown status'])}`;

  it('has no metadata when looked up as a bot pull', async () => {
    const github = fakeGitHub([pullData(edited)], []);
    expect((await getBotPull(github, 'acme', 'shop', 5, silentLogger)).meta).toBeUndefined();
    expect(
      (await findOpenBotPull(github, 'acme', 'shop', 'gomod-steward/main/all', silentLogger))?.meta,
    ).toBeUndefined();
    const good = fakeGitHub([pullData(renderMeta(meta))], []);
    expect((await getBotPull(good, 'acme', 'shop', 5)).meta).toEqual(meta);
  });

  it('is not acted on by commands: only help would be answered there', async () => {
    const calls: string[] = [];
    const acted: string[] = [];
    const actions = new Proxy({}, { get: (_t, name) => async () => void acted.push(String(name)) }) as CommandActions;
    const result = await runCommands(
      {
        github: fakeGitHub([pullData(edited)], calls),
        redis: {} as never,
        prefix: 'p',
        appSlug: SLUG,
        actions,
        log: silentLogger,
      },
      {
        ref: { installationId: 1, repositoryId: 2, owner: 'acme', repo: 'shop' },
        pullNumber: 5,
        commentId: 9,
        author: 'octocat',
        body: `@${SLUG} rebase`,
      },
    );
    expect(result).toEqual({ outcome: 'not-our-pull' });
    expect(acted).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('declines no version when closed unmerged', async () => {
    const closed = { ...pullData(edited), state: 'closed' };
    const fine = {
      ...pullData(renderMeta({ ...meta, updates: [{ ...meta.updates[0]!, module: 'github.com/ok/ok' }] }), 6),
      state: 'closed',
    };
    const declined = await declinedVersions(fakeGitHub([closed, fine], []), 'acme', 'shop', 'main', silentLogger);
    expect([...declined]).toEqual(['github.com/ok/ok@v1.2.0']);
  });
});
