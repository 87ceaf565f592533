/**
 * Settling a pruned graph's roots (load-graph.ts): roots that are already one per path, in path
 * order, without the main module's path and each at its selected version come back as they went
 * in; any other list is rewritten — a repeated path or the main module's own path dropped, each
 * root raised to its selected version — whatever order it came in.
 */
import { describe, expect, it } from '@jest/globals';
import { loadFromRoots } from '../../../src/gomod/mvs/load-graph.js';
import type { ModuleVersion } from '../../../src/gomod/types.js';
import { MemorySource, memoryMain } from '../../support/memory-source.js';

const MAIN = 'example.com/main';

function world() {
  const source = new MemorySource()
    .add('example.com/a', 'v1.0.0', { go: '1.21' })
    .add('example.com/b', 'v1.0.0', { go: '1.21', require: ['example.com/a v1.1.0'] })
    .add('example.com/a', 'v1.1.0', { go: '1.21' });
  const main = memoryMain(`module ${MAIN}\n\ngo 1.21\n`);
  return { source, main };
}

const show = (roots: readonly ModuleVersion[]) => roots.map((r) => `${r.path}@${r.version}`);

describe('settling roots', () => {
  it('keeps roots that are settled already, as the same list', async () => {
    const { source, main } = world();
    const roots = [
      { path: 'example.com/a', version: 'v1.1.0' },
      { path: 'example.com/b', version: 'v1.0.0' },
      { path: 'go', version: '1.21' },
    ];
    const g = await loadFromRoots(main, source, roots);
    expect(show(g.roots)).toEqual(show(roots));
  });

  it('drops a repeated path even when every root is at its selected version', async () => {
    const { source, main } = world();
    // Out of order, so the two copies of b are not neighbours.
    const roots = [
      { path: 'example.com/b', version: 'v1.0.0' },
      { path: 'example.com/a', version: 'v1.1.0' },
      { path: 'example.com/b', version: 'v1.0.0' },
      { path: 'go', version: '1.21' },
    ];
    const g = await loadFromRoots(main, source, roots);
    expect(show(g.roots)).toEqual(['example.com/b@v1.0.0', 'example.com/a@v1.1.0', 'go@1.21']);
  });

  it("drops the main module's own path and raises roots below their selected version", async () => {
    const { source, main } = world();
    const roots = [
      { path: 'example.com/a', version: 'v1.0.0' },
      { path: 'example.com/b', version: 'v1.0.0' },
      { path: MAIN, version: 'v1.0.0' },
      { path: 'go', version: '1.21' },
    ];
    source.add(MAIN, 'v1.0.0', { go: '1.21' });
    const g = await loadFromRoots(main, source, roots);
    expect(show(g.roots)).toEqual(['example.com/a@v1.1.0', 'example.com/b@v1.0.0', 'go@1.21']);
  });
});
