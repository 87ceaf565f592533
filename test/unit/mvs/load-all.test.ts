/**
 * loadAll's walk: packages resolved from module packages read so far, waiting only on reads still
 * under way; a world's loads shared between several roots give what each root loads alone; a
 * world that reports missing imports never takes loads from another.
 */
import { describe, expect, it } from '@jest/globals';
import {
  loadAll,
  providersOf,
  TidyUnknown,
  type LoadedPackage,
  type PackageWorld,
} from '../../../src/gomod/mvs/index.js';
import { MAX_PACKAGE_IDS, packageId, packageIdCount } from '../../../src/gomod/mvs/package-nodes.js';
import type { ModulePackages } from '../../../src/gomod/packages/module-packages.js';

function packages(byDir: Record<string, [string[], string[]]>): ModulePackages {
  return {
    has: (dir) => dir in byDir,
    imports: (dir) => byDir[dir]?.[0] ?? [],
    testImports: (dir) => byDir[dir]?.[1] ?? [],
  };
}

/** Two main modules (a, b) and a graph of other modules, each read after a tick. */
function world(extra: Partial<PackageWorld> = {}): PackageWorld & { reads: string[] } {
  const reads: string[] = [];
  const versions: Record<string, string> = {
    'example.com/x': 'v1.0.0',
    'example.com/x/sub': 'v1.1.0',
    'example.com/y': 'v1.2.0',
    'example.com/t': 'v1.0.0',
    'example.com/gone': 'none',
  };
  const mods: Record<string, ModulePackages> = {
    'example.com/x': packages({ '': [['example.com/y', 'fmt'], ['example.com/t']], inner: [[], []] }),
    'example.com/x/sub': packages({ '': [['C', 'net/http'], []] }),
    'example.com/y': packages({ '': [['example.com/x/inner'], ['example.com/t/deep']] }),
    'example.com/t': packages({ deep: [[], []], '': [[], []] }),
  };
  return {
    reads,
    mains: new Map([
      ['example.com/a', packages({ '': [['example.com/x', 'example.com/b/lib'], ['example.com/x/sub']] })],
      ['example.com/b', packages({ lib: [['example.com/y'], ['example.com/t']] })],
    ]),
    selected: (path) => versions[path] ?? 'none',
    packagesOf: async (module, version) => {
      reads.push(`${module}@${version}`);
      await new Promise((r) => setTimeout(r, 1));
      return mods[module] ?? null;
    },
    ...extra,
  };
}

const paths = (pkgs: LoadedPackage[]) => pkgs.map((p) => p.path);

