/**
 * workflow_run.completed for an impact run, delivered as a real signed webhook (payload from
 * @octokit/webhooks-examples): the check completes with a per-service table, the Impact section
 * and labels follow, and a green matrix merges when the config allows it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { readMeta, type ImpactMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import {
  HEAD,
  lastBody,
  meta,
  mockAddLabels,
  mockCheckUpdate,
  mockConfig,
  mockJobs,
  mockMerge,
  mockPullByBranch,
  mockPullUpdate,
  mockRemoveLabel,
  prBody,
  sent,
  startImpactApp,
  workflowRunCompleted,
  type TestRepo,
} from './impact-fixtures.js';

let t: TestRepo;
const CID = 'gs-0123456789abcdef';
/** The impact record of run 7001 on HEAD, completed green: what a retried or repeated report finds. */
const GREEN_RUN_7001: ImpactMeta = {
  headSha: HEAD,
  correlationId: CID,
  checkRunId: 600,
  runIds: [7001],
  status: 'completed',
  conclusion: 'success',
};
const SERVICES = ['services/catalog-service', 'services/order-service', 'services/payment-service'];

beforeEach(async () => {
  t = await startImpactApp();
});

afterEach(async () => {
  await t.app.stop();
});

const running = (services = SERVICES, runIds = [7001]) =>
  meta(services, {
    impact: {
      headSha: HEAD,
      correlationId: CID,
      checkRunId: 600,
      runIds,
      status: 'in_progress',
      results: services.map((service) => ({ service, conclusion: 'pending' as const })),
    },
  });

type Completed = { status: string; conclusion: string; output: { title: string; summary: string } };

async function deliver(runId: number, conclusion: string, batch = 0): Promise<void> {
  const payload = workflowRunCompleted(t.installationId, {
    runId,
    conclusion,
    runName: `gomod-steward impact ${CID}.b${batch} (PR 42)`,
  });
  expect((await t.app.send('workflow_run', payload)).status).toBe(200);
  await t.app.idle();
}

