import { describe, expect, it } from '@jest/globals';
import {
  build,
  canonical,
  compare,
  compareModuleVersionKeys,
  compareModuleVersions,
  isPrerelease,
  isValid,
  major,
  majorMinor,
  max,
  moduleVersionKey,
  prerelease,
  sortVersions,
} from '../../../src/gomod/version.js';
import { SEMVER_MAX, SEMVER_ORDER, SEMVER_PARTS, SEMVER_SORT } from './tables.js';

describe('semver parts', () => {
  it.each(SEMVER_PARTS)('%j', (v, valid, canon, maj, mm, pre, bld) => {
    expect({
      valid: isValid(v),
      canon: canonical(v),
      maj: major(v),
      mm: majorMinor(v),
      pre: prerelease(v),
      bld: build(v),
    }).toEqual({ valid, canon, maj, mm, pre, bld });
  });

  it('keeps a short major.minor as written', () => {
    expect(majorMinor('v1.2')).toBe('v1.2');
    expect(majorMinor('v1')).toBe('v1.0');
  });
});

describe('semver order', () => {
  const flat = SEMVER_ORDER.flatMap((group, rank) => group.map((v) => ({ v, rank })));
  it('orders every pair as the table does', () => {
    const wrong: string[] = [];
    for (const a of flat) {
      for (const b of flat) {
        const want = Math.sign(a.rank - b.rank);
        const got = compare(a.v, b.v);
        if (got !== want) wrong.push(`compare(${a.v}, ${b.v}) = ${got}, want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('orders by precomputed keys exactly as by strings, parts too long to pack and "none" included', () => {
    const versions = [...flat.map((f) => f.v), 'none', 'v123456.0.0', 'v123456.0.0-1', 'v1.0.123456', 'v1.0.99999'];
    const wrong: string[] = [];
    for (const a of versions) {
      for (const b of versions) {
        const want = compareModuleVersions('example.com/m', a, b);
        const got = compareModuleVersionKeys(
          moduleVersionKey('example.com/m', a),
          moduleVersionKey('example.com/m', b),
        );
        if (got !== want) wrong.push(`keys(${a}, ${b}) = ${got}, want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(moduleVersionKey('example.com/a', 'v1.2.3')).toBe(moduleVersionKey('example.com/b', 'v1.2.3'));
    expect(compareModuleVersionKeys(moduleVersionKey('go', '1.9'), moduleVersionKey('go', '1.10'))).toBe(-1);
  });

  it('orders prereleases by identifier, length and kind, prefixes first, whether or not they can be encoded', () => {
    const long = '9'.repeat(300);
    // Ascending; each must be below the next by strings and by keys alike.
    const ladder = [
      'v1.0.0-1',
      'v1.0.0-1.a',
      'v1.0.0-9',
      'v1.0.0-10',
      'v1.0.0-99.z',
      'v1.0.0-100',
      `v1.0.0-${long}`,
      `v1.0.0-${long}.1`,
      `v1.0.0-1${long}`,
      'v1.0.0--',
      'v1.0.0-a',
      'v1.0.0-a.1',
      'v1.0.0-a.b',
      'v1.0.0-a-',
      'v1.0.0-a0',
      'v1.0.0-ab',
      'v1.0.0-ab.1',
      'v1.0.0-ab0',
      'v1.0.0-b',
      'v1.0.0',
    ];
    const wrong: string[] = [];
    for (let i = 0; i < ladder.length; i++) {
      for (let j = 0; j < ladder.length; j++) {
        const want = Math.sign(i - j);
        const [a, b] = [ladder[i]!, ladder[j]!];
        if (compare(a, b) !== want) wrong.push(`compare(${a}, ${b}) = ${compare(a, b)}, want ${want}`);
        const keys = compareModuleVersionKeys(
          moduleVersionKey('example.com/m', a),
          moduleVersionKey('example.com/m', b),
        );
        if (keys !== want) wrong.push(`keys(${a}, ${b}) = ${keys}, want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(SEMVER_SORT)('sorts %j', (input, want) => {
    expect(sortVersions([...input])).toEqual(want);
  });

  it.each(SEMVER_MAX)('max(%j, %j) = %j', (a, b, want) => {
    expect(max(a, b)).toBe(want);
  });

  it('knows pre-releases', () => {
    expect(isPrerelease('v1.0.0-rc.1')).toBe(true);
    expect(isPrerelease('v0.0.0-20200101000000-abcdefabcdef')).toBe(true);
    expect(isPrerelease('v1.0.0+meta')).toBe(false);
    expect(isPrerelease('v1.0.0')).toBe(false);
  });
});

describe('compareModuleVersions', () => {
  it('puts "none" below every version', () => {
    expect(compareModuleVersions('example.com/m', 'none', 'v0.0.0-20000101000000-abcdefabcdef')).toBe(-1);
    expect(compareModuleVersions('example.com/m', 'v0.0.1', 'none')).toBe(1);
    expect(compareModuleVersions('example.com/m', 'none', 'none')).toBe(0);
  });

  it('orders the go pseudo-module by Go release order', () => {
    expect(compareModuleVersions('go', '1.21', '1.21.0')).toBe(-1);
    expect(compareModuleVersions('go', '1.21rc1', '1.21.0')).toBe(-1);
    expect(compareModuleVersions('go', '1.9', '1.10')).toBe(-1);
    expect(compareModuleVersions('go', '1.20', '1.20.0')).toBe(0);
  });

  it('orders the toolchain pseudo-module by the version in its name', () => {
    expect(compareModuleVersions('toolchain', 'go1.21.0', 'go1.21.10')).toBe(-1);
    expect(compareModuleVersions('toolchain', 'go1.22rc1', 'go1.21.9')).toBe(1);
  });

  it('uses semver for module paths', () => {
    expect(compareModuleVersions('example.com/m', 'v1.10.0', 'v1.9.0')).toBe(1);
    expect(compareModuleVersions('example.com/m', 'v2.0.0+incompatible', 'v1.9.0')).toBe(1);
  });
});
