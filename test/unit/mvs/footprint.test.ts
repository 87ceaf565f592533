/**
 * Footprints are shared wherever sharing cannot change them: a context with replace or exclude
 * directives takes the plain footprint where no directive touches what it read, and a source that
 * answers as its base wherever the base can read (the planner's tolerant source) shares the base's
 * parsed go.mod files and footprints, and still answers on its own, and records what it could not
 * read, where the base fails.
 */
import { describe, expect, it } from '@jest/globals';
import { entryOf, footprint, footprints, footprintsOf } from '../../../src/gomod/mvs/footprint.js';
import { singleModuleContext } from '../../../src/gomod/mvs/load-graph.js';
import { fetchGoMod } from '../../../src/gomod/mvs/summaries.js';
import { tolerantSource, type Unreadable } from '../../../src/planner/tolerant-source.js';
import { goModText, memoryMain, MemorySource } from '../../support/memory-source.js';

describe('footprints through a tolerant source', () => {
  it('are the base source’s own where the base can read them, and the tolerant reading where it cannot', async () => {
    const memory = new MemorySource()
      // Unpruned (go 1.16): a's footprint loads b's go.mod too.
      .add('example.org/a', 'v1.0.0', { go: '1.16', require: ['example.org/b v1.0.0'] })
      .add('example.org/b', 'v1.0.0', { go: '1.16' })
      .add('example.org/c', 'v1.0.0', { go: '1.16', require: ['example.org/missing v1.0.0'] });
    const seen: Unreadable[] = [];
    const tolerant = tolerantSource(memory, (u) => seen.push(u));
    const main = memoryMain(goModText('example.org/main', { go: '1.22' }));
    const viaBase = singleModuleContext(main, memory);
    const viaTolerant = singleModuleContext(main, tolerant);
    const a = { path: 'example.org/a', version: 'v1.0.0' };

    expect(await footprint(viaTolerant, a)).toBe(await footprint(viaBase, a));
    expect(await fetchGoMod(tolerant, 'example.org/b', 'v1.0.0')).toBe(
      await fetchGoMod(memory, 'example.org/b', 'v1.0.0'),
    );
    expect(seen).toEqual([]);

    const c = { path: 'example.org/c', version: 'v1.0.0' };
    await expect(footprint(viaBase, c)).rejects.toThrow();
    const tolerated = await footprint(viaTolerant, c);
    expect([...tolerated.highest]).toEqual([
      ['example.org/c', 'v1.0.0'],
      ['example.org/missing', 'v1.0.0'],
    ]);
    expect(tolerated.loaded.map((s) => `${s.module.path} ${s.require.length}`)).toEqual([
      'example.org/c 1',
      'example.org/missing 0',
    ]);
    expect(seen.map((u) => `${u.path}@${u.version}:${u.failure.reason}`)).toEqual([
      'example.org/missing@v1.0.0:not-found',
    ]);
    // The base still fails: what only the tolerant source answers is never the base's answer.
    await expect(footprint(viaBase, c)).rejects.toThrow();
    await expect(fetchGoMod(memory, 'example.org/missing', 'v1.0.0')).rejects.toThrow();
  });
});

describe('footprints in a context with replace or exclude directives', () => {
  it('are the plain ones where no directive touches what they read, and their own where one does', async () => {
    const memory = new MemorySource()
      .add('example.org/a', 'v1.0.0', { go: '1.16', require: ['example.org/b v1.0.0'] })
      .add('example.org/b', 'v1.0.0', { go: '1.16' })
      .add('example.org/b', 'v1.1.0', { go: '1.16', require: ['example.org/d v1.0.0'] })
      .add('example.org/c', 'v1.0.0', { go: '1.22', require: ['example.org/d v1.0.0', 'example.org/e v1.0.0'] })
      .add('example.org/d', 'v1.0.0', { go: '1.22' })
      .add('example.org/e', 'v1.0.0', { go: '1.22' });
    const plain = singleModuleContext(memoryMain(goModText('example.org/main', { go: '1.22' })), memory);
    const directed = singleModuleContext(
      memoryMain(
        [
          'module example.org/main',
          'go 1.22',
          'replace example.org/b v1.0.0 => example.org/b v1.1.0',
          'exclude example.org/e v1.0.0',
        ].join('\n'),
      ),
      memory,
    );
    const d = { path: 'example.org/d', version: 'v1.0.0' };
    expect(await footprint(directed, d)).toBe(await footprint(plain, d));

    // a's unpruned footprint loads b v1.0.0, which the directive replaces with v1.1.0 (and its d).
    const a = { path: 'example.org/a', version: 'v1.0.0' };
    const paths = async (ctx: typeof plain, m: typeof a) =>
      [...(await footprint(ctx, m)).highest.keys()].filter((p) => p.startsWith('example.org/'));
    expect(await paths(plain, a)).toEqual(['example.org/a', 'example.org/b']);
    expect(await paths(directed, a)).toEqual(['example.org/a', 'example.org/b', 'example.org/d']);
    // c's go.mod asks for an excluded version: read without that requirement.
    const c = { path: 'example.org/c', version: 'v1.0.0' };
    expect(await paths(plain, c)).toEqual(['example.org/c', 'example.org/d', 'example.org/e']);
    expect(await paths(directed, c)).toEqual(['example.org/c', 'example.org/d']);
  });
});

