/**
 * GoLineBound may only say yes where simulating the get agrees: over seeded random module graphs
 * (pruned and unpruned go.mod files, go lines that rise, versions that drop requirements), every
 * candidate it allows keeps the graph's go version and every moved module's go line at the limit.
 */
import { describe, expect, it } from '@jest/globals';
import { compareGoVersions } from '../../../src/gomod/go-version.js';
import { buildList, fetchGoMod, GoLineBound, simulateGet } from '../../../src/gomod/mvs/index.js';
import { goModText, memoryMain, MemorySource } from '../../support/memory-source.js';
import { rng } from '../../support/seeded-rng.js';

const MODULES = 8;
const VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0'];
const GO_LINES = [null, '1.16', '1.17', '1.19', '1.20', '1.21', '1.22', '1.23', '1.24'];
const LIMIT = '1.22';
const name = (i: number) => `example.org/m${i}`;

function universe(r: () => number): MemorySource {
  const source = new MemorySource();
  for (let i = 0; i < MODULES; i++) {
    let go: string | null = GO_LINES[Math.floor(r() * 3)]!;
    for (const v of VERSIONS) {
      // Go lines mostly rise with versions, sometimes jump.
      const next = GO_LINES[Math.floor(r() * GO_LINES.length)]!;
      if (go === null || (next !== null && compareGoVersions(next, go) > 0 && r() < 0.3)) go = next;
      const require: string[] = [];
      for (let j = 0; j < MODULES; j++) {
        if (j !== i && r() < 0.2) require.push(`${name(j)} ${VERSIONS[Math.floor(r() * VERSIONS.length)]}`);
      }
      source.add(name(i), v, { ...(go ? { go } : {}), require });
    }
  }
  return source;
}

