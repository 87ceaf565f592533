/**
 * The plan held to Go on random module worlds (test/oracles/random-graphs.ts) served by a file
 * proxy: pruned and unpruned modules, rising go lines, retractions, excludes, replaces, cyclic
 * local replaces. Seeded: a failing case names its seed; GOMODSTEWARD_SEEDS="7,8" replays some.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig, type StewardConfig } from '../../src/config/schema.js';
import { CARRIED_MAY_DIFFER } from '../../src/planner/plan-schema.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { writeFileProxy } from '../oracles/file-proxy.js';
import { runDifferential, summarize, type Differential } from '../oracles/monorepo-differential.js';
import { generateWorld } from '../oracles/random-graphs.js';

const SEEDS = process.env.GOMODSTEWARD_SEEDS
  ? process.env.GOMODSTEWARD_SEEDS.split(',').map(Number)
  : Array.from({ length: 16 }, (_, i) => 1001 + i);

const config: StewardConfig = { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'], goDirective: 'allow' };

interface Outcome {
  seed: number;
  d: Differential;
}

describe('plan on random module worlds against Go', () => {
  let work: string;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'generated-differential-'));
    const modCache = join(work, 'modcache');
    for (const seed of SEEDS) {
      const world = generateWorld(seed);
      const base = join(work, String(seed));
      const proxyUrl = await writeFileProxy(join(base, 'proxy'), world.proxy);
      const root = join(base, 'repo');
      for (const [file, text] of Object.entries(world.repo)) {
        await mkdir(dirname(join(root, file)), { recursive: true });
        await writeFile(join(root, file), text);
      }
      const env = { GOPROXY: proxyUrl, GOSUMDB: 'off' };
      const source = proxyClientFromEnv({ env: { ...process.env, ...env }, cacheDir: false });
      const corpus = {
        root,
        modCache,
        missing: [],
        modules: world.dirs.map((dir) => ({ dir, path: world.paths[dir]!, version: '' })),
      };
      outcomes.push({ seed, d: await runDifferential(corpus, { config, source, env }) });
    }
    const exact = outcomes.reduce((s, o) => s + o.d.carried.filter((c) => c.agreeing === c.entries).length, 0);
    const dirs = outcomes.reduce((s, o) => s + o.d.carried.length, 0);
    console.log(
      [
        `generated differential, ${SEEDS.length} seeds: carried exact in ${exact}/${dirs} dirs`,
        ...outcomes.map((o) => `  seed ${o.seed}: ${summarize(o.d)}`),
      ].join('\n'),
    );
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('proposes only versions `go get` accepts together', () => {
    expect(
      outcomes.filter((o) => o.d.getFailures.length > 0).map((o) => ({ seed: o.seed, ...o.d.getFailures })),
    ).toEqual([]);
  });

  it('targets what `go list -m -u` calls the upgrade (retractions and excludes included)', () => {
    expect(outcomes.flatMap((o) => o.d.targets.mismatches.map((m) => ({ seed: o.seed, ...m })))).toEqual([]);
  });

  it('affects exactly the dirs whose build list Go changes', () => {
    const differ = outcomes.filter(
      (o) => JSON.stringify(o.d.affected.predicted) !== JSON.stringify(o.d.affected.actual),
    );
    expect(differ.map((o) => ({ seed: o.seed, ...o.d.affected }))).toEqual([]);
  });

  it('predicts carried exactly, or warns once in that dir with the cause', () => {
    const inexact = outcomes.flatMap((o) => {
      const warned = new Set(
        o.d.plan.warnings.filter((w) => w.message.startsWith(CARRIED_MAY_DIFFER)).map((w) => w.dir),
      );
      return o.d.carried
        .filter((c) => c.agreeing !== c.entries && !warned.has(c.dir))
        .map((c) => ({ seed: o.seed, dir: c.dir, predicted: c.predicted, actual: c.actual }));
    });
    expect(inexact).toEqual([]);
  });
});
