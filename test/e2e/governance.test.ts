/**
 * The `gomod-steward / governance` check run, end to end: the app as in production against the
 * GitHub stand-in (every request and reply held to GitHub's OpenAPI description), a real Redis and
 * the real Go toolchain for tidy and go-sum.
 * - a push that adds a committed local replace to a module outside the workspace gets a check
 *   whose annotation sits on that replace's file and line: `neutral` at the default `warning`,
 *   `failure` when the config makes the rule an `error`; the push that fixes it turns it green;
 * - a pull request that changes a go.mod gets the check on its head; one that changes no module
 *   file gets none;
 * - more than 50 findings reach GitHub in batches of at most 50 annotations;
 * - with `license` on, a pull request adding a module whose license is not allowed fails (the
 *   modules are judged against the pull request's base, read through the API);
 * - "Re-run" on a finished check (check_run.rerequested) checks the commit again in a new run,
 *   once however often the request is delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../integration/apply-fixtures.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { writeVulnDb } from '../support/vulndb-fixture.js';
import { pullEvent, pushCommit, rerunCheck } from '../stand-in/events.js';
import type { FakeCheckRun, FakeRepo } from '../stand-in/fake-repo.js';
import { startScenario, type Scenario } from '../stand-in/scenario.js';

const INSTALLATION = 93;
const NAME = 'gomod-steward / governance';
const CONFIG = '.github/gomod-steward.yml';

const A_GO_MOD = 'module example.com/gov/a\n\ngo 1.22\n';
const FILES = {
  'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
  'a/go.mod': A_GO_MOD,
  'a/a.go': 'package a\n\nconst Name = "a"\n',
  'b/go.mod': 'module example.com/gov/b\n\ngo 1.22\n',
  'b/b.go': 'package b\n\nconst Name = "b"\n',
  'tools/go.mod': 'module example.com/gov/tools\n\ngo 1.22\n',
  'tools/tools.go': 'package tools\n\nconst Name = "tools"\n',
};

let s: Scenario;
let repo: FakeRepo;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'governance-e2e-'));
  await writeTree(join(work, 'src'), FILES);
  // An empty vulnerability database of the test's own: the check reads GOVULNDB.
  const vulndb = await writeVulnDb(join(work, 'vulndb'), []);
  s = await startScenario({ redisUrl: await isolatedRedisUrl(), appEnv: { GOVULNDB: vulndb } });
  repo = await s.gh.addRepo(join(work, 'src'), { owner: 'acme', name: 'gov', id: 9401, installationId: INSTALLATION });
}, 60_000);

afterAll(async () => {
  await s?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const checksOn = (sha: string) => repo.checkRuns.filter((c) => c.name === NAME && c.headSha === sha);

async function completedCheck(sha: string, what: string): Promise<FakeCheckRun> {
  await s.until(() => checksOn(sha).some((c) => c.status === 'completed'), what);
  const runs = checksOn(sha);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

/** Module b back to its plain go.mod, for the next test. */
async function resetB(): Promise<void> {
  await pushCommit(s.gh, repo, { files: { 'b/go.mod': 'module example.com/gov/b\n\ngo 1.22\n' }, message: 'b: reset' });
  await s.until(() => true, 'the reset');
}

function lineOf(text: string, prefix: string): number {
  return text.split('\n').findIndex((l) => l.trim().startsWith(prefix)) + 1;
}