describe('GoLineBound', () => {
  it('allows only candidates whose simulated get stays within the limit', async () => {
    let allowed = 0;
    let checked = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const source = universe(r);
      // Three modules on one source: the bounds share footprints and go lines, each keeps its own steps.
      for (let k = 0; k < 3; k++) {
        const require = [0, 1, 2, 3, 4, 5, 6, 7]
          .filter(() => r() < 0.4)
          .map((i) => `${name(i)} ${VERSIONS[Math.floor(r() * 2)]}`);
        if (require.length === 0) continue;
        // Tidy roots: write go.mod with every root at its selected version, as `go mod tidy` leaves it.
        const first = await buildList(
          memoryMain(goModText(`example.org/main${k}`, { go: LIMIT, require })),
          source,
        ).catch(() => null);
        if (!first) continue;
        const roots = first.graph.roots.filter((m) => m.path !== 'go' && m.path !== 'toolchain');
        const main = memoryMain(
          goModText(`example.org/main${k}`, { go: LIMIT, require: roots.map((m) => `${m.path} ${m.version}`) }),
        );
        const baseline = (await buildList(main, source)).list;
        const bound = await GoLineBound.create(main, source, baseline);
        if (!bound) continue;
        const before = new Map(baseline.map((m) => [m.path, m.version]));
        const answers: { path: string; v: string; yes: boolean }[] = [];
        for (const root of roots) {
          for (const v of VERSIONS.filter((x) => x > root.version)) {
            checked++;
            const yes = await bound.allows(root.path, v, LIMIT);
            answers.push({ path: root.path, v, yes });
            if (!yes) continue;
            allowed++;
            const sim = await simulateGet(main, new Map([[root.path, v]]), source);
            expect({ seed, root, v, maxGo: sim.maxGo }).toEqual({ seed, root, v, maxGo: LIMIT });
            for (const m of sim.list) {
              if (m.version === '' || before.get(m.path) === m.version) continue;
              const go = (await fetchGoMod(source, m.path, m.version)).go;
              expect({ seed, root, v, moved: m, go: go !== null && compareGoVersions(go, LIMIT) > 0 }).toEqual({
                seed,
                root,
                v,
                moved: m,
                go: false,
              });
            }
          }
        }
        // What a bound remembers between candidates never changes an answer: asked again in the
        // other order, by the same bound and by a fresh one, every candidate gets the same answer.
        const fresh = (await GoLineBound.create(main, source, baseline))!;
        for (const a of [...answers].reverse()) {
          expect({ seed, ...a, again: await bound.allows(a.path, a.v, LIMIT) }).toEqual({ seed, ...a, again: a.yes });
          expect({ seed, ...a, fresh: await fresh.allows(a.path, a.v, LIMIT) }).toEqual({ seed, ...a, fresh: a.yes });
        }
      }
    }
    // The property must have been exercised both ways.
    expect(allowed).toBeGreaterThan(20);
    expect(checked - allowed).toBeGreaterThan(20);
  });

  it('says no when the candidate brings a module that declares a newer go', async () => {
    const source = new MemorySource()
      .add('example.org/a', 'v1.0.0', { go: '1.20' })
      .add('example.org/a', 'v1.1.0', { go: '1.20', require: ['example.org/b v1.0.0'] })
      .add('example.org/a', 'v1.2.0', { go: '1.20' })
      .add('example.org/b', 'v1.0.0', { go: '1.24' });
    const main = memoryMain(goModText('example.org/main', { go: '1.22', require: ['example.org/a v1.0.0'] }));
    const bound = await GoLineBound.create(main, source, (await buildList(main, source)).list);
    expect(await bound!.allows('example.org/a', 'v1.1.0', '1.22')).toBe(false);
    expect(await bound!.allows('example.org/a', 'v1.2.0', '1.22')).toBe(true);
  });

  it('reads each go line through the source the bound was made for', async () => {
    // Two sources that differ only in the go line of b@v1.1.0, which the bump to a@v1.1.0 moves
    // b to: the versions' entries are shared, a go line read through one is not the other's.
    const universe = (bGo: string) =>
      new MemorySource()
        .add('example.org/gl/a', 'v1.0.0', { go: '1.21', require: ['example.org/gl/b v1.0.0'] })
        .add('example.org/gl/a', 'v1.1.0', { go: '1.21', require: ['example.org/gl/b v1.1.0'] })
        .add('example.org/gl/b', 'v1.0.0', { go: '1.21' })
        .add('example.org/gl/b', 'v1.1.0', { go: bGo });
    const main = memoryMain(goModText('example.org/gl/main', { go: '1.22', require: ['example.org/gl/a v1.0.0'] }));
    for (const [first, second] of [
      ['1.21', '1.23'],
      ['1.23', '1.21'],
    ] as const) {
      for (const [bGo, yes] of [
        [first, first === '1.21'],
        [second, second === '1.21'],
        [first, first === '1.21'],
      ] as const) {
        const source = universe(bGo);
        const bound = await GoLineBound.create(main, source, (await buildList(main, source)).list);
        expect({ bGo, yes: await bound!.allows('example.org/gl/a', 'v1.1.0', '1.22') }).toEqual({ bGo, yes });
        // Asked again, when every go line is known already.
        expect({ bGo, again: await bound!.allows('example.org/gl/a', 'v1.1.0', '1.22') }).toEqual({ bGo, again: yes });
      }
    }
  });

  it("judges a footprint by each module's own build list, whichever module asks first", async () => {
    // a@v1.1.0 asks for c@v1.1.0, which declares go 1.23. Module one selects c@v1.1.0 already
    // (through x, whose go.mod a pruned graph does not load past its requirements), so nothing
    // above its build list needs a newer go; module two selects no c and module three an older
    // one (through y), so for them the bump brings c@v1.1.0 in.
    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [0, 2, 1],
    ]) {
      const source = new MemorySource()
        .add('example.org/a', 'v1.0.0', { go: '1.21' })
        .add('example.org/a', 'v1.1.0', { go: '1.21', require: ['example.org/c v1.1.0'] })
        .add('example.org/c', 'v1.0.0', { go: '1.21' })
        .add('example.org/c', 'v1.1.0', { go: '1.23' })
        .add('example.org/x', 'v1.0.0', { go: '1.21', require: ['example.org/c v1.1.0'] })
        .add('example.org/y', 'v1.0.0', { go: '1.21', require: ['example.org/c v1.0.0'] });
      const mains = [
        memoryMain(
          goModText('example.org/one', { go: '1.22', require: ['example.org/a v1.0.0', 'example.org/x v1.0.0'] }),
        ),
        memoryMain(goModText('example.org/two', { go: '1.22', require: ['example.org/a v1.0.0'] })),
        memoryMain(
          goModText('example.org/three', { go: '1.22', require: ['example.org/a v1.0.0', 'example.org/y v1.0.0'] }),
        ),
      ];
      const expected = [true, false, false];
      for (const k of order) {
        const main = mains[k]!;
        const bound = await GoLineBound.create(main, source, (await buildList(main, source)).list);
        expect({ order, k, yes: await bound!.allows('example.org/a', 'v1.1.0', '1.22') }).toEqual({
          order,
          k,
          yes: expected[k],
        });
      }
    }
  });
});
