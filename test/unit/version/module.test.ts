import { describe, expect, it } from '@jest/globals';
import {
  canonicalModuleVersion,
  checkPathMajor,
  isCanonicalVersion,
  isIncompatible,
  isValidModulePath,
  matchPathMajor,
  modulePathProblem,
  splitPathVersion,
} from '../../../src/gomod/module.js';
import { isPseudoVersion } from '../../../src/gomod/pseudo-version.js';
import { isValid } from '../../../src/gomod/version.js';
import { CANONICAL_MODULE_VERSION, CHECK_PATH, CHECK_PATH_MAJOR, SPLIT_PATH } from './tables.js';

describe('module paths', () => {
  it.each(SPLIT_PATH)('splitPathVersion(%j)', (path, prefix, pathMajor, ok) => {
    expect(splitPathVersion(path)).toEqual({ prefix, pathMajor, ok });
  });

  it.each(CHECK_PATH_MAJOR)('checkPathMajor(%j, %j) ok=%j', (v, pm, ok) => {
    expect(checkPathMajor(v, pm) === null).toBe(ok);
  });

  it('says which major version was expected', () => {
    expect(checkPathMajor('v3.0.0', '/v2')?.message).toBe('version "v3.0.0" invalid: should be v2, not v3');
    expect(checkPathMajor('v2.0.0', '')?.message).toBe('version "v2.0.0" invalid: should be v0 or v1, not v2');
  });

  it.each(CHECK_PATH)('isValidModulePath(%j) = %j', (path, ok) => {
    expect(isValidModulePath(path)).toBe(ok);
    expect(modulePathProblem(path) === null).toBe(ok);
  });

  it.each(CANONICAL_MODULE_VERSION)('canonicalModuleVersion(%j) = %j', (v, want) => {
    expect(canonicalModuleVersion(v)).toBe(want);
  });

  it('recognises +incompatible', () => {
    expect(isIncompatible('v2.0.0+incompatible')).toBe(true);
    expect(isIncompatible('v2.0.0+other')).toBe(false);
    expect(isIncompatible('v2.0.0')).toBe(false);
  });
});

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
    expect([isValid(v), isCanonicalVersion(v), isPseudoVersion(v)]).toEqual([valid, canonical, pseudo]);
  });

  it.each<[string, string, boolean]>([
    ['example.com/m', '', true],
    ['example.com/m/v2', '/v2', true],
    ['example.com/m/v1', '', false],
    ['example.com/m/v02', '', false],
    ['gopkg.in/yaml.v3', '.v3', true],
    ['gopkg.in/check.v1-unstable', '.v1-unstable', true],
    ['gopkg.in/x', '', false],
  ])('splitPathVersion(%s)', (path, pathMajor, ok) => {
    expect(splitPathVersion(path)).toMatchObject({ pathMajor, ok });
  });

  it.each<[string, string, boolean]>([
    ['v1.2.3', '', true],
    ['v2.0.0', '', false],
    ['v2.0.0+incompatible', '', true],
    ['v2.1.0', '/v2', true],
    ['v3.0.0', '/v2', false],
    ['v3.0.0', '.v3', true],
    ['v0.0.0-20191109021931-daa7c04131f5', '.v1', true],
  ])('matchPathMajor(%s, %j)', (v, pm, want) => {
    expect(matchPathMajor(v, pm)).toBe(want);
  });
});
