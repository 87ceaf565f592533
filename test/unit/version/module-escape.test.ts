import { describe, expect, it } from '@jest/globals';
import {
  escapeModulePath,
  escapeVersion,
  InvalidModulePathError,
  InvalidModuleVersionError,
  modulePathProblem,
  unescapeModulePath,
  unescapeVersion,
} from '../../../src/gomod/module.js';

describe('escapeModulePath', () => {
  it.each([
    ['github.com/BurntSushi/toml', 'github.com/!burnt!sushi/toml'],
    ['github.com/Azure/azure-sdk-for-go/sdk/azcore', 'github.com/!azure/azure-sdk-for-go/sdk/azcore'],
    ['golang.org/x/text', 'golang.org/x/text'],
    ['example.com/ABC', 'example.com/!a!b!c'],
    ['gopkg.in/yaml.v3', 'gopkg.in/yaml.v3'],
    ['example.com/m/v2', 'example.com/m/v2'],
    ['example.com/a_b~c.d-e', 'example.com/a_b~c.d-e'],
  ])('%s → %s and back', (path, escaped) => {
    expect(escapeModulePath(path)).toBe(escaped);
    expect(unescapeModulePath(escaped)).toBe(path);
  });

  it.each([
    ['', 'empty string'],
    ['Example.com/x', "invalid char 'E' in first path element"],
    ['example/x', 'missing dot in first path element'],
    ['-example.com/x', 'leading dash'],
    ['example.com//x', 'double slash'],
    ['example.com/x/', 'trailing slash'],
    ['example.com/.x', 'leading dot in path element'],
    ['example.com/x.', 'trailing dot in path element'],
    ['example.com/x y', "invalid char ' '"],
    ['example.com/x!y', "invalid char '!'"],
    ['example.com/ü', "invalid char 'ü'"],
    // As Go's %q: what would not print (a right-to-left override, a tab) shows as an escape.
    ['example.com/a\u202eb', "invalid char '\\u202e'"],
    ['example.com/a\tb', "invalid char '\\t'"],
    ['example.com/x/v1', 'invalid version'],
    ['example.com/x/v0', 'invalid version'],
    ['example.com/x/v2.1', 'invalid version'],
    ['gopkg.in/yaml', 'invalid version'],
    ['example.com/com1', '"com1" disallowed as path element component on Windows'],
    ['example.com/PROGRA~1', 'trailing tilde and digits in path element'],
    ['example.com/..', 'invalid path element ".."'],
  ])('rejects %j (%s) with a typed error', (path, problem) => {
    expect(modulePathProblem(path)).toBe(problem);
    expect(() => escapeModulePath(path)).toThrow(InvalidModulePathError);
  });
});

describe('escapeVersion', () => {
  it.each([
    ['v1.2.3', 'v1.2.3'],
    ['v1.0.0-RC1', 'v1.0.0-!r!c1'],
    ['v2.0.0+incompatible', 'v2.0.0+incompatible'],
    ['master', 'master'],
    ['Feature-Branch', '!feature-!branch'],
  ])('%s → %s and back', (v, escaped) => {
    expect(escapeVersion('example.com/m', v)).toBe(escaped);
    expect(unescapeVersion(escaped)).toBe(v);
  });

  it.each(['', 'v1!', 'a/b', 'v1.0.0.', '..', 'a*b', 'vé'])('rejects %j', (v) => {
    expect(() => escapeVersion('example.com/m', v)).toThrow(InvalidModuleVersionError);
  });
});

describe('unescape rejects what escaping never produces', () => {
  it.each(['github.com/BurntSushi/toml', 'example.com/!', 'example.com/!1', 'example.com/!!a'])('%s', (s) => {
    expect(unescapeModulePath(s)).toBeNull();
  });
});