describe('workflow_run completed', () => {
  it('all green: success with the table, Impact section updated in place, label set, auto-merge enabled for a patch with automerge: patch', async () => {
    const gh = t.app.gh;
    mockPullByBranch(gh, prBody(running()), { labels: ['dependencies', 'impact: failed'] });
    // 150 jobs over two pages: one per service plus unrelated ones, to exercise pagination.
    const jobs = [
      ...SERVICES.map((s) => ({ name: `impact (${s})`, conclusion: 'success' as const, seconds: 95 })),
      ...Array.from({ length: 147 }, (_, i) => ({ name: `lint ${i}`, conclusion: 'success' as const })),
    ];
    mockJobs(gh, 7001, jobs);
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    mockRemoveLabel(gh, 'impact: failed');
    mockAddLabels(gh);
    mockConfig(gh, 'impact:\n  automerge: patch\n');
    const graphql = nock('https://api.github.com')
      .post(
        '/graphql',
        (b: { query: string; variables: { pullRequestId: string } }) =>
          b.query.includes('enablePullRequestAutoMerge') && b.variables.pullRequestId === 'PR_kwDOTEST42',
      )
      .reply(200, { data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
    await deliver(7001, 'success');
    gh.done();
    expect(graphql.isDone()).toBe(true);
    const [check] = sent<Completed>(gh, 'PATCH', '/check-runs/600');
    expect([check?.status, check?.conclusion, check?.output.title]).toEqual([
      'completed',
      'success',
      'All 3 affected services passed',
    ]);
    expect(check?.output.summary).toContain(
      '| `services/order-service` | ✅ passed | 1m 35s | [log](https://github.com/octo-org/commerce/actions/runs/7001/job/',
    );
    const body = lastBody(gh);
    expect(readMeta(body)?.impact).toMatchObject({ status: 'completed', conclusion: 'success', runIds: [7001] });
    expect(readSection(body, 'impact')).toContain('**Matrix:** ✅ passed on 1111111');
    expect(readSection(body, 'summary')).toBe('Upgrades Go dependencies.');
    expect(sent<{ labels: string[] }>(gh, 'POST', '/issues/42/labels')).toEqual([{ labels: ['impact: passed'] }]);
  });

  it('auto-merge not allowed on the repository: merges directly, pinned to the tested head', async () => {
    const gh = t.app.gh;
    mockPullByBranch(gh, prBody(running()));
    mockJobs(
      gh,
      7001,
      SERVICES.map((s) => ({ name: `impact (${s})`, conclusion: 'success' as const })),
    );
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    mockAddLabels(gh);
    mockConfig(gh, 'impact:\n  automerge: minor\n');
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, {
        data: null,
        errors: [{ type: 'UNPROCESSABLE', message: 'Pull request Auto merge is not allowed for this repository' }],
      });
    mockMerge(gh);
    await deliver(7001, 'success');
    gh.done();
    expect(sent(gh, 'PUT', '/pulls/42/merge')).toEqual([{ sha: HEAD }]);
  });

  it('a retried report whose merge failed after the check and body were written requests the merge again', async () => {
    const gh = t.app.gh;
    const done = meta(SERVICES, {
      impact: GREEN_RUN_7001,
    });
    mockPullByBranch(gh, prBody(done));
    mockConfig(gh, 'impact:\n  automerge: patch\n');
    const graphql = nock('https://api.github.com')
      .post('/graphql')
      .reply(200, { data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
    await deliver(7001, 'success');
    gh.done();
    expect(graphql.isDone()).toBe(true);
    // Nothing else is written twice.
    expect(gh.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/access_tokens'))).toEqual([]);
  });

  it.each([
    ['leaves a v0 minor (mayBreak) for a human with automerge: minor', 'impact:\n  automerge: minor\n', false],
    [
      'merges a v0 minor with automerge: minor and automerge-v0: true',
      'impact:\n  automerge: minor\n  automerge-v0: true\n',
      true,
    ],
  ])('a green matrix %s', async (_name, config, merges) => {
    const gh = t.app.gh;
    const done = meta(SERVICES, {
      updates: [
        {
          module: 'github.com/meilisearch/meilisearch-go',
          to: 'v0.37.0',
          kind: 'minor',
          mayBreak: true,
          dirs: [{ dir: 'services/catalog-service', from: 'v0.30.0' }],
        },
      ],
      impact: GREEN_RUN_7001,
    });
    mockPullByBranch(gh, prBody(done));
    mockConfig(gh, config);
    const graphql = nock('https://api.github.com')
      .post('/graphql')
      .reply(200, { data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
    await deliver(7001, 'success');
    gh.done();
    expect(graphql.isDone()).toBe(merges);
    expect(gh.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/access_tokens'))).toEqual([]);
  });

  it('a report of a completed matrix whose PR already waits on auto-merge changes nothing', async () => {
    const gh = t.app.gh;
    const done = meta(SERVICES, {
      impact: GREEN_RUN_7001,
    });
    mockPullByBranch(gh, prBody(done), { autoMerge: true });
    await deliver(7001, 'success');
    gh.done();
    expect(
      gh.requests.filter((r) => !r.path.includes('/access_tokens')).map((r) => `${r.method} ${r.path.split('?')[0]}`),
    ).toEqual(['GET /repos/octo-org/commerce/pulls']);
  });

  it('partial failure: failure listing the failed service first, label impact: failed, no merge', async () => {
    const gh = t.app.gh;
    mockPullByBranch(gh, prBody(running()));
    mockJobs(gh, 7001, [
      { name: 'impact (services/catalog-service)', conclusion: 'success' },
      { name: 'impact (services/order-service)', conclusion: 'failure', seconds: 30 },
      { name: 'impact (services/payment-service)', conclusion: 'success' },
    ]);
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    mockAddLabels(gh);
    // A red matrix never merges: the config is not even read.
    await deliver(7001, 'failure');
    gh.done();
    const [check] = sent<Completed>(gh, 'PATCH', '/check-runs/600');
    expect([check?.conclusion, check?.output.title]).toEqual(['failure', '1 of 3 services failed']);
    expect(check?.output.summary.split('\n')[4]).toMatch(/^\| `services\/order-service` \| ❌ failed \| 30s \|/);
    expect(sent<{ labels: string[] }>(gh, 'POST', '/issues/42/labels')).toEqual([{ labels: ['impact: failed'] }]);
    expect(readSection(lastBody(gh), 'impact')).toContain('❌ failed on 1111111');
  });

  it('cancelled: the check says so and how to rerun; unfinished services are marked cancelled', async () => {
    const gh = t.app.gh;
    mockPullByBranch(gh, prBody(running()));
    mockJobs(gh, 7001, [
      { name: 'impact (services/catalog-service)', conclusion: 'success' },
      { name: 'impact (services/order-service)', conclusion: 'cancelled' },
    ]);
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    await deliver(7001, 'cancelled');
    gh.done();
    const [check] = sent<Completed>(gh, 'PATCH', '/check-runs/600');
    expect(check?.conclusion).toBe('cancelled');
    expect(check?.output.title).toBe('The impact run was cancelled: 2 of 3 services did not finish');
    expect(check?.output.summary).toContain('Comment `@gomod-steward rerun impact`');
    expect(readMeta(lastBody(gh))?.impact?.results).toEqual(
      expect.arrayContaining([{ service: 'services/payment-service', conclusion: 'cancelled' }]),
    );
    expect(sent(gh, 'POST', '/issues/42/labels')).toEqual([]);
  });

  it('more than 256 services: the first batch to finish is recorded, the check completes when the last one reports', async () => {
    const gh = t.app.gh;
    const many = Array.from({ length: 300 }, (_, i) => `services/svc-${String(i).padStart(3, '0')}`);
    const start = running(many, [7101, 7102]);
    mockPullByBranch(gh, prBody(start));
    mockJobs(
      gh,
      7102,
      many.slice(256).map((s) => ({ name: `impact (${s})`, conclusion: 'success' as const })),
    );
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    await deliver(7102, 'success', 1);
    gh.done();
    const afterFirst = lastBody(gh);
    expect(sent<{ status?: string }>(gh, 'PATCH', '/check-runs/600')[0]?.status).toBeUndefined();
    expect(readMeta(afterFirst)?.impact?.results?.filter((r) => r.conclusion === 'pending')).toHaveLength(256);

    mockPullByBranch(gh, afterFirst);
    mockJobs(
      gh,
      7101,
      many.slice(0, 256).map((s) => ({ name: `impact (${s})`, conclusion: 'success' as const })),
      100,
    );
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    mockAddLabels(gh);
    mockConfig(gh, null);
    await deliver(7101, 'success', 0);
    gh.done();
    const final = sent<Completed>(gh, 'PATCH', '/check-runs/600')[1];
    expect([final?.status, final?.conclusion, final?.output.title]).toEqual([
      'completed',
      'success',
      'All 300 affected services passed',
    ]);
  });

  it('GHES fallback: a run unknown by id is matched by the correlation id in its run-name and recorded', async () => {
    const gh = t.app.gh;
    mockPullByBranch(gh, prBody(running(SERVICES, [])));
    mockJobs(
      gh,
      7300,
      SERVICES.map((s) => ({ name: `impact (${s})`, conclusion: 'success' as const })),
    );
    mockCheckUpdate(gh, 600);
    mockPullUpdate(gh);
    mockAddLabels(gh);
    mockConfig(gh, null);
    await deliver(7300, 'success');
    gh.done();
    expect(readMeta(lastBody(gh))?.impact).toMatchObject({
      runIds: [7300],
      status: 'completed',
      conclusion: 'success',
    });
  });

  it('a run of a superseded matrix changes nothing', async () => {
    const gh = t.app.gh;
    mockPullByBranch(gh, prBody(running()));
    const payload = workflowRunCompleted(t.installationId, {
      runId: 6999,
      conclusion: 'success',
      runName: 'gomod-steward impact gs-ffffffffffffffff.b0 (PR 42)',
    });
    expect((await t.app.send('workflow_run', payload)).status).toBe(200);
    await t.app.idle();
    gh.done();
    expect(
      gh.requests.filter((r) => !r.path.includes('/access_tokens')).map((r) => `${r.method} ${r.path.split('?')[0]}`),
    ).toEqual(['GET /repos/octo-org/commerce/pulls']);
  });

  it('a workflow run that is not an impact run is skipped at the door', async () => {
    const payload = workflowRunCompleted(t.installationId, {
      runId: 5,
      conclusion: 'success',
      runName: 'CI',
      branch: 'main',
    });
    expect((await t.app.send('workflow_run', payload)).status).toBe(200);
    await t.app.idle();
    expect(t.app.gh.requests).toEqual([]);
    expect(await t.app.runtime.queues.impact.getJobCounts('completed', 'failed', 'waiting')).toEqual({
      completed: 0,
      failed: 0,
      waiting: 0,
    });
  });
});