describe('loadAll', () => {
  it('loads "all" and the tests’ packages level by level, reading each module once', async () => {
    const w = world();
    const { inAll, levels } = await loadAll(w, ['example.com/a'], false);
    expect(paths(inAll)).toEqual([
      'example.com/a',
      'example.com/x',
      'example.com/b/lib',
      'example.com/x/sub',
      'example.com/y',
      'example.com/t',
      'example.com/x/inner',
    ]);
    // Every workspace module's tests that "all" reaches count (b/lib's test import t, as Go has it);
    // y's test import t/deep comes after.
    expect(levels.map(paths)).toEqual([['example.com/t/deep']]);
    expect(inAll.find((p) => p.path === 'example.com/x/sub')).toMatchObject({
      module: 'example.com/x/sub',
      version: 'v1.1.0',
    });
    expect(new Set(w.reads).size).toBe(w.reads.length);
  });

  it('gives each root what it loads alone when a world’s loads are shared', async () => {
    const shared = new Map<string, LoadedPackage | null>();
    for (const root of ['example.com/b/lib', 'example.com/a']) {
      const alone = await loadAll(world({ allowErrors: true }), [root], false);
      const sharing = world({ allowErrors: true, shared });
      expect(await loadAll(sharing, [root], false)).toEqual(alone);
    }
    expect(shared.has('example.com/x/inner')).toBe(true);
  });

  it('reports a missing import to every world that asks, never from a shared load', async () => {
    const shared = new Map<string, LoadedPackage | null>([['example.com/gone/p', null]]);
    const missing: string[] = [];
    const mains = new Map([['example.com/m', packages({ '': [['example.com/gone/p'], []] })]]);
    await loadAll(world({ mains, shared, onMissing: (p) => missing.push(p) }), ['example.com/m'], false);
    expect(missing).toEqual(['example.com/gone/p']);
  });

  it('fails on an ambiguous import unless errors are allowed', async () => {
    const mains = new Map([['example.com/m', packages({ '': [['example.com/x/sub'], []] })]]);
    const mods = { 'example.com/x': packages({ sub: [[], []] }), 'example.com/x/sub': packages({ '': [[], []] }) };
    const ambiguous = (allowErrors: boolean) =>
      world({ mains, allowErrors, packagesOf: async (m) => mods[m as keyof typeof mods] ?? null });
    await expect(loadAll(ambiguous(false), ['example.com/m'], false)).rejects.toThrow(TidyUnknown);
    const { inAll } = await loadAll(ambiguous(true), ['example.com/m'], false);
    expect(paths(inAll)).toEqual(['example.com/m']);
  });

  it('takes nothing from an earlier walk in a world where a module moved', async () => {
    const first = await loadAll(world(), ['example.com/a'], false);
    // y at another version imports t instead of x/inner: the packages built for y@v1.2.0 stay its own.
    const moved = world({
      selected: (path) => (path === 'example.com/y' ? 'v1.3.0' : world().selected(path)),
      packagesOf: async (module, version) =>
        module === 'example.com/y' && version === 'v1.3.0'
          ? packages({ '': [['example.com/t'], []] })
          : world().packagesOf(module, version),
    });
    const second = await loadAll(moved, ['example.com/a'], false);
    expect(paths(first.inAll)).toContain('example.com/x/inner');
    expect(paths(second.inAll)).not.toContain('example.com/x/inner');
    expect(second.inAll.find((p) => p.path === 'example.com/y')).toMatchObject({
      version: 'v1.3.0',
      imports: ['example.com/t'],
    });
    expect(await loadAll(world(), ['example.com/a'], false)).toEqual(first);
  });

  it('takes nothing from an earlier walk whose main module had other packages', async () => {
    const first = await loadAll(world(), ['example.com/a'], false);
    const edited = world({
      mains: new Map([['example.com/a', packages({ '': [['example.com/t'], []], cmd: [[], []] })]]),
    });
    const second = await loadAll(edited, ['example.com/a', 'example.com/a/cmd'], false);
    expect(paths(first.inAll)).toContain('example.com/x');
    expect(paths(second.inAll)).toEqual(['example.com/a', 'example.com/a/cmd', 'example.com/t']);
    expect(second.inAll[0]).toMatchObject({ module: '', imports: ['example.com/t'] });
    expect(await loadAll(world(), ['example.com/a'], false)).toEqual(first);
  });

  it('looks among the roots first in a pruned graph, and in the whole graph after', async () => {
    // x/inner is a package of x and a module of its own: ambiguous, unless only x is a root.
    const nested = (roots?: string[]) =>
      world({
        selected: (path) => (path === 'example.com/x/inner' ? 'v1.0.0' : world().selected(path)),
        packagesOf: async (module, version) =>
          module === 'example.com/x/inner' ? packages({ '': [[], []] }) : world().packagesOf(module, version),
        ...(roots ? { roots } : {}),
      });
    await expect(loadAll(nested(), ['example.com/a'], false)).rejects.toThrow(
      /ambiguous import: example.com\/x\/inner/,
    );
    const pruned = await loadAll(nested(['example.com/x', 'example.com/y']), ['example.com/a'], false);
    expect(pruned.inAll.find((p) => p.path === 'example.com/x/inner')).toMatchObject({ module: 'example.com/x' });
    // Not a root, x/sub is found in the whole graph; a root x/inner makes it ambiguous again.
    expect(pruned.inAll.find((p) => p.path === 'example.com/x/sub')).toMatchObject({ module: 'example.com/x/sub' });
    await expect(loadAll(nested(['example.com/x', 'example.com/x/inner']), ['example.com/a'], false)).rejects.toThrow(
      /ambiguous import/,
    );
  });

  it('gives walks under way at once what each gives alone', async () => {
    const alone = [
      await loadAll(world(), ['example.com/a'], false),
      await loadAll(world(), ['example.com/b/lib'], true),
    ];
    const together = await Promise.all([
      loadAll(world(), ['example.com/a'], false),
      loadAll(world(), ['example.com/b/lib'], true),
    ]);
    expect(together).toEqual(alone);
  });
});

describe('providersOf', () => {
  const expected = [
    { path: 'example.com/t', version: 'v1.0.0' },
    { path: 'example.com/x', version: 'v1.0.0' },
    { path: 'example.com/x/sub', version: 'v1.1.0' },
    { path: 'example.com/y', version: 'v1.2.0' },
  ];

  it('lists each module of the packages once, by path, main modules left out, asked again alike', async () => {
    const { inAll, levels } = await loadAll(world(), ['example.com/a'], false);
    const pkgs = [...inAll, ...levels.flat()];
    expect(providersOf(pkgs)).toEqual(expected);
    expect(providersOf(pkgs)).toEqual(expected);
    expect(providersOf(levels.flat())).toEqual([{ path: 'example.com/t', version: 'v1.0.0' }]);
    // Plain packages, and one module's packages as read twice (two worlds read their own).
    expect(providersOf(pkgs.map((p) => ({ ...p })))).toEqual(expected);
    const again = await loadAll(world(), ['example.com/a'], false);
    expect(providersOf([...inAll, ...again.inAll])).toEqual(expected);
  });
});

describe('package ids past MAX_PACKAGE_IDS', () => {
  const fill = (from: number) => {
    for (let i = 0; packageIdCount() <= MAX_PACKAGE_IDS; i++) packageId(`example.com/filler${from}/p${i}`);
  };

  it('start again once no walk holds them, and walks answer as before', async () => {
    // One world throughout: the packages built before, with their imports numbered in the old
    // table, are loaded again after it starts again.
    const w = world();
    const before = await loadAll(w, ['example.com/a'], false);
    const tests = await loadAll(w, ['example.com/b/lib'], true);
    fill(1);
    expect(await loadAll(w, ['example.com/a'], false)).toEqual(before);
    expect(packageIdCount()).toBeLessThan(1_000);
    expect(await loadAll(w, ['example.com/b/lib'], true)).toEqual(tests);
  });

  it('stay while a walk is under way', async () => {
    const w = world();
    const alone = await loadAll(w, ['example.com/a'], false);
    const first = loadAll(w, ['example.com/a'], false);
    fill(2);
    const second = loadAll(w, ['example.com/a'], false);
    expect(packageIdCount()).toBeGreaterThan(MAX_PACKAGE_IDS);
    expect(await Promise.all([first, second])).toEqual([alone, alone]);
  });
});
