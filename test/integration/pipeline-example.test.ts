/**
 * The scheduled job on a repository that mirrors examples/commerce-platform, through the app as
 * it runs in production (real Redis, real queues and workers, the real Go toolchain and module
 * proxy), with GitHub played by a stateful stand-in behind nock whose every request and reply is
 * checked against GitHub's OpenAPI description. Go is the judge of the branch it pushes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { enqueuePlan } from '../../src/queues/plan-queue.js';
import { readMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { FakeRepo } from '../stand-in/fake-repo.js';
import { EXAMPLE_DIR, exampleModuleDirs } from '../support/go-cli.js';

const pexec = promisify(execFile);
const INSTALLATION = 77;
const REF = { installationId: INSTALLATION, repositoryId: 9001, owner: 'acme', repo: 'commerce-platform' };
const BRANCH = 'gomod-steward/main/all';

let app: TestApp;
let fake: FakeRepo;
let baseSha: string;

async function runSchedule(reason: string): Promise<void> {
  await enqueuePlan(app.runtime.queues.plan, REF, reason);
  await app.settled(300_000);
}

beforeAll(async () => {
  const workflow = readFileSync(new URL('../../templates/gomod-impact.yml', import.meta.url), 'utf8');
  fake = await FakeRepo.fromDir(
    EXAMPLE_DIR,
    { owner: REF.owner, name: REF.repo, id: REF.repositoryId, installationId: INSTALLATION },
    { '.github/workflows/gomod-impact.yml': workflow },
  );
  baseSha = (await fake.branchHead('main'))!;
  app = await startTestApp({ pipeline: { cloneUrl: () => fake.store.dir } });
  app.gh.fallback(fake.handler);
  await runSchedule('scheduled');
  if (!fake.pulls.length) throw new Error(`no PR; the jobs said: ${await jobReport()}`);
}, 400_000);

/** What each stage returned or why it failed, for a failure message that says where the run stopped. */
async function jobReport(): Promise<string> {
  const q = app.runtime.queues;
  const out: unknown[] = [];
  for (const queue of [q.plan, q.apply, q.publish]) {
    for (const j of await queue.getJobs(['completed', 'failed'])) {
      const data = j.data as { failed?: unknown; entries?: unknown[] };
      out.push({
        queue: queue.name,
        id: j.id,
        returned: j.returnvalue,
        failedReason: j.failedReason,
        failed: data.failed,
        entries: data.entries?.length,
      });
    }
  }
  return JSON.stringify(out);
}

afterAll(async () => {
  await app?.stop();
  await fake?.remove();
});

describe('the scheduled run on the example monorepo', () => {
  it('opens exactly one PR from the deterministic branch, labelled, on one commit over the base', async () => {
    expect(app.gh.violations).toEqual([]);
    expect(fake.pulls).toHaveLength(1);
    const pr = fake.pulls[0]!;
    expect(pr).toMatchObject({
      head: BRANCH,
      base: 'main',
      state: 'open',
      title: 'chore(deps): upgrade Go dependencies',
      labels: ['dependencies', 'go'],
    });
    const head = await fake.branchHead(BRANCH);
    const commit = await fake.store.readCommit(head!);
    expect(commit?.parents).toEqual([baseSha]);
  });

  it('commits only go.mod/go.sum files of the example modules, and Go accepts every module as is', async () => {
    const head = (await fake.branchHead(BRANCH))!;
    const changed = (await fake.store.git(['diff', '--name-only', baseSha, head])).trim().split('\n');
    const dirs = await exampleModuleDirs();
    expect(changed.length).toBeGreaterThan(0);
    for (const f of changed) {
      expect(f).toMatch(/(^|\/)go\.(mod|sum|work|work\.sum)$/);
      const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.';
      expect([...dirs, '.']).toContain(dir);
    }
    const work = await mkdtemp(join(tmpdir(), 'gomod-steward-judge-'));
    try {
      await pexec('git', ['clone', '-q', '--branch', BRANCH, fake.store.dir, work]);
      for (const dir of dirs) {
        // -mod=readonly: Go refuses a go.mod or go.sum that needs any repair.
        await pexec('go', ['list', '-m', 'all'], {
          cwd: join(work, dir),
          env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=readonly' },
        });
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('writes the design body: sections in order, every direct upgrade, metadata that rebuilds the state', async () => {
    const pr = fake.pulls[0]!;
    const meta = readMeta(pr.body)!;
    expect(meta).toMatchObject({ v: 1, base: 'main', group: 'all', baseSha, headSha: await fake.branchHead(BRANCH) });
    expect(meta.updates.length).toBeGreaterThan(0);
    const direct = readSection(pr.body, 'direct')!;
    for (const u of meta.updates) expect(direct).toContain(`\`${u.module}\``);
    const order = ['summary', 'direct', 'carried', 'impact', 'release-notes', 'commands'].map((s) =>
      pr.body.indexOf(`<!-- gomod-steward:section ${s} -->`),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pr.body.length).toBeLessThanOrEqual(65_536);
    // The services (modules with a main package) among the affected modules form the matrix.
    expect(meta.services.length).toBeGreaterThan(0);
    expect(meta.services.every((s) => s.startsWith('services/'))).toBe(true);
    expect(meta.affected).toEqual(expect.arrayContaining(meta.services));
  });

  it('dispatches the impact workflow on the PR branch with exactly the services apply found affected', async () => {
    const meta = readMeta(fake.pulls[0]!.body)!;
    const checks = fake.checkRuns.filter((c) => c.name === 'gomod-steward / impact');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ headSha: meta.headSha, status: 'in_progress' });
    expect(fake.dispatches).toHaveLength(1);
    const dispatched = fake.dispatches[0]!;
    expect(dispatched.ref).toBe(BRANCH);
    // What apply measured (package-level affected), filtered to modules with a main package.
    const [publish] = await app.runtime.queues.publish.getJobs(['completed']);
    const fromApply = (publish!.data.affected as string[]).filter((d) => d.startsWith('services/')).sort();
    expect(JSON.parse(dispatched.inputs['services']!)).toEqual(fromApply);
    expect(meta.services).toEqual(fromApply);
    expect(meta.impact).toMatchObject({ headSha: meta.headSha, runIds: [dispatched.runId], checkRunId: checks[0]!.id });
  });

  it('running it again changes nothing: one PR, the same commit', async () => {
    const head = await fake.branchHead(BRANCH);
    const body = fake.pulls[0]!.body;
    await runSchedule('scheduled-again');
    expect(fake.pulls).toHaveLength(1);
    expect(await fake.branchHead(BRANCH)).toBe(head);
    expect(fake.pulls[0]!.body).toBe(body);
    expect(app.gh.violations).toEqual([]);
  }, 300_000);
});
