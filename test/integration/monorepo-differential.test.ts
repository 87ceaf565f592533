/**
 * The plan held to Go on real monorepos: every module of the OpenTelemetry collector v0.100.0
 * release and of the contrib v1.26.0 release of the same month, laid out from the module proxy
 * with their `replace ../` lines and a go.work (test/oracles/monorepo-corpus.ts). Both Go and the planner see the module world as it was at
 * CUTOFF (test/oracles/capped-proxy.ts), so new upstream releases change nothing here.
 *
 * Figures print on every run: carried exact in N/M dirs, entries agreeing / entries.
 *
 * Two modes. `get`: the plan on the tree without its go.work (so apply would run no go work
 * sync), predicting go get alone, against `go get` of the planned versions alone, on both
 * projects — the prediction must be exact. `apply`: the plan on the tree with its go.work,
 * predicting go mod tidy and go work sync from the modules' packages, against what apply runs
 * (get and tidy per module and in every module building against one, then go work sync and
 * tidy until sync has nothing to do): exact in nearly every dir, and every dir that is not
 * warned once by the plan, naming the cause. Apply mode runs on contrib (GOMODSTEWARD_APPLY_PROJECTS
 * = "collector,contrib" adds the collector, ~75 s more).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { defaultConfig, type StewardConfig } from '../../src/config/schema.js';
import { CARRIED_MAY_DIFFER } from '../../src/planner/plan-schema.js';
import { CARRIED_CAUSES, carriedDifferences, compareCarried } from '../../src/toolchain/apply/compare-carried.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { startCappedProxy, type CappedProxy } from '../oracles/capped-proxy.js';
import { defaultProxyUrl } from '../oracles/go-command.js';
import {
  corpusCacheDir,
  monorepoCorpus,
  OTEL_COLLECTOR,
  OTEL_CONTRIB,
  type MonorepoSpec,
} from '../oracles/monorepo-corpus.js';
import {
  perDirLines,
  runDifferential,
  summarize,
  targetsPublishedAfter,
  type Differential,
} from '../oracles/monorepo-differential.js';

/** Every version the tests may see was published before this instant. */
const CUTOFF = '2025-01-01T00:00:00Z';

