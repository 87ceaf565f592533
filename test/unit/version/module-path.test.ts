import { describe, expect, it } from '@jest/globals';
import {
  canonicalModuleVersion,
  checkPathMajor,
  isIncompatible,
  isValidModulePath,
  modulePathProblem,
  splitPathVersion,
} from '../../../src/gomod/module-path.js';
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
