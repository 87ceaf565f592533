import { describe, expect, it } from '@jest/globals';
import { providersToList, simulateGet } from '../../../src/gomod/mvs/index.js';
import { listLines, MemorySource, memoryMain } from '../../support/memory-source.js';

const main = (body: string) => memoryMain(`module example.com/main\n\n${body}`);

function source(): MemorySource {
  return new MemorySource()
    .add('example.com/a', 'v1.0.0', { go: '1.21', require: ['example.com/b v1.0.0'] })
    .add('example.com/a', 'v1.1.0', { go: '1.22', require: ['example.com/b v1.2.0'] })
    .add('example.com/b', 'v1.0.0', { go: '1.20' })
    .add('example.com/b', 'v1.2.0', { go: '1.23.1', require: ['example.com/c v1.1.0'] })
    .add('example.com/c', 'v1.0.0', { go: '1.20' })
    .add('example.com/c', 'v1.1.0', { go: '1.20', require: ['example.com/d v1.0.0'] })
    .add('example.com/d', 'v1.0.0', { go: '1.20' });
}

const PRUNED =
  'go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0 // indirect\n\texample.com/c v1.0.0\n)\n';

describe('simulateGet', () => {
  it('raises roots to their selected versions until stable (pruned)', async () => {
    const sim = await simulateGet(main(PRUNED), new Map([['example.com/a', 'v1.1.0']]), source());
    // a@v1.1.0 needs b@v1.2.0; the root b is raised, its go.mod read, and it raises root c.
    expect(sim.roots).toEqual([
      { path: 'example.com/a', version: 'v1.1.0' },
      { path: 'example.com/b', version: 'v1.2.0' },
      { path: 'example.com/c', version: 'v1.1.0' },
    ]);
    // Once c@v1.1.0 is a root, its go.mod is read too.
    expect(listLines(sim.list)).toEqual([
      'example.com/main',
      'example.com/a v1.1.0',
      'example.com/b v1.2.0',
      'example.com/c v1.1.0',
      'example.com/d v1.0.0',
    ]);
    expect(sim.conflicts).toEqual([]);
  });

  it('reports the go version go get would write, and which go.mod asks for it', async () => {
    const sim = await simulateGet(main(PRUNED), new Map([['example.com/a', 'v1.1.0']]), source());
    expect(sim.maxGo).toBe('1.23.1');
    expect(sim.maxGoFrom).toBe('example.com/b@v1.2.0');
    const none = await simulateGet(main(PRUNED), new Map(), source());
    expect(none.maxGo).toBe('1.21');
    expect(none.maxGoFrom).toBeNull();
  });

  it('adds a bumped module that was not required', async () => {
    const sim = await simulateGet(main('go 1.21\n'), new Map([['example.com/c', 'v1.1.0']]), source());
    expect(sim.roots).toEqual([{ path: 'example.com/c', version: 'v1.1.0' }]);
    expect(listLines(sim.list)).toEqual(['example.com/main', 'example.com/c v1.1.0', 'example.com/d v1.0.0']);
  });

  it('uses MVS over the bumped requirements in an unpruned module; a go line raised to ≥ 1.17 lists the whole build list', async () => {
    const sim = await simulateGet(
      main('go 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/c v1.0.0\n)\n'),
      new Map([['example.com/a', 'v1.1.0']]),
      source(),
    );
    expect(listLines(sim.list)).toEqual([
      'example.com/main',
      'example.com/a v1.1.0',
      'example.com/b v1.2.0',
      'example.com/c v1.1.0',
      'example.com/d v1.0.0',
    ]);
    // b@v1.2.0 asks for go 1.23.1: go get writes that go line, the module turns pruned, and go.mod
    // lists every module of the build list (as Go does when it converts a module to pruning).
    expect(sim.maxGo).toBe('1.23.1');
    expect(sim.roots).toEqual([
      { path: 'example.com/a', version: 'v1.1.0' },
      { path: 'example.com/b', version: 'v1.2.0' },
      { path: 'example.com/c', version: 'v1.1.0' },
      { path: 'example.com/d', version: 'v1.0.0' },
    ]);
  });

  it('reports a bump that another requirement overrides', async () => {
    const sim = await simulateGet(
      main(PRUNED),
      new Map([
        ['example.com/a', 'v1.1.0'],
        ['example.com/b', 'v1.0.0'],
      ]),
      source(),
    );
    expect(sim.conflicts).toEqual([{ path: 'example.com/b', requested: 'v1.0.0', selected: 'v1.2.0' }]);
  });

  it('removes a requirement bumped to none', async () => {
    const sim = await simulateGet(main(PRUNED), new Map([['example.com/c', 'none']]), source());
    expect(sim.roots.map((r) => r.path)).toEqual(['example.com/a', 'example.com/b']);
    expect(sim.conflicts).toEqual([]);
  });

  it('lists the modules the providers bound adds exactly when that bound changes the get', async () => {
    const ALL_ROOTS =
      'go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/c v1.0.0\n\texample.com/d v1.0.0\n)\n';
    const cases: [string, Map<string, string>][] = [
      [PRUNED, new Map([['example.com/a', 'v1.1.0']])],
      [PRUNED, new Map()],
      [ALL_ROOTS, new Map([['example.com/a', 'v1.1.0']])],
      ['go 1.16\n\nrequire example.com/a v1.0.0\n', new Map([['example.com/a', 'v1.1.0']])],
    ];
    const added: string[][] = [];
    for (const [goMod, bumps] of cases) {
      const src = source();
      const got = await simulateGet(main(goMod), bumps, src);
      const bounded = await simulateGet(main(goMod), bumps, src, { listProviders: true });
      const list = await providersToList(main(goMod), bumps, src, got.graph);
      expect(list.length > 0).toBe(JSON.stringify(got.roots) !== JSON.stringify(bounded.roots));
      added.push(list);
    }
    // c@v1.1.0 requires d: the bound lists it beside the roots a get of a reaches.
    expect(added).toEqual([['example.com/d'], [], [], []]);
  });

  it('reads what a replaced or excluding module requires from its own go.mod, after a plain read', async () => {
    const src = new MemorySource()
      .add('example.com/x', 'v1.0.0', { go: '1.21', require: ['example.com/y v1.0.0'] })
      .add('example.com/y', 'v1.0.0', { go: '1.21' })
      .add('example.com/y', 'v1.1.0', { go: '1.21' })
      .add('example.com/q', 'v1.0.0', { go: '1.21', require: ['example.com/y v1.1.0'] })
      .add('example.com/z', 'v1.0.0', { go: '1.21', require: ['example.com/w v1.0.0'] })
      .add('example.com/w', 'v1.0.0', { go: '1.21' });
    const bumps = new Map([['example.com/x', 'v1.0.0']]);
    const listed = async (goMod: string) =>
      providersToList(main(goMod), bumps, src, (await simulateGet(main(goMod), bumps, src)).graph);
    const plain = 'go 1.21\n\nrequire example.com/q v1.0.0\n';
    // Twice, so that the second may come from what the first one kept.
    expect(await listed(plain)).toEqual(['example.com/y']);
    expect(await listed(plain)).toEqual(['example.com/y']);
    // The same source and version, but this main module reads x's go.mod from z.
    expect(await listed(`${plain}\nreplace example.com/x v1.0.0 => example.com/z v1.0.0\n`)).toEqual(['example.com/w']);
    // Excluded, y@v1.0.0 is no requirement of x (y stays in the graph at v1.1.0, through q).
    expect(await listed(`${plain}\nexclude example.com/y v1.0.0\n`)).toEqual([]);
  });
});
