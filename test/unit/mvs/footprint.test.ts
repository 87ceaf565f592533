/**
 * A source that answers as its base wherever the base can read (the planner's tolerant source)
 * shares the base's parsed go.mod files and footprints, and still answers on its own, and records
 * what it could not read, where the base fails.
 */
import { describe, expect, it } from '@jest/globals';
import { footprint } from '../../../src/gomod/mvs/footprint.js';
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
