import { describe, expect, it } from '@jest/globals';
import {
  InvalidPseudoVersionError,
  isPseudoVersion,
  isZeroPseudoVersion,
  makePseudoVersion,
  pseudoVersionBase,
  pseudoVersionRev,
  pseudoVersionTime,
  zeroPseudoVersion,
} from '../../../src/gomod/pseudo-version.js';
import { PSEUDO, PSEUDO_MAKE } from './tables.js';

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidPseudoVersionError);
    return null;
  }
}

describe('pseudo-versions', () => {
  it.each(PSEUDO)('%j', (v, pseudo, base, rev, time) => {
    expect({
      pseudo: isPseudoVersion(v),
      base: attempt(() => pseudoVersionBase(v)),
      rev: attempt(() => pseudoVersionRev(v)),
      time: attempt(() => pseudoVersionTime(v).toISOString().replace('.000Z', 'Z')),
    }).toEqual({ pseudo, base, rev, time });
  });

  it.each(PSEUDO_MAKE)('makePseudoVersion(%j, %j, %j, %j)', (maj, older, time, rev, want) => {
    const v = makePseudoVersion(maj, older, new Date(time), rev);
    expect(v).toBe(want);
    expect(isPseudoVersion(v)).toBe(true);
    expect(pseudoVersionRev(v)).toBe(rev);
  });

  it('round-trips the base of the three forms', () => {
    const t = new Date('2024-02-29T23:59:59Z');
    for (const older of ['', 'v1.4.2', 'v1.5.0-rc.1', 'v3.0.9+incompatible']) {
      const v = makePseudoVersion('v1', older, t, 'abcdef123456');
      expect(pseudoVersionBase(v)).toBe(older);
      expect(pseudoVersionTime(v).toISOString()).toBe(t.toISOString());
    }
  });

  it('knows the zero pseudo-version', () => {
    expect(zeroPseudoVersion('v0')).toBe('v0.0.0-00010101000000-000000000000');
    expect(zeroPseudoVersion('v2')).toBe('v2.0.0-00010101000000-000000000000');
    expect(isZeroPseudoVersion('v2.0.0-00010101000000-000000000000')).toBe(true);
    expect(isZeroPseudoVersion('v2.0.0-00010101000000-000000000001')).toBe(false);
  });
});
