/** The CLI's table form of a plan. */
import { describe, expect, it } from '@jest/globals';
import { renderPlan } from '../../../src/cli/render-plan.js';
import type { Plan } from '../../../src/planner/plan-schema.js';

const plan: Plan = {
  version: 1,
  root: '.',
  modules: [{ dir: '.', path: 'example.org/x', go: '1.22' }],
  updates: [
    { module: 'example.org/m', to: 'v0.37.0', kind: 'minor', mayBreak: true, dirs: [{ dir: '.', from: 'v0.30.0' }] },
    { module: 'example.org/p', to: 'v0.3.2', kind: 'patch', dirs: [{ dir: '.', from: 'v0.3.1' }] },
    { module: 'example.org/w', to: 'v1.0.0', kind: 'major', dirs: [{ dir: '.', from: 'v0.9.0' }] },
  ],
  carried: [],
  affected: ['.'],
  skipped: [],
  warnings: [],
};

describe('renderPlan', () => {
  it('shows "v0: may break" next to the kind of a v0 minor, and only there', () => {
    const rows = renderPlan(plan)
      .split('\n')
      .filter((l) => l.includes('example.org/'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/example\.org\/m\s+v0\.30\.0\s+v0\.37\.0\s+minor \(v0: may break\)\s+\./);
    expect(rows[1]).toMatch(/example\.org\/p\s+v0\.3\.1\s+v0\.3\.2\s+patch\s+\./);
    expect(rows[2]).toMatch(/example\.org\/w\s+v0\.9\.0\s+v1\.0\.0\s+major\s+\./);
    expect(rows.slice(1).join('\n')).not.toContain('may break');
  });
});

describe('renderPlan warnings and multi-line details', () => {
  const noisy: Plan = {
    ...plan,
    updates: [],
    skipped: [
      { module: 'example.org/q', dir: '.', reason: 'proxy-error', detail: 'first line\n  second line\n\nthird' },
    ],
    warnings: [
      { dir: 'svc', module: 'example.org/h', message: 'held at v1.2.0: needs go 1.99' },
      { module: 'example.org/a', message: 'example.org/a is not aligned: v1 in a, v2 in b' },
    ],
  };

  it('names the dependency of every warning, once', () => {
    const out = renderPlan(noisy);
    expect(out).toContain('  svc: example.org/h: held at v1.2.0: needs go 1.99');
    expect(out).toContain('  example.org/a is not aligned');
    expect(out).not.toContain('example.org/a: example.org/a');
  });

  it('folds a multi-line error into its row, so the columns hold', () => {
    const row = renderPlan(noisy)
      .split('\n')
      .find((l) => l.includes('example.org/q'));
    expect(row).toMatch(/example\.org\/q\s+proxy-error: first line; second line; third$/);
  });
});
