/**
 * modulePackages' answers and what knownPackages keeps of them: each module version's own
 * packages, known only once asked for, per source.
 */
import { describe, expect, it } from '@jest/globals';
import { knownPackages, modulePackages, type ZipSource } from '../../../src/gomod/packages/module-packages.js';
import { PACKAGE_INDEX_FORMAT, type PackageIndex } from '../../../src/gomod/packages/package-index.js';

/** A source whose package indexes are made up per path@version: the version's imports differ. */
function source(): ZipSource {
  const packageIndex = async (path: string, version: string): Promise<PackageIndex> => ({
    format: PACKAGE_INDEX_FORMAT,
    path,
    version,
    packages: [
      ['', [`${path}/dep@${version}`], []],
      ['sub', [], [`${path}/test@${version}`]],
    ],
  });
  const fail = (): never => {
    throw new Error('not used');
  };
  return { list: fail, latest: fail, info: fail, mod: fail, zip: fail, packageIndex };
}

describe('knownPackages', () => {
  it('knows a module version only once asked for, with that version’s own packages', async () => {
    const s = source();
    const m = 'a.example/m';
    expect(knownPackages(s, m, 'v1.0.0')).toBeUndefined();
    const v1 = await modulePackages(s, m, 'v1.0.0');
    expect([v1.has(''), v1.has('sub'), v1.has('other')]).toEqual([true, true, false]);
    expect([v1.imports(''), v1.testImports(''), v1.imports('sub'), v1.testImports('sub')]).toEqual([
      [`${m}/dep@v1.0.0`],
      [],
      [],
      [`${m}/test@v1.0.0`],
    ]);
    expect(v1.imports('other')).toEqual([]);
    expect(knownPackages(s, m, 'v1.0.0')).toBe(v1);
    // Another version of the same module, the same version of another, another source: not yet.
    expect(knownPackages(s, m, 'v1.1.0')).toBeUndefined();
    expect(knownPackages(s, 'a.example/n', 'v1.0.0')).toBeUndefined();
    expect(knownPackages(source(), m, 'v1.0.0')).toBeUndefined();
    const v11 = await modulePackages(s, m, 'v1.1.0');
    expect(knownPackages(s, m, 'v1.1.0')!.imports('')).toEqual([`${m}/dep@v1.1.0`]);
    expect(knownPackages(s, m, 'v1.1.0')).toBe(v11);
    expect(knownPackages(s, m, 'v1.0.0')).toBe(v1);
  });
});
