/**
 * The release-age cooldown, over a local module proxy whose `.info` times the test sets relative
 * to an injected "now": every proposed version is at least its window old, the next older
 * version that passes every rule is proposed instead, patch/minor/major windows differ, `exclude`
 * bypasses, security fixes are exempt unless `cooldown.security: true`, a held version is reported
 * in `skipped` with the date it becomes eligible, and each `.info` is fetched at most once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { renderPlan } from '../../src/cli/render-plan.js';
import { heldBack } from '../../src/dashboard/held-back.js';
import { renderLocalDashboard } from '../../src/dashboard/render.js';
import { renderBody } from '../../src/pull-request/body.js';
import { META_VERSION, type PullMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import { parseConfig } from '../../src/config/load.js';
import { advisoryFileUrl, createVulnDb } from '../../src/gomod/vulndb/index.js';
import { updateKind } from '../../src/gomod/update-kind.js';
import type { ModuleSource } from '../../src/gomod/types.js';
import { cooldownDays } from '../../src/planner/cooldown.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { memoryTree } from '../../src/workspace/tree.js';
import {
  daysBefore,
  serveFileProxy,
  writeFileProxy,
  type ProxyModule,
  type ServedFileProxy,
} from '../oracles/file-proxy.js';
import { writeVulnDb } from '../support/vulndb-fixture.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const CONFIG_FILE = '.github/gomod-steward.yml';
/** The test's config; `more` adds keys under `cooldown:`. */
const windows = (...more: string[]) =>
  [
    'update-types: [major, minor, patch]',
    'cooldown:',
    '  default-days: 3',
    '  patch-days: 2',
    '  minor-days: 7',
    '  major-days: 30',
    '  exclude: ["example.org/trusted/*"]',
    ...more.map((l) => `  ${l}`),
    'ignore:',
    '  - dependency: example.org/ign',
    '    versions: [v1.2.0]',
  ].join('\n');
const WINDOWS = windows();

/** [module, version, age in days] — go.mod of every version: `go 1.20`, nothing required. */
const AGES: [string, string, number][] = [
  // minor held (5 days < 7), the next older minor passes (8 days), patches below it are not needed
  ['example.org/a', 'v1.0.1', 40],
  ['example.org/a', 'v1.0.2', 1],
  ['example.org/a', 'v1.1.0', 8],
  ['example.org/a', 'v1.2.0', 5],
  // same age, different windows: the minor (7) waits, the patch (2) does not
  ['example.org/b', 'v1.0.1', 3],
  ['example.org/b', 'v1.1.0', 3],
  // a major (v0 → v1) of 20 days waits for 30; the v0 minor of the same age goes
  ['example.org/c', 'v0.10.0', 20],
  ['example.org/c', 'v1.0.0', 20],
  // excluded: half a day old and proposed all the same
  ['example.org/trusted/d', 'v1.1.0', 0.5],
  // nothing old enough: held entirely
  ['example.org/e', 'v1.0.1', 1],
  // the next older version is ignored, so the one below it is proposed
  ['example.org/ign', 'v1.1.0', 30],
  ['example.org/ign', 'v1.2.0', 30],
  ['example.org/ign', 'v1.3.0', 1],
  // exactly at the end of its window: eligible
  ['example.org/edge', 'v1.0.1', 2],
];
const CURRENT: Record<string, string> = {
  'example.org/a': 'v1.0.0',
  'example.org/b': 'v1.0.0',
  'example.org/c': 'v0.9.0',
  'example.org/trusted/d': 'v1.0.0',
  'example.org/e': 'v1.0.0',
  'example.org/ign': 'v1.0.0',
  'example.org/edge': 'v1.0.0',
};

const goModOf = (path: string) => `module ${path}\n\ngo 1.20\n`;

