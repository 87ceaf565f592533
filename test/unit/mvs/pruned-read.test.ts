/**
 * The pruned graph read from memoised footprints (pruned-read.ts) against the node-by-node reader
 * on random graphs: pruned and unpruned go.mod files mixed, go lines that rise, cycles, requirements
 * of the main module's own path, replacements and exclusions. Same selected versions, same build
 * list, same loaded go.mod files, same requirements per loaded node; a go.mod that cannot be read
 * fails the same way.
 */
import { describe, expect, it } from '@jest/globals';
import { parseGoMod } from '../../../src/gomod/modfile/index.js';
import { loadModuleGraph, ModuleGraphError } from '../../../src/gomod/mvs/index.js';
import { readGraph, readGraphNodeByNode, type GraphRead } from '../../../src/gomod/mvs/read-graph.js';
import { ReplaceTable } from '../../../src/gomod/mvs/replacements.js';
import type { SummaryContext } from '../../../src/gomod/mvs/summaries.js';
import type { ModuleVersion } from '../../../src/gomod/types.js';
import { MemorySource, memoryMain } from '../../support/memory-source.js';
import { rng } from '../../support/seeded-rng.js';

const MAIN = 'example.com/main';
const GO_LINES = [undefined, '1.16', '1.17', '1.20', '1.21', '1.22.3', '1.23'];
const VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.1.1-rc.1', 'v1.1.1', 'v1.10.0', 'v0.0.0-20240101000000-abcdefabcdef'];

interface RandomGraph {
  source: MemorySource;
  roots: ModuleVersion[];
  ctx: SummaryContext;
}

function randomGraph(seed: number, opts: { replace?: boolean; exclude?: boolean; missing?: boolean }): RandomGraph {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const paths = [...Array.from({ length: 8 }, (_, i) => `example.com/m${i}`), MAIN];
  const source = new MemorySource();
  let skipped = false;
  for (const path of paths) {
    for (const version of VERSIONS) {
      if (opts.missing && !skipped && path !== MAIN && r() < 0.1) {
        skipped = true;
        continue;
      }
      const require = paths
        .filter((p) => p !== path && r() < 0.35)
        .map((p) => `${p} ${pick(VERSIONS)}`)
        .sort();
      const go = pick(GO_LINES);
      source.add(path, version, { ...(go ? { go } : {}), require });
    }
  }
  const roots = paths
    .filter(() => r() < 0.5)
    .map((p) => ({ path: p, version: pick(VERSIONS) }))
    .concat([{ path: 'go', version: pick(['1.17', '1.21', '1.22.3']) }]);
  const replace = opts.replace
    ? parseGoMod(
        'main/go.mod',
        `module ${MAIN}\n\nreplace example.com/m1 v1.1.0 => example.com/m2 v1.0.0\n\nreplace example.com/m3 => example.com/m4 v1.10.0\n`,
      ).replace
    : [];
  const excluded = new Set(opts.exclude ? ['example.com/m5@v1.10.0', 'example.com/m6@v1.1.0'] : []);
  const ctx: SummaryContext = {
    source,
    replace: new ReplaceTable([{ replace, readLocal: () => Promise.resolve(null) }]),
    excluded,
  };
  return { source, roots, ctx };
}

function describeRead(g: GraphRead, paths: string[]) {
  const main = { path: MAIN, version: '' };
  const loaded = [...g.summaries.keys()].sort();
  return {
    selected: paths.map((p) => `${p} ${g.graph.selected(p)}`),
    list: g.graph.buildList(),
    loaded,
    requires: [main, ...loaded.map((k) => g.summaries.get(k)!.module)].map((m) => g.graph.requiredBy(m)),
  };
}

async function both(g: RandomGraph) {
  const input = { ctx: g.ctx, mode: 'pruned' as const, mainModules: [{ path: MAIN, version: '' }], roots: g.roots };
  const settle = (p: Promise<GraphRead>) =>
    p.then(
      (v) => ({ ok: v }),
      (err: unknown) => ({ err }),
    );
  return { fast: await settle(readGraph(input)), slow: await settle(readGraphNodeByNode(input)) };
}

const paths = ['go', 'toolchain', MAIN, ...Array.from({ length: 8 }, (_, i) => `example.com/m${i}`)];