describe('pushes to the default branch', () => {
  it('a committed local replace to a module outside the workspace: a warning check at its line; the fix turns it green', async () => {
    const withReplace = `${A_GO_MOD}\nreplace example.com/gov/tools => ../tools\n`;
    const { sha } = await pushCommit(s.gh, repo, {
      files: { 'a/go.mod': withReplace },
      message: 'a: use the local tools',
    });
    const check = await completedCheck(sha, 'the check on the replace');
    // Default config: the rule is a warning, so the check is neutral; tidy and go-sum ran (by Go) and found nothing.
    expect(check.conclusion).toBe('neutral');
    const replace = check.annotations.filter((a) => a.title?.startsWith('replace-local-outside-workspace'));
    expect(replace.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['a/go.mod', lineOf(withReplace, 'replace example.com/gov/tools'), 'warning'],
    ]);
    expect(replace[0]!.message).toContain('replace example.com/gov/tools => ../tools points at tools');
    expect(check.annotations.filter((a) => /^(tidy|go-sum) /.test(a.title ?? ''))).toEqual([]);
    expect(check.output?.summary).toContain('| `replace-local-outside-workspace` | warning | 1 |');

    // The fix: go.work uses the module, so the replace stays inside the workspace.
    const fixed = await pushCommit(s.gh, repo, {
      files: { 'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n\t./tools\n)\n' },
      message: 'go.work: use tools',
    });
    const green = await completedCheck(fixed.sha, 'the check on the fix');
    expect(green.conclusion).toBe('success');
    expect(green.annotations).toEqual([]);
    expect(s.gh.violations).toEqual([]);
  }, 300_000);

  it('with the rule at error in the config, the same replace fails the check (read from the API, no clone)', async () => {
    const config = 'governance:\n  tidy: off\n  go-sum: off\n  replace-local-outside-workspace: error\n';
    const bText = 'module example.com/gov/b\n\ngo 1.22\n\nreplace example.com/gov/x => ../../x\n';
    const { sha } = await pushCommit(s.gh, repo, {
      files: { [CONFIG]: config, 'b/go.mod': bText },
      message: 'b: a replace that leaves the repository',
    });
    const check = await completedCheck(sha, 'the failing check');
    expect(check.conclusion).toBe('failure');
    expect(check.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['b/go.mod', lineOf(bText, 'replace'), 'failure'],
    ]);
    const fixed = await pushCommit(s.gh, repo, {
      files: { 'b/go.mod': 'module example.com/gov/b\n\ngo 1.22\n' },
      message: 'b: drop the replace',
    });
    expect((await completedCheck(fixed.sha, 'the fixed check')).conclusion).toBe('success');
    expect(s.gh.violations).toEqual([]);
  }, 300_000);

  it('more than 50 findings are sent in batches of at most 50 annotations', async () => {
    const replaces = Array.from({ length: 60 }, (_, i) => `replace example.com/gov/r${i} => ../../r${i}`).join('\n');
    const { sha } = await pushCommit(s.gh, repo, {
      files: { 'b/go.mod': `module example.com/gov/b\n\ngo 1.22\n\n${replaces}\n` },
      message: 'b: sixty replaces out of the repository',
    });
    const check = await completedCheck(sha, 'the check with 60 findings');
    expect(check.conclusion).toBe('failure');
    expect(check.annotations).toHaveLength(60);
    expect(Math.max(...check.annotationBatches)).toBeLessThanOrEqual(50);
    // Created without annotations, then two updates: 50, then the last 10 with the conclusion.
    expect(check.annotationBatches).toEqual([0, 50, 10]);
    expect(new Set(check.annotations.map((a) => a.start_line)).size).toBe(60);
    await resetB();
    expect(s.gh.violations).toEqual([]);
  }, 300_000);
});