function proxyModules(now: Date): ProxyModule[] {
  return [
    ...Object.entries(CURRENT).map(([path, version]) => ({
      path,
      version,
      goMod: goModOf(path),
      time: daysBefore(now, 400),
    })),
    ...AGES.map(([path, version, age]) => ({ path, version, goMod: goModOf(path), time: daysBefore(now, age) })),
  ];
}

function repoFiles(config: string): Record<string, string> {
  const require = Object.entries(CURRENT)
    .map(([p, v]) => `\t${p} ${v}\n`)
    .join('');
  return { 'go.mod': `module example.org/app\n\ngo 1.22\n\nrequire (\n${require})\n`, [CONFIG_FILE]: config };
}

function sourceFor(goproxy: string): ModuleSource & { stats(): { requests: number } } {
  const env = { ...process.env, GOPROXY: goproxy, GOSUMDB: 'off', GONOSUMDB: '', GOPRIVATE: '', GONOPROXY: '' };
  return proxyClientFromEnv({ env, cacheDir: false });
}

const to = (plan: Plan) => Object.fromEntries(plan.updates.map((u) => [u.module, u.to]));
const held = (plan: Plan) => plan.skipped.filter((s) => s.reason === 'cooldown');

let root: string;
let served: ServedFileProxy;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gomod-steward-cooldown-'));
  await writeFileProxy(join(root, 'proxy'), proxyModules(NOW));
  served = await serveFileProxy(join(root, 'proxy'));
});

afterAll(async () => {
  await served.close();
  await rm(root, { recursive: true, force: true });
});

async function planWith(
  configText: string,
  source: ModuleSource,
  extra: Partial<Parameters<typeof createPlan>[0]> = {},
) {
  const files = repoFiles(configText);
  return createPlan({
    tree: memoryTree(files),
    root: '.',
    config: parseConfig(CONFIG_FILE, configText),
    source,
    now: NOW,
    ...extra,
  });
}

