/** The pure pieces of the impact matrix: selection, batches, correlation, job mapping, verdicts, text. */
import { describe, expect, it } from '@jest/globals';
import { workflowState } from '../../../src/github/impact-workflow.js';
import { automergeAllowed } from '../../../src/impact/automerge.js';
import { batchAt, batchServices, MAX_MATRIX_JOBS } from '../../../src/impact/batches.js';
import { completedOutput } from '../../../src/impact/check-output.js';
import { batchCorrelationId, newCorrelationId, parseRunName } from '../../../src/impact/correlation.js';
import { serviceOfJob } from '../../../src/impact/job-names.js';
import { renderImpactSection } from '../../../src/impact/render-section.js';
import { overallConclusion, resultsFromJobs, type RunJob } from '../../../src/impact/results.js';
import { selectServices } from '../../../src/impact/services.js';
import type { PullMeta } from '../../../src/pull-request/meta.js';

describe('selectServices', () => {
  const affected = [
    'services/order-service',
    'libs/xredis',
    'services/payments/api',
    'tools/gen',
    'services/order-service',
  ];
  it('filters by the config globs, * spanning /', () => {
    expect(selectServices(affected, ['services/*'], () => true)).toEqual([
      'services/order-service',
      'services/payments/api',
    ]);
  });
  it('without globs, keeps the modules with a main package', () => {
    const mains = new Set(['tools/gen', 'services/order-service']);
    expect(selectServices(affected, null, (d) => mains.has(d))).toEqual(['services/order-service', 'tools/gen']);
  });
});

describe('batches', () => {
  it('splits at 256 and finds each batch again by index', () => {
    const services = Array.from({ length: 600 }, (_, i) => `services/s${String(i).padStart(3, '0')}`);
    const batches = batchServices(services);
    expect(batches.map((b) => b.length)).toEqual([MAX_MATRIX_JOBS, MAX_MATRIX_JOBS, 88]);
    expect(batchAt(services, 2)).toEqual(batches[2]);
    expect(batchServices([])).toEqual([]);
  });
});

describe('correlation ids', () => {
  it('round-trip through a run name with the batch index', () => {
    const id = newCorrelationId();
    expect(id).toMatch(/^gs-[0-9a-f]{16}$/);
    expect(newCorrelationId()).not.toBe(id);
    expect(parseRunName(`gomod-steward impact ${batchCorrelationId(id, 3)} (PR 7)`)).toEqual({
      correlationId: id,
      batch: 3,
    });
    expect(parseRunName('CI on main')).toBeUndefined();
    expect(parseRunName(null)).toBeUndefined();
  });
});

describe('serviceOfJob', () => {
  const services = new Set(['services/a', 'services/b']);
  it('maps `impact (<service>)`, a multi-value matrix name and a bare service name', () => {
    expect(serviceOfJob('impact (services/a)', services)).toBe('services/a');
    expect(serviceOfJob('impact (services/b, ubuntu-latest)', services)).toBe('services/b');
    expect(serviceOfJob('services/a', services)).toBe('services/a');
    expect(serviceOfJob('impact (services/c)', services)).toBeUndefined();
    expect(serviceOfJob('lint', services)).toBeUndefined();
  });
});

const job = (name: string, conclusion: string, seconds = 65): RunJob => ({
  name,
  status: 'completed',
  conclusion,
  started_at: '2025-01-01T10:00:00Z',
  completed_at: new Date(Date.parse('2025-01-01T10:00:00Z') + seconds * 1000).toISOString(),
  html_url: `https://github.com/o/r/actions/runs/1/job/${name.length}`,
});

describe('results and verdict', () => {
  it('maps jobs to services; a service without a job takes the run conclusion', () => {
    const r = resultsFromJobs(
      ['services/a', 'services/b', 'services/c'],
      [job('impact (services/a)', 'success'), job('impact (services/b)', 'failure'), job('setup', 'success')],
      'failure',
    );
    expect(r).toEqual([
      {
        service: 'services/a',
        conclusion: 'success',
        durationMs: 65_000,
        url: 'https://github.com/o/r/actions/runs/1/job/19',
      },
      {
        service: 'services/b',
        conclusion: 'failure',
        durationMs: 65_000,
        url: 'https://github.com/o/r/actions/runs/1/job/19',
      },
      { service: 'services/c', conclusion: 'failure' },
    ]);
    expect(overallConclusion(r)).toBe('failure');
    expect(overallConclusion(resultsFromJobs(['services/a'], [], 'cancelled'))).toBe('cancelled');
    expect(
      overallConclusion([
        { service: 'a', conclusion: 'success' },
        { service: 'b', conclusion: 'pending' },
      ]),
    ).toBeUndefined();
    expect(
      overallConclusion([
        { service: 'a', conclusion: 'success' },
        { service: 'b', conclusion: 'timed_out' },
        { service: 'c', conclusion: 'cancelled' },
      ]),
    ).toBe('timed_out');
  });

  it('the check output tables every service, failures first, with duration and log link', () => {
    const r = resultsFromJobs(
      ['services/a', 'services/b'],
      [job('impact (services/a)', 'success', 42), job('impact (services/b)', 'failure', 3725)],
      'failure',
    );
    const out = completedOutput(r, 'failure', [{ url: 'https://github.com/o/r/actions/runs/1' }]);
    expect(out.title).toBe('1 of 2 services failed');
    expect(out.summary.split('\n').slice(2, 6)).toEqual([
      '| Service | Result | Duration | Log |',
      '| --- | --- | --- | --- |',
      '| `services/b` | ❌ failed | 1h 02m | [log](https://github.com/o/r/actions/runs/1/job/19) |',
      '| `services/a` | ✅ passed | 42s | [log](https://github.com/o/r/actions/runs/1/job/19) |',
    ]);
    const cancelled = completedOutput(resultsFromJobs(['services/a'], [], 'cancelled'), 'cancelled');
    expect(cancelled.title).toBe('The impact run was cancelled: 1 of 1 service did not finish');
    expect(cancelled.summary).toContain('`@gomod-steward rerun impact`');
  });
});

