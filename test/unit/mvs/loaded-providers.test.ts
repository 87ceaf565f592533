/**
 * The modules that provide the packages `go get` loads (loaded-packages.ts): from the bumped
 * arguments through what each package imports, at the versions the graph selects, the longest
 * module path with the package winning; and why, where that cannot be known. Module packages come
 * from package indexes a zip source hands out, some only after a tick (read from disk).
 */
import { describe, expect, it } from '@jest/globals';
import { loadModuleGraph, LoadedPackagesUnknown } from '../../../src/gomod/mvs/index.js';
import { loadedProviders } from '../../../src/gomod/mvs/loaded-packages.js';
import { PACKAGE_INDEX_FORMAT, type PackageIndex } from '../../../src/gomod/packages/package-index.js';
import { MemorySource, memoryMain } from '../../support/memory-source.js';

const MAIN = 'example.com/main';

/** A memory source whose module zips are package indexes, each `[dir, imports]`. */
class IndexedSource extends MemorySource {
  private readonly indexes = new Map<string, PackageIndex>();

  withPackages(path: string, version: string, packages: [string, string[]][]): this {
    this.indexes.set(`${path}@${version}`, {
      format: PACKAGE_INDEX_FORMAT,
      path,
      version,
      packages: packages.map(([dir, imports]) => [dir, imports, []]),
    });
    return this;
  }

  zip(): Promise<Uint8Array> {
    return Promise.reject(new Error('the test reads package indexes only'));
  }

  async packageIndex(path: string, version: string): Promise<PackageIndex> {
    // Odd versions arrive a tick later, as from the disk.
    if (version.endsWith('1')) await new Promise((r) => setTimeout(r, 1));
    const index = this.indexes.get(`${path}@${version}`);
    if (!index) throw new Error(`no index for ${path}@${version}`);
    return index;
  }
}

function world(): IndexedSource {
  return (
    new IndexedSource()
      .add('example.com/a', 'v1.0.0', { go: '1.21', require: ['example.com/b v1.0.1'] })
      .withPackages('example.com/a', 'v1.0.0', [['', ['example.com/b/lib', 'fmt', 'C']]])
      .add('example.com/b', 'v1.0.1', { go: '1.21', require: ['example.com/b/lib v1.2.0', 'example.com/c v1.0.0'] })
      .withPackages('example.com/b', 'v1.0.1', [['lib', ['example.com/c']]])
      // A nested module with the same package: the longest module path provides it.
      .add('example.com/b/lib', 'v1.2.0', { go: '1.21', require: ['example.com/d v1.0.1'] })
      .withPackages('example.com/b/lib', 'v1.2.0', [['', ['example.com/d/x', 'net/http']]])
      .add('example.com/c', 'v1.0.0', { go: '1.21' })
      .withPackages('example.com/c', 'v1.0.0', [['', []]])
      .add('example.com/d', 'v1.0.1', { go: '1.21' })
      .withPackages('example.com/d', 'v1.0.1', [
        ['x', []],
        ['y', ['example.com/c']],
      ])
      .add('example.com/e', 'v1.0.0', { go: '1.21' })
      .withPackages('example.com/e', 'v1.0.0', [['sub', []]])
  );
}

async function providers(source: IndexedSource, require: string[], args: string[]): Promise<string[]> {
  const main = memoryMain(`module ${MAIN}\n\ngo 1.22\n\nrequire (\n${require.map((r) => `\t${r}\n`).join('')})\n`);
  const graph = await loadModuleGraph(main, source);
  return loadedProviders(main, source, graph, args);
}

describe('loadedProviders', () => {
  it('follows the imports of the arguments to the modules that provide them', async () => {
    // A pruned graph holds what the roots' own go.mod files require: the roots list them all.
    const all = ['example.com/a v1.0.0', 'example.com/b/lib v1.2.0', 'example.com/c v1.0.0', 'example.com/d v1.0.1'];
    const got = await providers(world(), all, ['example.com/a']);
    // b/lib comes from the nested module, not from b (whose lib would import c); d/y (never
    // imported) does not count.
    expect(got).toEqual(['example.com/a', 'example.com/b/lib', 'example.com/d']);
  });

  it('leaves out an argument that names no package', async () => {
    const got = await providers(world(), ['example.com/a v1.0.0', 'example.com/e v1.0.0'], ['example.com/e']);
    expect(got).toEqual([]);
  });

  it('says why where an import has no provider in the build list', async () => {
    const source = world()
      .add('example.com/f', 'v1.0.0', { go: '1.21' })
      .withPackages('example.com/f', 'v1.0.0', [['', ['example.com/gone/p']]]);
    await expect(providers(source, ['example.com/f v1.0.0'], ['example.com/f'])).rejects.toThrow(
      new LoadedPackagesUnknown('no module of the build list provides example.com/gone/p'),
    );
  });

  it('says why where a loaded package is the main module’s', async () => {
    const source = world()
      .add('example.com/f', 'v1.0.0', { go: '1.21' })
      .withPackages('example.com/f', 'v1.0.0', [['', [`${MAIN}/util`]]]);
    await expect(providers(source, ['example.com/f v1.0.0'], ['example.com/f'])).rejects.toThrow(
      new LoadedPackagesUnknown(`${MAIN}/util is a package of the main module`),
    );
  });
});