describe('a pruned graph from footprints', () => {
  for (const variant of [{}, { replace: true }, { exclude: true }, { replace: true, exclude: true }]) {
    it(`equals the node-by-node read on 60 random graphs ${JSON.stringify(variant)}`, async () => {
      for (let seed = 1; seed <= 60; seed++) {
        const { fast, slow } = await both(randomGraph(seed, variant));
        if (!('ok' in fast) || !('ok' in slow)) throw new Error(`seed ${seed}: a complete graph failed to load`);
        expect({ seed, ...describeRead(fast.ok, paths) }).toEqual({ seed, ...describeRead(slow.ok, paths) });
      }
    });
  }

  it('equals the node-by-node read for graphs of one source whose roots differ in one or two', async () => {
    // Reads that share footprints, as a plan's do, with paths first met between them: the path
    // ranks that order each build list move under the reads that came before.
    for (let seed = 1; seed <= 15; seed++) {
      const r = rng(1000 + seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
      const many = Array.from({ length: 30 }, (_, i) => `example.com/n${String(29 - i).padStart(2, '0')}-${seed}`);
      const source = new MemorySource();
      for (const path of many)
        for (const version of VERSIONS)
          source.add(path, version, {
            ...(r() < 0.8 ? { go: pick(['1.21', '1.22.3']) } : {}),
            require: many
              .filter((p) => p !== path && r() < 0.15)
              .map((p) => `${p} ${pick(VERSIONS)}`)
              .sort(),
          });
      const ctx: SummaryContext = { source, replace: new ReplaceTable([]), excluded: new Set() };
      let roots = many.filter(() => r() < 0.6).map((p) => ({ path: p, version: pick(VERSIONS) }));
      const earlier: [GraphRead, string][] = [];
      for (let step = 0; step < 12; step++) {
        const input = { ctx, mode: 'pruned' as const, mainModules: [{ path: MAIN, version: '' }], roots };
        const [fast, slow] = [await readGraph(input), await readGraphNodeByNode(input)];
        // A caller may change the list it was handed; the graph's own list stays as it was.
        fast.graph.buildList().length = 0;
        expect({ seed, step, ...describeRead(fast, many) }).toEqual({ seed, step, ...describeRead(slow, many) });
        earlier.push([fast, JSON.stringify(describeRead(fast, many))]);
        // The next graph: one root moved, and now and then one added or dropped.
        const next = roots.map((m) => ({ ...m }));
        pick(next).version = pick(VERSIONS);
        if (r() < 0.3) next.splice(Math.floor(r() * next.length), 1);
        if (r() < 0.3) {
          const path = pick(many);
          if (!next.some((m) => m.path === path)) next.push({ path, version: pick(VERSIONS) });
        }
        roots = next.sort((a, b) => (a.path < b.path ? -1 : 1));
      }
      // Graphs share the objects of their lists: the reads that came after changed none of them.
      for (const [g, was] of earlier) expect(JSON.stringify(describeRead(g, many))).toBe(was);
    }
  });

  it('fails as the node-by-node read does when a go.mod cannot be read', async () => {
    let failures = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { fast, slow } = await both(randomGraph(seed, { missing: true }));
      if ('err' in slow) {
        failures++;
        expect('err' in fast).toBe(true);
        const [f, s] = ['err' in fast ? fast.err : null, slow.err] as [ModuleGraphError, ModuleGraphError];
        expect(f).toBeInstanceOf(ModuleGraphError);
        expect([f.path, f.version, f.message]).toEqual([s.path, s.version, s.message]);
      } else {
        expect('ok' in fast && describeRead(fast.ok, paths)).toEqual(describeRead(slow.ok, paths));
      }
    }
    expect(failures).toBeGreaterThan(3);
  });
});

describe('memoised graphs', () => {
  it('hand out copies: changing one leaves the next answer as it was', async () => {
    const s = new MemorySource()
      .add('example.com/a', 'v1.0.0', { go: '1.21', require: ['example.com/b v1.2.0'] })
      .add('example.com/b', 'v1.2.0', { go: '1.21' });
    const main = memoryMain(`module ${MAIN}\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n`);
    const first = await loadModuleGraph(main, s);
    const want = [...first.list];
    first.list.push({ path: 'example.com/z', version: 'v9.0.0' });
    first.roots.length = 0;
    const again = await loadModuleGraph(main, s);
    expect(again.list).toEqual(want);
    expect(again.roots.map((r) => r.path)).toContain('example.com/a');
  });
});
