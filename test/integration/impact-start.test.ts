/**
 * startImpact / rerunImpact, as publish and the rerun command call them: the check run on the PR
 * head, the dispatches, the PR's metadata and Impact section. GitHub is nock, checked against its
 * OpenAPI description; "Re-run" on the check arrives as a real check_run.rerequested delivery.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startImpact } from '../../src/impact/start-impact.js';
import { readMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import {
  BRANCH,
  checkRunRerequested,
  HEAD,
  lastBody,
  meta,
  mockCancelRun,
  mockCheckCreate,
  mockCheckUpdate,
  mockConfig,
  mockDispatch,
  mockPull,
  mockPullByBranch,
  mockPullUpdate,
  mockWorkflowFile,
  NEW_HEAD,
  OWNER,
  PR,
  prBody,
  REPO,
  sent,
  startImpactApp,
  TEMPLATE_TEXT,
  type TestRepo,
} from './impact-fixtures.js';

let t: TestRepo;
const ref = { owner: OWNER, repo: REPO, pullNumber: PR };
const SERVICES = ['services/catalog-service', 'services/order-service'];

beforeEach(async () => {
  t = await startImpactApp();
});

afterEach(async () => {
  await t.app.stop();
});

type CheckBody = {
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  external_id: string;
  output: { title: string; summary: string };
};
type DispatchBody = {
  ref: string;
  inputs: { services: string; pr: string; correlation_id: string };
  return_run_details?: boolean;
};

describe('startImpact', () => {
  it('dispatches on the PR branch with run details, opens the check listing the services, records the run', async () => {
    const gh = t.app.gh;
    mockPull(gh, prBody(meta(SERVICES)));
    mockConfig(gh, null);
    mockWorkflowFile(gh, TEMPLATE_TEXT);
    mockCheckCreate(gh, 501);
    mockDispatch(gh, { runId: 9100 });
    mockCheckUpdate(gh, 501);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r).toMatchObject({ outcome: 'dispatched', checkRunId: 501, runIds: [9100], dispatches: 1 });

    const [check] = sent<CheckBody>(gh, 'POST', '/check-runs');
    expect(check).toMatchObject({
      name: 'gomod-steward / impact',
      head_sha: HEAD,
      status: 'in_progress',
      external_id: r.correlationId,
    });
    expect(check?.output.title).toBe('Checking 2 affected services');
    expect(check?.output.summary).toContain('- `services/order-service`');
    const [dispatch] = sent<DispatchBody>(gh, 'POST', '/dispatches');
    expect(dispatch).toEqual({
      ref: BRANCH,
      return_run_details: true,
      inputs: { services: JSON.stringify(SERVICES), pr: String(PR), correlation_id: `${r.correlationId}.b0` },
    });
    const [update] = sent<{ details_url: string; output: { summary: string } }>(gh, 'PATCH', '/check-runs/501');
    expect(update?.details_url).toBe(`https://github.com/${OWNER}/${REPO}/actions/runs/9100`);

    const body = lastBody(gh);
    expect(readMeta(body)?.impact).toEqual({
      headSha: HEAD,
      correlationId: r.correlationId,
      checkRunId: 501,
      runIds: [9100],
      status: 'in_progress',
      results: SERVICES.map((service) => ({ service, conclusion: 'pending' })),
    });
    expect(readSection(body, 'impact')).toContain('**Matrix:** ⏳ running on 1111111');
    // The rest of the body is untouched.
    expect(readSection(body, 'summary')).toBe('Upgrades Go dependencies.');
  });

  it('falls back without return_run_details where GitHub Enterprise Server refuses it, leaving the run to be correlated by run-name', async () => {
    const gh = t.app.gh;
    mockPull(gh, prBody(meta(SERVICES)));
    mockConfig(gh, null);
    mockWorkflowFile(gh, TEMPLATE_TEXT);
    mockCheckCreate(gh, 502);
    mockDispatch(gh, 422);
    mockDispatch(gh, 204);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r).toMatchObject({ outcome: 'dispatched', runIds: [], dispatches: 1 });
    const [first, second] = sent<DispatchBody>(gh, 'POST', '/dispatches');
    expect(first?.return_run_details).toBe(true);
    expect(second).toEqual({ ref: BRANCH, inputs: first?.inputs });
    expect(readMeta(lastBody(gh))?.impact).toMatchObject({
      runIds: [],
      status: 'in_progress',
      correlationId: r.correlationId,
    });
  });

  it('more than 256 services: several dispatches of at most 256, one check', async () => {
    const gh = t.app.gh;
    const many = Array.from({ length: 600 }, (_, i) => `services/svc-${String(i).padStart(3, '0')}`);
    mockPull(gh, prBody(meta(many)));
    mockConfig(gh, 'services: ["services/*"]\n');
    mockWorkflowFile(gh, TEMPLATE_TEXT);
    mockCheckCreate(gh, 503);
    mockDispatch(gh, { runId: 1 });
    mockDispatch(gh, { runId: 2 });
    mockDispatch(gh, { runId: 3 });
    mockCheckUpdate(gh, 503);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r).toMatchObject({ outcome: 'dispatched', runIds: [1, 2, 3], dispatches: 3 });
    expect(sent(gh, 'POST', '/check-runs')).toHaveLength(1);
    const dispatched = sent<DispatchBody>(gh, 'POST', '/dispatches').map(
      (d) => JSON.parse(d.inputs.services) as string[],
    );
    expect(dispatched.map((b) => b.length)).toEqual([256, 256, 88]);
    expect(dispatched.flat()).toEqual(many);
    expect(sent<DispatchBody>(gh, 'POST', '/dispatches').map((d) => d.inputs.correlation_id)).toEqual(
      [0, 1, 2].map((i) => `${r.correlationId}.b${i}`),
    );
  });

  it('a secondary rate limit part-way through the dispatches: the check is closed as interrupted, the started run cancelled, the job retried', async () => {
    const gh = t.app.gh;
    const many = Array.from({ length: 300 }, (_, i) => `services/svc-${String(i).padStart(3, '0')}`);
    mockPull(gh, prBody(meta(many)));
    mockConfig(gh, 'services: ["services/*"]\n');
    mockWorkflowFile(gh, TEMPLATE_TEXT);
    mockCheckCreate(gh, 504);
    mockDispatch(gh, { runId: 11 });
    gh.post(`/repos/${OWNER}/${REPO}/actions/workflows/gomod-impact.yml/dispatches`).reply(
      403,
      {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
      { 'retry-after': '30' },
    );
    mockCheckUpdate(gh, 504);
    mockCancelRun(gh, 11);
    await expect(startImpact(await t.octokit(), ref)).rejects.toMatchObject({ status: 403 });
    gh.done();
    const [closed] = sent<CheckBody>(gh, 'PATCH', '/check-runs/504');
    expect(closed).toMatchObject({
      status: 'completed',
      conclusion: 'neutral',
      output: { title: 'Interrupted while starting; starting again' },
    });
    expect(closed?.output.summary).toContain('secondary rate limit');
    // Nothing recorded on the PR: the retried job starts the matrix afresh.
    expect(sent(gh, 'PATCH', `/pulls/${PR}`)).toEqual([]);
  });

  it('no workflow in the repository: the check completes neutral and says how to add it', async () => {
    const gh = t.app.gh;
    mockPull(gh, prBody(meta(SERVICES)));
    mockConfig(gh, null);
    mockWorkflowFile(gh, null);
    mockCheckCreate(gh, 504);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r.outcome).toBe('missing-workflow');
    const [check] = sent<CheckBody>(gh, 'POST', '/check-runs');
    expect([check?.status, check?.conclusion]).toEqual(['completed', 'neutral']);
    expect(check?.output.title).toBe('No impact workflow: .github/workflows/gomod-impact.yml is missing');
    expect(check?.output.summary).toContain('npx gomod-steward init-workflow .');
    expect(sent(gh, 'POST', '/dispatches')).toEqual([]);
  });

  it('a workflow without the services input: action_required naming the fix, no dispatch', async () => {
    const gh = t.app.gh;
    mockPull(gh, prBody(meta(SERVICES)));
    mockConfig(gh, 'impact:\n  workflow: ci.yml\n');
    mockWorkflowFile(
      gh,
      'on:\n  workflow_dispatch:\n    inputs:\n      target: {type: string}\njobs: {}\n',
      HEAD,
      'ci.yml',
    );
    mockCheckCreate(gh, 505);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r.outcome).toBe('missing-input');
    const [check] = sent<CheckBody>(gh, 'POST', '/check-runs');
    expect([check?.status, check?.conclusion]).toEqual(['completed', 'action_required']);
    expect(check?.output.title).toBe('.github/workflows/ci.yml cannot take the services to check');
    expect(check?.output.summary).toContain('declares no `services` input');
    expect(check?.output.summary).toContain('service: ${{ fromJSON(inputs.services) }}');
    expect(readSection(lastBody(gh), 'impact')).toContain('needs a fix');
  });

  it('nothing affected: success "no service affected", no workflow read, no dispatch', async () => {
    const gh = t.app.gh;
    mockPull(gh, prBody(meta([], { affected: ['libs/xredis'] })));
    mockConfig(gh, null);
    mockCheckCreate(gh, 506);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r.outcome).toBe('nothing-affected');
    const [check] = sent<CheckBody>(gh, 'POST', '/check-runs');
    expect([check?.status, check?.conclusion, check?.output.title]).toEqual([
      'completed',
      'success',
      'No service affected',
    ]);
    expect(gh.requests.some((q) => q.path.includes('/actions/'))).toBe(false);
  });

  it('a new head while a matrix runs: the old check is marked superseded, its run cancelled, a new check starts', async () => {
    const gh = t.app.gh;
    const running = meta(SERVICES, {
      headSha: NEW_HEAD,
      impact: {
        headSha: HEAD,
        correlationId: 'gs-00000000000000aa',
        checkRunId: 400,
        runIds: [8800],
        status: 'in_progress',
      },
    });
    mockPull(gh, prBody(running), { head: NEW_HEAD });
    mockCheckUpdate(gh, 400);
    mockCancelRun(gh, 8800);
    mockConfig(gh, null);
    mockWorkflowFile(gh, TEMPLATE_TEXT, NEW_HEAD);
    mockCheckCreate(gh, 507);
    mockDispatch(gh, { runId: 8801 });
    mockCheckUpdate(gh, 507);
    mockPullUpdate(gh);
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r).toMatchObject({ outcome: 'dispatched', superseded: [400], checkRunId: 507, runIds: [8801] });
    const [old] = sent<CheckBody>(gh, 'PATCH', '/check-runs/400');
    expect([old?.status, old?.conclusion, old?.output.title]).toEqual([
      'completed',
      'neutral',
      'Superseded by a newer commit',
    ]);
    expect(old?.output.summary).toContain('moved on to 2222222');
    expect(sent<CheckBody>(gh, 'POST', '/check-runs')[0]?.head_sha).toBe(NEW_HEAD);
    expect(readMeta(lastBody(gh))?.impact).toMatchObject({ headSha: NEW_HEAD, checkRunId: 507, runIds: [8801] });
  });

  it('a retried publish on the same head does not start a second matrix', async () => {
    const gh = t.app.gh;
    const running = meta(SERVICES, {
      impact: {
        headSha: HEAD,
        correlationId: 'gs-00000000000000bb',
        checkRunId: 401,
        runIds: [8802],
        status: 'in_progress',
      },
    });
    mockPull(gh, prBody(running));
    const r = await startImpact(await t.octokit(), ref);
    gh.done();
    expect(r).toMatchObject({ outcome: 'already-running', checkRunId: 401, dispatches: 0 });
  });
});

describe('Re-run on the impact check (check_run.rerequested)', () => {
  it('starts a fresh matrix on the same head, superseding the finished one', async () => {
    const gh = t.app.gh;
    const done = meta(SERVICES, {
      impact: {
        headSha: HEAD,
        correlationId: 'gs-00000000000000cc',
        checkRunId: 402,
        runIds: [8803],
        status: 'completed',
        conclusion: 'cancelled',
      },
    });
    mockPullByBranch(gh, prBody(done));
    mockPull(gh, prBody(done));
    mockConfig(gh, null);
    mockWorkflowFile(gh, TEMPLATE_TEXT);
    mockCheckCreate(gh, 508);
    mockDispatch(gh, { runId: 8804 });
    mockCheckUpdate(gh, 508);
    mockPullUpdate(gh);
    expect((await t.app.send('check_run', checkRunRerequested(t.installationId, 402))).status).toBe(200);
    await t.app.idle();
    gh.done();
    expect(sent(gh, 'POST', '/dispatches')).toHaveLength(1);
    expect(readMeta(lastBody(gh))?.impact).toMatchObject({ checkRunId: 508, runIds: [8804], status: 'in_progress' });
  });

  it('ignores a rerequest of another check', async () => {
    expect(
      (await t.app.send('check_run', checkRunRerequested(t.installationId, 3, 'gomod-steward / config'))).status,
    ).toBe(200);
    await t.app.idle();
    expect(t.app.gh.requests).toEqual([]);
  });
});
