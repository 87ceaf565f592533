/**
 * The governance processor when the check cannot run (here: the clone fails), against the GitHub
 * stand-in over HTTP: an attempt that BullMQ will retry leaves the check run in progress; the last
 * attempt closes it as `neutral` with the reason, so a commit never shows a check forever in
 * progress; a job run again after that finds the run completed and leaves it alone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'probot';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { createGovernanceProcessor } from '../../src/pipeline/run-governance.js';
import type { GovernanceJobData } from '../../src/queues/governance-queue.js';
import { testPrivateKey } from '../support/app-harness.js';
import { MemorySource } from '../support/memory-source.js';
import { silentLogger } from '../support/queue-fakes.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { installationClient } from '../stand-in/installation-client.js';
import { StandIn } from '../stand-in/stand-in.js';
import { writeTree } from './apply-fixtures.js';

const APP_ID = 4713;
const NAME = 'gomod-steward / governance';

let gh: StandIn;
let repo: FakeRepo;
let github: GitHubClient;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gomod-steward-gov-last-'));
  await writeTree(join(work, 'src'), { 'go.mod': 'module example.com/gov\n\ngo 1.22\n' });
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'hush' });
  repo = await gh.addRepo(join(work, 'src'), {
    owner: 'acme',
    name: 'gov',
    id: 813,
    installationId: 94,
    runner: false,
  });
  github = await installationClient(gh, 94);
}, 60_000);

afterAll(async () => {
  await gh?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a governance check that cannot run', () => {
  it('stays in progress while attempts remain, and the last attempt closes it as neutral with the reason', async () => {
    const headSha = (await repo.branchHead('main'))!;
    const processor = createGovernanceProcessor({
      auth: { app: async () => github, installation: async () => github },
      log: silentLogger as unknown as Logger,
      pipeline: {
        source: new MemorySource(),
        // tidy and go-sum are on by default: they need a clone, and this one cannot be made.
        cloneUrl: () => join(work, 'no-such-repository.git'),
        appEnv: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
        workRoot: work,
      },
    });
    const data: GovernanceJobData = {
      installationId: 94,
      repositoryId: 813,
      owner: 'acme',
      repo: 'gov',
      headSha,
      baseSha: null,
      pullNumber: null,
    };
    const attempt = (made: number) =>
      processor(
        { id: 'governance-x', name: 'governance', data, attemptsMade: made, opts: { attempts: 5 } } as unknown as Job<
          GovernanceJobData,
          never
        >,
        'token',
      );

    await expect(attempt(0)).rejects.toThrow();
    const runs = () => repo.checkRuns.filter((c) => c.name === NAME && c.headSha === headSha);
    expect(runs()).toHaveLength(1);
    expect(runs()[0]).toMatchObject({ status: 'in_progress', conclusion: null });

    // The last attempt: the same run, closed.
    await expect(attempt(4)).rejects.toThrow();
    expect(runs()).toHaveLength(1);
    expect(runs()[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(runs()[0]!.output?.title).toBe('The governance check could not run');
    expect(runs()[0]!.output?.summary).toMatch(/^It failed on every attempt: git fetch failed/);
    // No secret in what a reader sees.
    expect(runs()[0]!.output?.summary).not.toContain('ghs_');

    // Run again later (a redelivery): the completed run is left alone.
    await expect(attempt(0)).resolves.toEqual({ outcome: 'skipped', reason: 'already-reported' });
    expect(runs()).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  }, 60_000);
});
