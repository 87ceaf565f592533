import { describe, expect, it } from '@jest/globals';
import {
  compareGoVersions,
  goLanguage,
  isGoLanguageVersion,
  isGoPrerelease,
  isValidGoVersion,
  maxGoVersion,
  toolchainVersion,
} from '../../../src/gomod/go-version.js';
import { GO_LANG, GO_ORDER, TOOLCHAIN } from './tables.js';

describe('Go versions', () => {
  const flat = GO_ORDER.flatMap((group, rank) => group.map((v) => ({ v, rank })));

  it('orders every pair as the table does', () => {
    const wrong: string[] = [];
    for (const a of flat) {
      for (const b of flat) {
        const want = Math.sign(a.rank - b.rank);
        const got = compareGoVersions(a.v, b.v);
        if (got !== want) wrong.push(`compareGoVersions(${a.v}, ${b.v}) = ${got}, want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('puts 1.21 < 1.21rc1 < 1.21.0 < 1.21.1', () => {
    expect(['1.21.1', '1.21.0', '1.21rc1', '1.21'].sort(compareGoVersions)).toEqual([
      '1.21',
      '1.21rc1',
      '1.21.0',
      '1.21.1',
    ]);
  });

  it.each(GO_LANG)('%j valid=%j language=%j', (v, valid, lang) => {
    expect(isValidGoVersion(v)).toBe(valid);
    expect(goLanguage(v)).toBe(lang);
  });

  it('tells language versions and pre-releases apart', () => {
    expect(isGoLanguageVersion('1.21')).toBe(true);
    expect(isGoLanguageVersion('1.21.0')).toBe(false);
    expect(isGoLanguageVersion('1.21rc1')).toBe(false);
    expect(isGoPrerelease('1.21rc1')).toBe(true);
    expect(isGoPrerelease('1.21.0')).toBe(false);
  });

  it('takes the max', () => {
    expect(maxGoVersion('1.21', '1.21.0')).toBe('1.21.0');
    expect(maxGoVersion('1.22.1', '1.9')).toBe('1.22.1');
  });

  it.each(TOOLCHAIN)('toolchainVersion(%j) = %j', (name, want) => {
    expect(toolchainVersion(name)).toBe(want);
  });
});
