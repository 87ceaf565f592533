import { describe, expect, it } from '@jest/globals';
import {
  isCanonicalVersion,
  isPseudoVersion,
  isValidSemver,
  matchesPathMajor,
  splitPathMajor,
} from '../../../src/gomod/proxy/version-syntax.js';

describe('version predicates', () => {
  it.each<[string, boolean, boolean, boolean]>([
    // version, valid, canonical, pseudo
    ['v1.2.3', true, true, false],
    ['v1.2', true, false, false],
    ['v1', true, false, false],
    ['v1.2.3-pre.1', true, true, false],
    ['v1.2.3+build', true, false, false],
    ['v2.0.0+incompatible', true, true, false],
    ['v1.2.3-01', false, false, false],
    ['v01.2.3', false, false, false],
    ['1.2.3', false, false, false],
    ['v1.2-pre', false, false, false],
    ['v1.2.3-', false, false, false],
    ['v0.0.0-20191109021931-daa7c04131f5', true, true, true],
    ['v1.2.4-0.20191109021931-daa7c04131f5', true, true, true],
    ['v1.2.3-pre.0.20191109021931-daa7c04131f5', true, true, true],
    ['v2.0.1-0.20191109021931-daa7c04131f5+incompatible', true, true, true],
    ['v1.2.3-20191109021931-daa7c04131f5', true, true, false],
  ])('%s valid=%s canonical=%s pseudo=%s', (v, valid, canonical, pseudo) => {
    expect([isValidSemver(v), isCanonicalVersion(v), isPseudoVersion(v)]).toEqual([valid, canonical, pseudo]);
  });

  it.each<[string, string, boolean]>([
    ['example.com/m', '', true],
    ['example.com/m/v2', '/v2', true],
    ['example.com/m/v1', '', false],
    ['example.com/m/v02', '', false],
    ['gopkg.in/yaml.v3', '.v3', true],
    ['gopkg.in/check.v1-unstable', '.v1-unstable', true],
    ['gopkg.in/x', '', false],
  ])('splitPathMajor(%s)', (path, pathMajor, ok) => {
    expect(splitPathMajor(path)).toMatchObject({ pathMajor, ok });
  });

  it.each<[string, string, boolean]>([
    ['v1.2.3', '', true],
    ['v2.0.0', '', false],
    ['v2.0.0+incompatible', '', true],
    ['v2.1.0', '/v2', true],
    ['v3.0.0', '/v2', false],
    ['v3.0.0', '.v3', true],
    ['v0.0.0-20191109021931-daa7c04131f5', '.v1', true],
  ])('matchesPathMajor(%s, %j)', (v, pm, want) => {
    expect(matchesPathMajor(v, pm)).toBe(want);
  });
});
