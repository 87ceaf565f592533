/**
 * /metrics of a worker process, against a real Redis: the queue gauges move while a job runs,
 * finished jobs and runs are counted by outcome, and GitHub requests by status with the rate
 * limit left per installation (from GitHub's own headers).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { enqueuePlan } from '../../src/queues/plan-queue.js';
import { mockInstallationToken, startTestApp, type TestApp } from '../support/app-harness.js';
import { documentedExample } from '../support/github-openapi.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const REF = { installationId: 31, repositoryId: 3101, owner: 'acme', repo: 'metrics' };

async function scrape(a: TestApp): Promise<string> {
  const res = await fetch(`${a.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('/metrics on a worker', () => {
  it('shows the queue gauges changing while a job runs, then the job, the run and its GitHub requests', async () => {
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    app = await startTestApp({
      role: 'worker',
      planHandler: async ({ github }) => {
        started = true;
        const gh = await github();
        await gh.request('GET /repos/{owner}/{repo}/contents/{path}', {
          owner: REF.owner,
          repo: REF.repo,
          path: 'go.mod',
        });
        await running;
        return { due: false, reason: 'nothing-due' };
      },
    });
    mockInstallationToken(app.gh, REF.installationId);
    app.gh
      .get(`/repos/${REF.owner}/${REF.repo}/contents/go.mod`)
      .reply(200, documentedExample('get', '/repos/o/r/contents/go.mod', 200, 'response-if-content-is-a-file'), {
        'x-ratelimit-remaining': '4321',
      });

    const before = await scrape(app);
    expect(value(before, 'gomod_steward_queue_jobs{queue="plan",state="active"}')).toBe(0);
    expect(before).toContain('gomod_steward_process_cpu_seconds_total');

    await enqueuePlan(app.runtime.queues.plan, REF, 'metrics');
    await until(async () => started, 'the plan job to start');
    await until(
      async () => value(await scrape(app!), 'gomod_steward_queue_jobs{queue="plan",state="active"}') === 1,
      'the active gauge to show the running job',
    );

    release();
    await app.idle();
    const after = await scrape(app);
    expect(value(after, 'gomod_steward_queue_jobs{queue="plan",state="active"}')).toBe(0);
    expect(value(after, 'gomod_steward_jobs_total{queue="plan",outcome="completed"}')).toBe(1);
    expect(value(after, 'gomod_steward_job_duration_seconds_count{queue="plan",outcome="completed"}')).toBe(1);
    expect(value(after, 'gomod_steward_runs_total{outcome="nothing-due"}')).toBe(1);
    expect(value(after, 'gomod_steward_github_requests_total{method="GET",status="200"}')).toBe(1);
    expect(value(after, `gomod_steward_github_rate_limit_remaining{installation="${REF.installationId}"}`)).toBe(4321);
    app.gh.done();
    expect(app.gh.violations).toEqual([]);
  });
});