/** The plan and Go on one project, behind a capped proxy, with the permissive policy. */
async function differential(
  spec: MonorepoSpec,
  mode: 'get' | 'apply',
): Promise<{ d: Differential; proxy: CappedProxy }> {
  const corpus = await monorepoCorpus(spec);
  const proxy = await startCappedProxy({
    upstream: await defaultProxyUrl(),
    cutoff: CUTOFF,
    cacheDir: join(corpusCacheDir(), 'capped-proxy'),
  });
  // Checksums are not what this oracle checks, and the capped proxy is not a checksum database.
  const env = { GOPROXY: proxy.url, GOSUMDB: 'off' };
  const source = proxyClientFromEnv({ env: { ...process.env, ...env }, cacheDir: false });
  // Permissive, so that every direct requirement with a newer version gets a target.
  const config: StewardConfig = { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'], goDirective: 'allow' };
  return { d: await runDifferential(corpus, { config, source, env, mode }), proxy };
}

/**
 * The lines that name planned targets published after CUTOFF. Their dirs are compared like any
 * other (Go ran the same sequence on the same versions): counted in the figures, not left out.
 */
async function lateTargetLines(d: Differential, proxy: CappedProxy): Promise<string[]> {
  const late = await targetsPublishedAfter(d.plan, proxy.url, CUTOFF);
  if (late.length === 0) return [];
  const dirs = new Set(late.flatMap((t) => t.dirs));
  return [
    `  targets published after the cutoff (listed below an older top version, or required by one; ${dirs.size} dirs take one, compared as any other):`,
    ...late.map((t) => `    ${t.module}@${t.version} in ${t.dirs.join(', ')}`),
  ];
}

/** What a run prints: its figures, the late targets, `causes` (apply mode), then each dir. */
async function report(title: string, d: Differential, proxy: CappedProxy, causes: string[] = []): Promise<string> {
  return [
    `${title}: ${summarize(d)}`,
    ...(await lateTargetLines(d, proxy)),
    ...causes,
    '  dir, carried entries agreeing/entries:',
    ...perDirLines(d, CARRIED_MAY_DIFFER),
  ].join('\n');
}

describe.each([OTEL_COLLECTOR, OTEL_CONTRIB])('plan on every module of $prefix@$version against go get', (spec) => {
  let proxy: CappedProxy;
  let d: Differential;

  beforeAll(async () => {
    ({ d, proxy } = await differential(spec, 'get'));
    console.log(await report(`monorepo differential (${spec.prefix}@${spec.version})`, d, proxy));
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
  });

  it('plans every module of the release, with updates (the pinned old release guarantees some)', () => {
    expect(d.plan.modules.length).toBe(d.carried.length + d.getFailures.length);
    expect(d.plan.skipped.filter((s) => s.module === '*')).toEqual([]);
    expect(d.plan.updates.length).toBeGreaterThan(10);
  });

  it('targets what `go list -m -u` calls the upgrade, or what another target requires and Go selects', () => {
    expect(d.targets.compared).toBeGreaterThan(100);
    expect(d.targets.mismatches).toEqual([]);
  });

  it('proposes only versions `go get` accepts together', () => {
    expect(d.getFailures).toEqual([]);
  });

  it('affects exactly the dirs whose build list Go changes', () => {
    expect(d.affected.predicted).toEqual(d.affected.actual);
  });

  it('predicts carried exactly, or warns once in that dir with the cause', () => {
    const warned = new Set(
      d.plan.warnings.filter((w) => w.dir !== undefined && w.message.startsWith(CARRIED_MAY_DIFFER)).map((w) => w.dir),
    );
    const inexact = d.carried
      .filter((c) => c.agreeing !== c.entries && !warned.has(c.dir))
      .map((c) => ({ dir: c.dir, predicted: c.predicted, actual: c.actual }));
    expect(inexact).toEqual([]);
    // One warning per dir at most: never one line per entry.
    const perDir = d.plan.warnings.filter((w) => w.message.startsWith(CARRIED_MAY_DIFFER)).map((w) => w.dir);
    expect(perDir.length).toBe(new Set(perDir).size);
  });

  it('predicts carried exactly in at least 99% of dirs, and warns no dir it predicts exactly', () => {
    const exact = d.carried.filter((c) => c.agreeing === c.entries);
    expect(exact.length).toBeGreaterThanOrEqual(Math.ceil(0.99 * d.carried.length));
    // A warning on an exact dir is noise that buries the real ones: the plan warns only where the
    // packages go get loads could not be read.
    const warned = new Set(
      d.plan.warnings.filter((w) => w.dir !== undefined && w.message.startsWith(CARRIED_MAY_DIFFER)).map((w) => w.dir),
    );
    expect(exact.filter((c) => warned.has(c.dir)).map((c) => c.dir)).toEqual([]);
  });
});

/**
 * Dirs exact against the full apply sequence, as measured (predicting go get alone: 1/27 and 7/44;
 * before go work sync's spelled-path reads and tidy's roots before a lookup were predicted: 26/27
 * and 40/44).
 */
const APPLY_EXACT: Record<string, number> = { contrib: 27, collector: 44 };
const APPLY_PROJECTS = (process.env.GOMODSTEWARD_APPLY_PROJECTS ?? 'contrib').split(',');
const APPLY_SPECS = [
  { name: 'contrib', spec: OTEL_CONTRIB },
  { name: 'collector', spec: OTEL_COLLECTOR },
].filter((p) => APPLY_PROJECTS.includes(p.name));

describe.each(APPLY_SPECS)(
  'plan on every module of $spec.prefix@$spec.version against what apply runs',
  ({ name, spec }) => {
    let proxy: CappedProxy;
    let d: Differential;

    beforeAll(async () => {
      ({ d, proxy } = await differential(spec, 'apply'));
      const counts = new Map<string, number>();
      for (const c of d.carried) {
        const withDir = (xs: typeof c.actual) => xs.map((x) => ({ dir: c.dir, ...x }));
        for (const x of carriedDifferences(withDir(c.predicted), withDir(c.actual), c.dir))
          counts.set(x.cause, (counts.get(x.cause) ?? 0) + 1);
      }
      console.log(
        await report(`monorepo differential, apply mode (${spec.prefix}@${spec.version})`, d, proxy, [
          '  differing entries by cause:',
          ...[...counts].map(
            ([cause, n]) => `    ${String(n).padStart(4)}  ${CARRIED_CAUSES[cause as keyof typeof CARRIED_CAUSES]}`,
          ),
        ]),
      );
    }, 600_000);

    afterAll(async () => {
      await proxy?.close();
    });

    it('runs get, tidy and go work sync without a failure', () => {
      expect(d.getFailures).toEqual([]);
    });

    it('affects every dir whose build list apply changes', () => {
      expect(d.affected.actual.filter((dir) => !d.affected.predicted.includes(dir))).toEqual([]);
    });

    it('predicts what get, tidy and sync carry exactly in the dirs measured before (go get alone: far fewer)', () => {
      const exact = d.carried.filter((c) => c.agreeing === c.entries && c.predicted.length === c.actual.length);
      expect(exact.length).toBeGreaterThanOrEqual(APPLY_EXACT[name]!);
    });

    it('warns once, naming the cause, in each dir where tidy could not be predicted, and never where exact', () => {
      const warned = d.plan.warnings.filter((w) => w.dir !== undefined && w.message.startsWith(CARRIED_MAY_DIFFER));
      expect(warned.length).toBe(new Set(warned.map((w) => w.dir)).size);
      const exact = new Set(d.carried.filter((c) => c.agreeing === c.entries).map((c) => c.dir));
      expect(warned.filter((w) => exact.has(w.dir!)).map((w) => w.dir)).toEqual([]);
      for (const w of warned) expect(w.message).toMatch(/go mod tidy .* could not be predicted \(.+\)/);
    });

    it('surfaces every difference as one warning per dir that names its causes, and none where exact', () => {
      const predicted = d.carried.flatMap((c) => c.predicted.map((x) => ({ dir: c.dir, ...x })));
      const actual = d.carried.flatMap((c) => c.actual.map((x) => ({ dir: c.dir, ...x })));
      const warnings = compareCarried(
        predicted,
        actual,
        d.carried.map((c) => c.dir),
        d.plan.warnings,
      );
      const inexact = d.carried.filter((c) => c.agreeing !== c.entries).map((c) => c.dir);
      expect(warnings.map((w) => w.dir)).toEqual(inexact);
      const causes = Object.values(CARRIED_CAUSES);
      for (const w of warnings) expect(causes.some((c) => w.message.includes(c))).toBe(true);
    });
  },
);