describe('the release-age cooldown', () => {
  it('proposes only versions older than their window, the next older passing one when the newest is too young', async () => {
    const source = sourceFor(served.url);
    const plan = await planWith(WINDOWS, source);
    expect(to(plan)).toEqual({
      'example.org/a': 'v1.1.0',
      'example.org/b': 'v1.0.1',
      'example.org/c': 'v0.10.0',
      'example.org/trusted/d': 'v1.1.0',
      'example.org/ign': 'v1.1.0',
      'example.org/edge': 'v1.0.1',
    });

    // Held to the definition, for every update: published at least its window before now.
    const config = parseConfig(CONFIG_FILE, WINDOWS);
    for (const u of plan.updates) {
      const from = u.dirs[0]!.from;
      const days = cooldownDays(config.cooldown, u.module, updateKind(from, u.to));
      const published = Date.parse((await source.info(u.module, u.to)).Time!);
      expect({ module: u.module, oldEnough: NOW.getTime() - published >= days * DAY }).toEqual({
        module: u.module,
        oldEnough: true,
      });
    }

    // Each hold names the newest version held and the exact instant it becomes eligible.
    const eligible = (age: number, days: number) => new Date(NOW.getTime() + (days - age) * DAY).toISOString();
    expect(held(plan)).toEqual([
      expect.objectContaining({ module: 'example.org/a', dir: '.', version: 'v1.2.0', eligible: eligible(5, 7) }),
      expect.objectContaining({ module: 'example.org/b', version: 'v1.1.0', eligible: eligible(3, 7) }),
      expect.objectContaining({ module: 'example.org/c', version: 'v1.0.0', eligible: eligible(20, 30) }),
      expect.objectContaining({ module: 'example.org/e', version: 'v1.0.1', eligible: eligible(1, 2) }),
      expect.objectContaining({ module: 'example.org/ign', version: 'v1.3.0', eligible: eligible(1, 7) }),
    ]);
    expect(held(plan).find((s) => s.module === 'example.org/c')?.detail).toBe(
      'v1.0.0 was published 2026-05-26; the major cooldown of 30 days holds it until 2026-06-25 12:00 UTC',
    );
    // A module held entirely is not also skipped for another reason.
    expect(plan.skipped.filter((s) => s.module === 'example.org/e')).toHaveLength(1);
  });

  it('proposes the newest version without a cooldown, and with the same plan a day before the window ends holds it', async () => {
    const source = sourceFor(served.url);
    expect(to(await planWith('update-types: [major, minor, patch]\n', source))).toMatchObject({
      'example.org/a': 'v1.2.0',
      'example.org/c': 'v1.0.0',
      'example.org/e': 'v1.0.1',
    });
    // `now` is the caller's: two days on, the minor of example.org/a (5 days old today) is eligible.
    const later = await planWith(WINDOWS, source, { now: new Date(NOW.getTime() + 2 * DAY) });
    expect(to(later)['example.org/a']).toBe('v1.2.0');
    const earlier = await planWith(WINDOWS, source, { now: new Date(NOW.getTime() + 2 * DAY - 1) });
    expect(to(earlier)['example.org/a']).toBe('v1.1.0');
  });

  it('fetches each .info at most once, however often the planner asks', async () => {
    const source = sourceFor(served.url);
    served.requests.length = 0;
    await planWith(WINDOWS, source);
    await planWith(WINDOWS, source, { now: new Date(NOW.getTime() + DAY) });
    const infos = served.requests.filter((r) => r.endsWith('.info'));
    expect(infos.length).toBeGreaterThan(5);
    expect(infos.filter((r, i) => infos.indexOf(r) !== i)).toEqual([]);
  });

  describe('and security fixes', () => {
    let vulnDb: Parameters<typeof createPlan>[0]['vulnDb'];
    beforeAll(async () => {
      const url = await writeVulnDb(join(root, 'vulndb'), [
        { id: 'GO-2099-0101', module: 'example.org/e', events: [{ introduced: '0' }, { fixed: '1.0.1' }] },
      ]);
      vulnDb = { snapshot: await createVulnDb({ url }).snapshot(), advisoryUrl: (id) => advisoryFileUrl(url, id) };
    });

    it('are exempt: the fix is proposed however young, and the hold it reaches is not reported', async () => {
      const plan = await planWith(WINDOWS, sourceFor(served.url), { vulnDb: vulnDb! });
      expect(plan.updates.find((u) => u.module === 'example.org/e')).toMatchObject({
        to: 'v1.0.1',
        security: ['GO-2099-0101'],
      });
      expect(held(plan).map((s) => s.module)).not.toContain('example.org/e');
    });

    it('wait too with cooldown.security: true, and the advisory says nothing fixes it yet', async () => {
      const plan = await planWith(windows('security: true'), sourceFor(served.url), { vulnDb: vulnDb! });
      expect(plan.updates.map((u) => u.module)).not.toContain('example.org/e');
      expect(plan.vulnerabilities).toEqual([expect.objectContaining({ id: 'GO-2099-0101', fixedBy: 'none' })]);
      const holds = held(plan).filter((s) => s.module === 'example.org/e');
      expect(holds).toContainEqual(
        expect.objectContaining({
          version: 'v1.0.1',
          detail: expect.stringMatching(/^fix for GO-2099-0101 held back: v1\.0\.1 was published/),
        }),
      );
    });
  });
});