describe('automergeAllowed', () => {
  const policy = (automerge: 'none' | 'patch' | 'minor', automergeV0 = false) => ({ automerge, automergeV0 });

  it('allows kinds up to the policy, never a major, never with policy none', () => {
    expect(automergeAllowed(policy('patch'), [{ kind: 'patch' }])).toBe(true);
    expect(automergeAllowed(policy('patch'), [{ kind: 'patch' }, { kind: 'minor' }])).toBe(false);
    expect(automergeAllowed(policy('minor'), [{ kind: 'patch' }, { kind: 'minor' }])).toBe(true);
    expect(automergeAllowed(policy('minor'), [{ kind: 'major' }])).toBe(false);
    expect(automergeAllowed(policy('none'), [{ kind: 'patch' }])).toBe(false);
  });

  it('holds a v0 minor (mayBreak) back under automerge: minor unless automerge-v0 is true', () => {
    const v0Minor = { kind: 'minor', mayBreak: true } as const;
    expect(automergeAllowed(policy('minor'), [v0Minor])).toBe(false);
    expect(automergeAllowed(policy('minor'), [{ kind: 'patch' }, v0Minor])).toBe(false);
    expect(automergeAllowed(policy('minor', true), [{ kind: 'patch' }, v0Minor])).toBe(true);
    // automerge-v0 widens minor only: it neither lets patch take a minor nor lets a major through.
    expect(automergeAllowed(policy('patch', true), [v0Minor])).toBe(false);
    expect(automergeAllowed(policy('minor', true), [{ kind: 'major' }])).toBe(false);
    expect(automergeAllowed(policy('none', true), [v0Minor])).toBe(false);
  });

  it('treats a v0 minor in metadata written before mayBreak existed as mayBreak', () => {
    const old = { kind: 'minor', to: 'v0.37.0', dirs: [{ dir: 'svc', from: 'v0.30.0' }] } as const;
    const v1 = { kind: 'minor', to: 'v1.3.0', dirs: [{ dir: 'svc', from: 'v1.2.0' }] } as const;
    expect(automergeAllowed(policy('minor'), [old])).toBe(false);
    expect(automergeAllowed(policy('minor', true), [old])).toBe(true);
    expect(automergeAllowed(policy('minor'), [v1])).toBe(true);
  });
});

describe('workflowState', () => {
  it('tells a usable workflow from one without the services input or without workflow_dispatch', () => {
    expect(workflowState('on:\n  workflow_dispatch:\n    inputs:\n      services: {type: string}\njobs: {}\n')).toEqual(
      { kind: 'ok' },
    );
    expect(workflowState('on:\n  workflow_dispatch:\n    inputs:\n      targets: {type: string}\n')).toMatchObject({
      kind: 'unusable',
      detail: expect.stringContaining('no `services` input'),
    });
    expect(workflowState('on: [push]\n')).toMatchObject({
      kind: 'unusable',
      detail: expect.stringContaining('no `workflow_dispatch`'),
    });
    expect(workflowState('on: workflow_dispatch\n')).toMatchObject({ kind: 'unusable' });
  });
});

describe('renderImpactSection', () => {
  const meta: PullMeta = {
    v: 1,
    base: 'main',
    group: 'all',
    baseSha: 'a'.repeat(40),
    headSha: 'b'.repeat(40),
    updates: [],
    affected: ['libs/xredis', 'services/a', 'services/b'],
    services: ['services/a', 'services/b'],
  };
  it('lists the affected services with the matrix status', () => {
    expect(renderImpactSection(meta)).toMatchSnapshot('not started');
    const running = {
      ...meta,
      impact: {
        headSha: 'b'.repeat(40),
        correlationId: 'gs-0123456789abcdef',
        checkRunId: 1,
        runIds: [5],
        status: 'in_progress' as const,
        results: [
          { service: 'services/a', conclusion: 'success' as const, durationMs: 61_000, url: 'https://x/1' },
          { service: 'services/b', conclusion: 'pending' as const },
        ],
      },
    };
    expect(renderImpactSection(running)).toMatchSnapshot('running');
    expect(
      renderImpactSection({ ...running, impact: { ...running.impact, status: 'completed', conclusion: 'cancelled' } }),
    ).toContain('cancelled on bbbbbbb; comment `@gomod-steward rerun impact`');
    expect(renderImpactSection({ ...meta, services: [] })).toContain('none of them a service');
  });
});
