/**
 * A stored package index read lazily answers exactly as the whole text parsed and checked:
 * the same index or none, the same packages through modulePackages' view, for the layout the
 * encoder writes and for every other text (which is then parsed whole).
 */
import { describe, expect, it } from '@jest/globals';
import { modulePackages, type ZipSource } from '../../../src/gomod/packages/module-packages.js';
import {
  checkPackageIndex,
  decodePackageIndex,
  encodePackageIndex,
  lazyPackagesOf,
  PACKAGE_INDEX_FORMAT,
  type PackageIndex,
} from '../../../src/gomod/packages/package-index.js';

const M = 'a.example/m';
const V = 'v1.0.0';

const index: PackageIndex = {
  format: PACKAGE_INDEX_FORMAT,
  path: M,
  version: V,
  packages: [
    ['', ['b.example/x', 'fmt'], ['c.example/testonly']],
    ['empty', [], []],
    ['ünï/cödé', ['d.example/ü'], []],
    ['tests', [], ['e.example/t', 'f.example/u']],
  ],
};

/** What decodePackageIndex answered before it read any text lazily. */
function parsedWhole(text: string, path: string, version: string): PackageIndex | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const i = checkPackageIndex(json);
  return i === undefined || i.path !== path || i.version !== version ? undefined : i;
}

const decode = (text: string, path = M, version = V) => decodePackageIndex(Buffer.from(text), path, version);

describe('a stored package index read lazily', () => {
  const text = encodePackageIndex(index);

  it('is read lazily in the encoder’s layout, and gives the same index', () => {
    const d = decode(text)!;
    expect(lazyPackagesOf(d)).toBeDefined();
    expect(d).toEqual(index);
    expect(lazyPackagesOf(decode(encodePackageIndex({ ...index, packages: [] }))!)).toBeDefined();
    expect(decode(encodePackageIndex({ ...index, packages: [] }))).toEqual({ ...index, packages: [] });
  });

  it('answers through modulePackages as the index parsed whole does', async () => {
    const source = (i: PackageIndex): ZipSource => {
      const fail = (): never => {
        throw new Error('not used');
      };
      return { list: fail, latest: fail, info: fail, mod: fail, zip: fail, packageIndex: async () => i };
    };
    const lazy = await modulePackages(source(decode(text)!), M, V);
    const whole = await modulePackages(source(parsedWhole(text, M, V)!), M, V);
    for (const dir of ['', 'empty', 'ünï/cödé', 'tests', 'missing', 'ünï']) {
      expect([lazy.has(dir), lazy.imports(dir), lazy.testImports(dir)]).toEqual([
        whole.has(dir),
        whole.imports(dir),
        whole.testImports(dir),
      ]);
    }
    // Asked again, the same lists (the loaders keep them).
    expect(lazy.imports('')).toBe(lazy.imports(''));
  });

  it('reads every other text whole, with the same answer', () => {
    const texts = [
      // Not the encoder's layout, or with escapes: parsed whole.
      JSON.stringify(index, null, 1),
      JSON.stringify({ path: M, format: PACKAGE_INDEX_FORMAT, version: V, packages: index.packages }),
      JSON.stringify({ ...index, extra: true }),
      JSON.stringify({ ...index, packages: [['q"uote\\d', ['x\ty'], []]] }),
      text.replace('"fmt"', '"f\\u006dt"'),
      // Not an index, or not JSON: none.
      text.slice(0, -1),
      text.slice(0, 40),
      `${text} `,
      `${text}}`,
      text.replace('"fmt"', '"f\u0001t"'),
      text.replace('["c.example/testonly"]', '"c.example/testonly"'),
      text.replace('["c.example/testonly"]', '[1]'),
      text.replace('],["empty"', '],["empty",[]],["extra"'),
      text.replace(`"format":${PACKAGE_INDEX_FORMAT}`, '"format":0'),
      text.replace(`"format":${PACKAGE_INDEX_FORMAT}`, `"format":${PACKAGE_INDEX_FORMAT}0`),
      text.replace('[["",', '[["",1,'),
      '',
    ];
    for (const t of texts) expect([t, decode(t)]).toEqual([t, parsedWhole(t, M, V)]);
    expect(decode(JSON.stringify(index, null, 1))).toEqual(index);
    expect(decode(text, M, 'v1.1.0')).toBeUndefined();
    expect(decode(text, 'a.example/n')).toBeUndefined();
  });
});