describe('pull requests', () => {
  async function branch(name: string, files: Record<string, string>): Promise<string> {
    await repo.store.setRef(`refs/heads/${name}`, (await repo.branchHead(repo.defaultBranch))!);
    const { sha } = await pushCommit(s.gh, repo, { branch: name, files, message: `${name}: change` });
    return sha;
  }

  it('a pull request changing a go.mod gets the check on its head; one changing no module file gets none', async () => {
    const bText = 'module example.com/gov/b\n\ngo 1.22\n\nreplace example.com/gov/y => ../../y\n';
    const head = await branch('feature-b', { 'b/go.mod': bText });
    const pr = repo.openPullBy('octo-dev', 'feature-b', repo.defaultBranch, 'b: replace y');
    expect((await pullEvent(s.gh, repo, pr.number, 'opened', 'octo-dev')).delivered).toBe(true);
    const check = await completedCheck(head, 'the check on the pull request head');
    expect(check.conclusion).toBe('failure');
    expect(check.annotations.map((a) => [a.path, a.start_line])).toEqual([['b/go.mod', lineOf(bText, 'replace')]]);

    const docs = await branch('docs', { 'README.md': '# gov\n' });
    const other = repo.openPullBy('octo-dev', 'docs', repo.defaultBranch, 'docs');
    expect((await pullEvent(s.gh, repo, other.number, 'opened', 'octo-dev')).delivered).toBe(true);
    await s.until(() => true, 'the docs pull request handled');
    expect(checksOn(docs)).toEqual([]);
    // Reopened on the same head: the check is already there, not made twice.
    expect((await pullEvent(s.gh, repo, pr.number, 'reopened', 'octo-dev')).delivered).toBe(true);
    await s.until(() => true, 'the reopened pull request handled');
    expect(checksOn(head)).toHaveLength(1);
    // A push to the pull request (synchronize) that points the replace into the workspace: a green check on the new head.
    const { sha: next } = await pushCommit(s.gh, repo, {
      branch: 'feature-b',
      files: { 'b/go.mod': 'module example.com/gov/b\n\ngo 1.22\n\nreplace example.com/gov/a => ../a\n' },
      message: 'b: no replace after all',
    });
    expect((await pullEvent(s.gh, repo, pr.number, 'synchronize', 'octo-dev')).delivered).toBe(true);
    expect((await completedCheck(next, 'the check on the new head')).conclusion).toBe('success');
    expect(s.gh.violations).toEqual([]);
  }, 300_000);

  it('license: a module the pull request adds under a license outside the allow list fails the check', async () => {
    const config =
      'governance:\n  tidy: off\n  go-sum: off\n  workspace-coverage: off\n  replace-local-outside-workspace: off\n' +
      '  license:\n    allow: [MIT]\n';
    await pushCommit(s.gh, repo, { files: { [CONFIG]: config }, message: 'license policy' });
    await s.until(() => true, 'the config push');
    const aText = `${A_GO_MOD}\nrequire (\n\tgithub.com/cespare/xxhash/v2 v2.3.0\n\tgithub.com/google/uuid v1.6.0\n)\n`;
    const head = await branch('deps', { 'a/go.mod': aText });
    const pr = repo.openPullBy('octo-dev', 'deps', repo.defaultBranch, 'a: two dependencies');
    expect((await pullEvent(s.gh, repo, pr.number, 'opened', 'octo-dev')).delivered).toBe(true);
    const check = await completedCheck(head, 'the license check');
    // xxhash is MIT (allowed); uuid is BSD-3-Clause.
    expect(check.conclusion).toBe('failure');
    expect(check.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['a/go.mod', lineOf(aText, 'github.com/google/uuid'), 'failure'],
    ]);
    expect(check.annotations[0]!.message).toContain('github.com/google/uuid@v1.6.0 is licensed BSD-3-Clause');

    // "Re-run" on the finished check: a new run on the same head with the same verdict; the same
    // request delivered twice makes no third run.
    expect((await rerunCheck(s.gh, repo, check.id, 'octo-dev')).delivered).toBe(true);
    await s.until(() => checksOn(head).filter((c) => c.status === 'completed').length === 2, 'the re-run');
    expect((await rerunCheck(s.gh, repo, check.id, 'octo-dev')).delivered).toBe(true);
    await s.until(() => true, 'the duplicated re-run handled');
    const runs = checksOn(head);
    expect(runs).toHaveLength(2);
    const again = runs.find((c) => c.id !== check.id)!;
    expect(again.conclusion).toBe('failure');
    expect(again.annotations.map((a) => [a.path, a.start_line])).toEqual([
      ['a/go.mod', lineOf(aText, 'github.com/google/uuid')],
    ]);
    expect(s.gh.violations).toEqual([]);
  }, 300_000);
});

describe('Re-run on a push check', () => {
  it('checks the commit again in a new run, judged against the push parent', async () => {
    const config = 'governance:\n  tidy: off\n  go-sum: off\n  replace-local-outside-workspace: error\n';
    const bText = 'module example.com/gov/b\n\ngo 1.22\n\nreplace example.com/gov/z => ../../z\n';
    const before = (await repo.branchHead(repo.defaultBranch))!;
    const { sha } = await pushCommit(s.gh, repo, { files: { [CONFIG]: config, 'b/go.mod': bText }, message: 'b: z' });
    const first = await completedCheck(sha, 'the push check');
    expect(first.conclusion).toBe('failure');
    expect((await rerunCheck(s.gh, repo, first.id, 'octo-dev', { before })).delivered).toBe(true);
    await s.until(() => checksOn(sha).filter((c) => c.status === 'completed').length === 2, 'the re-run');
    const again = checksOn(sha).find((c) => c.id !== first.id)!;
    expect(again.conclusion).toBe('failure');
    expect(again.annotations.map((a) => [a.path, a.start_line])).toEqual([['b/go.mod', lineOf(bText, 'replace')]]);
    await resetB();
    expect(s.gh.violations).toEqual([]);
  }, 300_000);
});
