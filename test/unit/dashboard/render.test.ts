/**
 * The dashboard body: its checkboxes round-trip, it stays under the limit by dropping the least
 * useful rows first (with a note), and its state block still reads back whole. The snapshot is
 * what a person sees in the issue.
 */
import { describe, expect, it } from '@jest/globals';
import { versionDrift } from '../../../src/dashboard/drift.js';
import { heldBack } from '../../../src/dashboard/held-back.js';
import { renderDashboardBody, renderLocalDashboard } from '../../../src/dashboard/render.js';
import type { DashboardView } from '../../../src/dashboard/view.js';
import { box, tickedBoxes, untickAll, type BoxAction } from '../../../src/ignores/dashboard-boxes.js';
import { readState } from '../../../src/ignores/dashboard-state.js';
import type { DashboardState } from '../../../src/ignores/types.js';
import type { Plan } from '../../../src/planner/plan-schema.js';

const PLAN: Plan = {
  version: 1,
  root: '.',
  modules: [
    { dir: 'libs/a', path: 'example.com/x/libs/a', go: '1.21' },
    { dir: 'services/b', path: 'example.com/x/services/b', go: '1.23' },
  ],
  updates: [{ module: 'github.com/x/ok', to: 'v1.2.0', kind: 'minor', dirs: [{ dir: 'libs/a', from: 'v1.1.0' }] }],
  carried: [],
  affected: ['libs/a'],
  skipped: [
    {
      module: 'github.com/x/new',
      dir: 'libs/a',
      reason: 'needs-newer-go',
      detail: 'v2.0.0 needs go 1.24; the module declares go 1.21 and go-directive is keep',
    },
    {
      module: 'github.com/x/old',
      dir: 'services/b',
      reason: 'ignored',
      detail: 'v1.9.0 is ignored by the configuration',
    },
    { module: 'github.com/x/gone', dir: 'services/b', reason: 'not-found', detail: 'not found on the module proxy' },
    {
      module: 'github.com/x/ok',
      dir: 'libs/a',
      reason: 'cooldown',
      detail: 'v1.3.0 was published 2026-06-10; the minor cooldown of 7 days holds it until 2026-06-17 12:00 UTC',
      version: 'v1.3.0',
      eligible: '2026-06-17T12:00:00.000Z',
    },
    {
      module: 'github.com/x/young',
      dir: 'services/b',
      reason: 'cooldown',
      detail: 'v0.4.1 was published 2026-06-14; the patch cooldown of 3 days holds it until 2026-06-17 00:00 UTC',
      version: 'v0.4.1',
      eligible: '2026-06-17T00:00:00.000Z',
    },
  ],
  warnings: [
    {
      dir: 'services/b',
      module: 'github.com/x/half',
      message: 'held at v1.3.0: v1.5.0 needs go 1.24.0; the module declares go 1.23 and go-directive is keep',
    },
  ],
};

const LISTS = new Map([
  [
    'libs/a',
    [
      { path: 'example.com/x/libs/a', version: '' },
      { path: 'github.com/x/shared', version: 'v1.0.0' },
      { path: 'github.com/x/same', version: 'v0.3.0' },
    ],
  ],
  [
    'services/b',
    [
      { path: 'example.com/x/services/b', version: '' },
      { path: 'example.com/x/libs/a', version: 'v0.0.0-00010101000000-000000000000' },
      { path: 'github.com/x/shared', version: 'v1.2.0' },
      { path: 'github.com/x/same', version: 'v0.3.0' },
    ],
  ],
]);

const MODULES = [
  { dir: 'libs/a', path: 'example.com/x/libs/a', go: '1.21', toolchain: null },
  { dir: 'services/b', path: 'example.com/x/services/b', go: '1.23', toolchain: 'go1.24.2' },
];

const STATE: DashboardState = {
  v: 1,
  ignores: [
    { dependency: 'github.com/x/old', updateTypes: ['minor'], by: 'octocat', at: '2026-11-30T10:00:00Z', pr: 4 },
  ],
};

function view(): DashboardView {
  return {
    openPulls: [{ number: 7, group: 'default', updates: 1, impact: 'green' }],
    pending: [
      {
        group: 'observability',
        updates: [{ module: 'go.opentelemetry.io/otel', to: 'v1.30.0', kind: 'minor' }],
        waiting: 'open-pull-requests-limit',
      },
    ],
    heldBack: heldBack(PLAN),
    declined: [{ module: 'github.com/x/nope', version: 'v3.1.0' }],
    drift: versionDrift(MODULES, LISTS),
    problems: ['`.github/gomod-steward.yml:3`: schedule: not a schedule'],
    lastRun: { at: '2026-12-01T05:07:00.000Z', durationMs: 12_300, summary: 'queued 1 pull request' },
  };
}