describe('what people see', () => {
  it('the PR summary lists each held version with the day it becomes eligible; the dashboard and plan table too', async () => {
    const plan = await planWith(WINDOWS, sourceFor(served.url));
    const meta: PullMeta = {
      v: META_VERSION,
      base: 'main',
      group: 'all',
      baseSha: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
      headSha: '9a8b7c6d5e4f30219a8b7c6d5e4f30219a8b7c6d',
      updates: plan.updates,
      affected: plan.affected,
      services: [],
    };
    const body = renderBody({
      meta,
      carried: plan.carried,
      failed: [],
      skipped: plan.skipped,
      impact: '### Impact',
      releaseNotes: '### Release notes',
      commands: '### Commands',
    });
    const summary = readSection(body, 'summary')!;
    expect(
      summary.split('\n').filter((l) => l.startsWith('**Held by cooldown**') || l.includes(': eligible on ')),
    ).toEqual([
      '**Held by cooldown** (published too recently for the configured `cooldown`; proposed once eligible):',
      '- `example.org/a` `v1.2.0` in `.`: eligible on 2026-06-17',
      '- `example.org/b` `v1.1.0` in `.`: eligible on 2026-06-19',
      '- `example.org/c` `v1.0.0` in `.`: eligible on 2026-06-25',
      '- `example.org/e` `v1.0.1` in `.`: eligible on 2026-06-16',
      '- `example.org/ign` `v1.3.0` in `.`: eligible on 2026-06-21',
    ]);

    const dashboard = renderLocalDashboard({ heldBack: heldBack(plan), drift: { dirs: [], rows: [], lines: [] } });
    expect(dashboard).toContain(
      '| `example.org/a` | `.` | in cooldown (moves, but not to the newest): v1.2.0 was published 2026-06-10; the minor cooldown of 7 days holds it until 2026-06-17 12:00 UTC |',
    );
    expect(dashboard).toMatch(/\| `example\.org\/e` \| `\.` \| in cooldown: v1\.0\.1 was published/);

    const table = renderPlan(plan);
    expect(table).toMatch(/example\.org\/a +v1\.0\.0 +v1\.1\.0 \(v1\.2\.0 in cooldown until 2026-06-17\) +minor/);
  });
});

describe('plan --json', () => {
  it('shows a version held by the cooldown in skipped, with the date it becomes eligible', async () => {
    // The CLI reads the real clock: ages far from the window's end keep this exact.
    const now = new Date();
    const proxyDir = join(root, 'cli-proxy');
    await writeFileProxy(proxyDir, [
      { path: 'example.org/a', version: 'v1.0.0', goMod: goModOf('example.org/a'), time: daysBefore(now, 400) },
      { path: 'example.org/a', version: 'v1.1.0', goMod: goModOf('example.org/a'), time: daysBefore(now, 100) },
      { path: 'example.org/a', version: 'v1.2.0', goMod: goModOf('example.org/a'), time: daysBefore(now, 1) },
    ]);
    const repo = join(root, 'cli-repo');
    await mkdir(join(repo, '.github'), { recursive: true });
    await writeFile(join(repo, 'go.mod'), 'module example.org/app\n\ngo 1.22\n\nrequire example.org/a v1.0.0\n');
    await writeFile(join(repo, CONFIG_FILE), 'cooldown:\n  default-days: 14\n');
    const vulndb = await writeVulnDb(join(root, 'cli-vulndb'), []);
    let out = '';
    let err = '';
    const code = await runCli(['plan', repo, '--json'], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      env: {
        ...process.env,
        GOPROXY: `file://${proxyDir}`,
        GOSUMDB: 'off',
        GONOSUMDB: '',
        GOPRIVATE: '',
        GONOPROXY: '',
        GOTOOLCHAIN: 'local',
        GOVULNDB: vulndb,
        GOMODSTEWARD_CACHE: join(root, 'cli-cache'),
      },
    });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const plan = JSON.parse(out) as Plan;
    expect(plan.updates).toEqual([expect.objectContaining({ module: 'example.org/a', to: 'v1.1.0', kind: 'minor' })]);
    const eligible = Date.parse(held(plan)[0]?.eligible ?? '');
    expect(held(plan)).toEqual([
      expect.objectContaining({ module: 'example.org/a', dir: '.', reason: 'cooldown', version: 'v1.2.0' }),
    ]);
    expect(Math.abs(eligible - (now.getTime() + 13 * DAY))).toBeLessThan(60_000);
  });
});