describe('footprints looked up by the entry that names their root', () => {
  it('are the footprints read by path and version, and a failed read is read again', async () => {
    // b@v1.1.0 is not there yet: its first read fails, as a proxy that answers later would.
    const memory = new MemorySource()
      .add('example.org/a', 'v1.0.0', { go: '1.22', require: ['example.org/b v1.1.0'] })
      .add('example.org/b', 'v1.0.0', { go: '1.22' });
    const ctx = singleModuleContext(memoryMain(goModText('example.org/main', { go: '1.22' })), memory);
    const a = await footprint(ctx, { path: 'example.org/a', version: 'v1.0.0' });
    const b = a.entries.find((e) => e.path === 'example.org/b')!;
    expect(b.key.version).toBe('v1.1.0');

    await expect(Promise.resolve(footprintsOf(ctx, [b]))).rejects.toThrow();
    memory.add('example.org/b', 'v1.1.0', { go: '1.22', require: ['example.org/c v1.0.0'] });
    const [read] = await footprintsOf(ctx, [b]);
    expect([...read!.highest]).toEqual([
      ['example.org/b', 'v1.1.0'],
      ['example.org/c', 'v1.0.0'],
      ['go', '1.22'],
    ]);
    expect(read).toBe(await footprint(ctx, { path: 'example.org/b', version: 'v1.1.0' }));
    // One entry per path and version, whichever footprint names it.
    expect(read!.entries[0]).toBe(b);
    expect(entryOf('example.org/b', 'v1.1.0')).toBe(b);
    // Read once, the same entry answers without waiting.
    expect(footprintsOf(ctx, [b, a.entries[0]!])).toEqual([read, a]);
  });
});

describe('footprints of a graph read’s roots', () => {
  it('are each root version’s own, and a failed read is read again', async () => {
    const memory = new MemorySource()
      .add('example.org/a', 'v1.0.0', { go: '1.22', require: ['example.org/c v1.0.0'] })
      .add('example.org/a', 'v1.1.0', { go: '1.22', require: ['example.org/c v1.1.0'] });
    const ctx = singleModuleContext(memoryMain(goModText('example.org/main', { go: '1.22' })), memory);
    const a10 = { path: 'example.org/a', version: 'v1.0.0' };
    const a11 = { path: 'example.org/a', version: 'v1.1.0' };
    const b = { path: 'example.org/b', version: 'v1.0.0' };

    await expect(footprints(ctx, [a10, b])).rejects.toThrow();
    memory.add('example.org/b', 'v1.0.0', { go: '1.22' });
    const [x, y, z] = await footprints(ctx, [a10, a11, b]);
    expect(x).toBe(await footprint(ctx, a10));
    expect(y).toBe(await footprint(ctx, a11));
    expect(z).toBe(await footprint(ctx, b));
    expect(x!.highest.get('example.org/c')).toBe('v1.0.0');
    expect(y!.highest.get('example.org/c')).toBe('v1.1.0');
    expect([...z!.highest.keys()]).toEqual(['example.org/b', 'go']);
  });
});

describe('an unpruned footprint', () => {
  it('loads every version of a path that something below the root asks for, each once', async () => {
    // Unpruned (go 1.16): b is asked for at v1.0.0 by a and at v1.1.0 by c; both go.mod files load.
    const memory = new MemorySource()
      .add('example.org/a', 'v1.0.0', { go: '1.16', require: ['example.org/b v1.0.0', 'example.org/c v1.0.0'] })
      .add('example.org/b', 'v1.0.0', { go: '1.16', require: ['example.org/d v1.0.0'] })
      .add('example.org/b', 'v1.1.0', { go: '1.16', require: ['example.org/e v1.0.0', 'example.org/c v1.0.0'] })
      .add('example.org/c', 'v1.0.0', { go: '1.16', require: ['example.org/b v1.1.0', 'example.org/a v1.0.0'] })
      .add('example.org/d', 'v1.0.0', { go: '1.16' })
      .add('example.org/e', 'v1.0.0', { go: '1.16', require: ['example.org/b v1.0.0'] });
    const ctx = singleModuleContext(memoryMain(goModText('example.org/main', { go: '1.22' })), memory);
    const read = await footprint(ctx, { path: 'example.org/a', version: 'v1.0.0' });
    expect(read.loaded.map((s) => `${s.module.path}@${s.module.version}`)).toEqual([
      'example.org/a@v1.0.0',
      'example.org/b@v1.0.0',
      'example.org/c@v1.0.0',
      'example.org/d@v1.0.0',
      'example.org/b@v1.1.0',
      'example.org/e@v1.0.0',
    ]);
    expect([...read.highest]).toEqual([
      ['example.org/a', 'v1.0.0'],
      ['example.org/b', 'v1.1.0'],
      ['example.org/c', 'v1.0.0'],
      ['example.org/d', 'v1.0.0'],
      ['example.org/e', 'v1.0.0'],
    ]);
  });
});