describe('checkboxes', () => {
  const actions: BoxAction[] = [
    { kind: 'run-all' },
    { kind: 'run-group', group: 'major-github.com-x-y' },
    { kind: 'go-line', go: '1.24.0' },
    { kind: 'unignore', dependency: 'github.com/foo/*' },
  ];

  it('reads back what it wrote, only when ticked, once each', () => {
    const body = actions.map((a) => `${box(a)} text`).join('\n');
    expect(tickedBoxes(body)).toEqual([]);
    const ticked = body.replace(/- \[ \]/g, '- [x]') + `\n${box(actions[0]!).replace('[ ]', '[X]')} again`;
    expect(tickedBoxes(ticked)).toEqual(actions);
    expect(untickAll(ticked)).toBe(body + `\n${box(actions[0]!)} again`);
  });

  it('ignores a marker that does not fit its schema', () => {
    expect(tickedBoxes('- [x] <!-- gomod-steward:box go-line:latest --> x')).toEqual([]);
    expect(tickedBoxes('- [x] <!-- gomod-steward:box launch --> x')).toEqual([]);
  });
});

describe('version drift', () => {
  it('has rows only where versions differ, leaves the repository’s own modules out', () => {
    const d = versionDrift(MODULES, LISTS);
    expect(d.dirs).toEqual(['libs/a', 'services/b']);
    expect(d.rows).toEqual([
      { module: 'github.com/x/shared', versions: ['v1.0.0', 'v1.2.0'], distinct: ['v1.0.0', 'v1.2.0'] },
    ]);
  });
});

describe('held back', () => {
  it('counts what each go line unlocks in the modules that declare less', () => {
    expect(heldBack(PLAN).goLines).toEqual([{ go: '1.24.0', updates: 2, dirs: ['libs/a', 'services/b'] }]);
    expect(heldBack(PLAN).problems).toEqual([
      { module: 'github.com/x/gone', dir: 'services/b', reason: 'not-found', detail: 'not found on the module proxy' },
    ]);
  });
});

describe('held back by the cooldown', () => {
  it('names the version and when it becomes eligible, and whether an older version moves meanwhile', () => {
    const cooling = heldBack(PLAN).held.filter((h) => h.reason === 'cooldown');
    expect(cooling).toEqual([
      expect.objectContaining({
        module: 'github.com/x/ok',
        version: 'v1.3.0',
        eligible: '2026-06-17T12:00:00.000Z',
        partial: true,
      }),
      expect.objectContaining({
        module: 'github.com/x/young',
        version: 'v0.4.1',
        eligible: '2026-06-17T00:00:00.000Z',
      }),
    ]);
    expect(cooling[1]!.partial).toBeUndefined();
  });
});

describe('the dashboard body', () => {
  it('reads as it should', () => {
    expect(renderDashboardBody(view(), STATE)).toMatchSnapshot();
  });

  it('keeps the state and every box when rows must go, dropping drift first, with a note', () => {
    const v = view();
    const many = new Map(LISTS);
    many.set('libs/a', [
      ...LISTS.get('libs/a')!,
      ...Array.from({ length: 3000 }, (_, i) => ({ path: `github.com/many/m${i}`, version: 'v1.0.0' })),
    ]);
    many.set('services/b', [
      ...LISTS.get('services/b')!,
      ...Array.from({ length: 3000 }, (_, i) => ({ path: `github.com/many/m${i}`, version: 'v1.1.0' })),
    ]);
    v.drift = versionDrift(MODULES, many);
    const full = renderDashboardBody(v, STATE, Number.MAX_SAFE_INTEGER);
    expect(full.length).toBeGreaterThan(65_536);
    const body = renderDashboardBody(v, STATE);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/_\d+ row\(s\) were left out to stay under GitHub's limit/);
    expect(readState(body)).toEqual(STATE);
    // Held-back rows, the go-line note, pending and unignore boxes survive; drift rows went first.
    expect(tickedBoxes(body.replace(/- \[ \]/g, '- [x]')).map((a) => a.kind)).toEqual([
      'run-all',
      'run-group',
      'go-line',
      'unignore',
    ]);
    expect(body).toContain('--> raising `go` to 1.24.0 would unlock 2 updates');
    expect(body).toContain('`github.com/x/half`');
    expect(body).toContain('| `github.com/many/m0` |');
    expect(body).not.toContain('| `github.com/many/m2999` |');
  });

  it('prints the local view without boxes', () => {
    const text = renderLocalDashboard({ heldBack: heldBack(PLAN), drift: versionDrift(MODULES, LISTS) });
    expect(text).toContain('- raising `go` to 1.24.0 would unlock 2 updates');
    expect(text).not.toContain('gomod-steward:box');
    expect(text).toContain('| `github.com/x/shared` | v1.0.0 | v1.2.0 |');
  });
});
