import { describe, expect, it } from '@jest/globals';
import { matchGlob } from '../../../src/config/glob.js';
import { findIgnoreRule, isIgnored } from '../../../src/config/ignore.js';
import type { IgnoreRule, UpdateType } from '../../../src/config/schema.js';
import { isVersionPattern, matchesVersionPattern } from '../../../src/config/version-pattern.js';

describe('matchGlob', () => {
  it.each([
    ['github.com/foo/*', 'github.com/foo/bar', true],
    ['github.com/foo/*', 'github.com/foo/bar/v2', true],
    ['github.com/foo/*', 'github.com/foo', false],
    ['github.com/foo/*', 'github.com/foobar/x', false],
    ['github.com/*/sdk', 'github.com/aws/sdk', true],
    ['github.com/*/sdk', 'github.com/aws/x/sdk', true],
    ['go.opentelemetry.io/*', 'go.opentelemetry.io/otel/sdk/metric', true],
    ['golang.org/x/*', 'golang.org/xx/y', false],
    ['example.com/a.b', 'example.com/aXb', false],
    ['example.com/exact', 'example.com/exact', true],
    ['example.com/exact', 'example.com/exact/v2', false],
    ['github.com/Azure/*', 'github.com/azure/x', false],
    ['*', 'anything/at/all', true],
    ['services/*', 'services/order-service', true],
    ['services/*', 'libs/xredis', false],
    ['*-service', 'services/order-service', true],
    ['x/(a|b)+', 'x/(a|b)+', true],
    ['x/(a|b)+', 'x/a', false],
  ])('%s on %s → %s', (glob, text, want) => {
    expect(matchGlob(glob, text)).toBe(want);
  });
});

describe('version patterns', () => {
  it.each([
    ['v1.2.3', 'v1.2.3', true],
    ['1.2.3', 'v1.2.3', true],
    ['v1.2.3', 'v1.2.4', false],
    ['v1.2.3', 'v1.2.3-rc.1', false],
    ['v1.2.3-rc.1', 'v1.2.3-rc.1', true],
    ['v2.0.0', 'v2.0.0+incompatible', true],
    ['v2.*', 'v2.0.0', true],
    ['v2.*', 'v2.9.1-beta.1', true],
    ['v2.*', 'v20.0.0', false],
    ['v2.*', 'v12.0.0', false],
    ['v2.3.*', 'v2.3.9', true],
    ['v2.3.*', 'v2.30.0', false],
    ['v0.*', 'v0.0.0-20240101000000-abcdefabcdef', true],
    ['v1.2.3', 'not-a-version', false],
  ])('%s matches %s → %s', (pattern, version, want) => {
    expect(matchesVersionPattern(pattern, version)).toBe(want);
  });

  it.each([
    ['v1.2.3', true],
    ['v2.*', true],
    ['v2.3.*', true],
    ['1.*', true],
    ['v2', false],
    ['v2.3', false],
    ['*', false],
    ['>= 1.0.0', false],
    ['v1.*.3', false],
    ['latest', false],
  ])('%s is a version pattern: %s', (pattern, want) => {
    expect(isVersionPattern(pattern)).toBe(want);
  });
});

describe('isIgnored', () => {
  const rules: IgnoreRule[] = [
    { dependency: 'github.com/foo/*', updateTypes: ['minor'] },
    { dependency: 'example.com/pinned' },
    { dependency: 'golang.org/x/*', versions: ['v0.30.0', 'v1.*'] },
    { dependency: 'github.com/big/*', updateTypes: ['major'], versions: ['v3.*'] },
  ];

  const table: [string, UpdateType, string | undefined, boolean, number | undefined][] = [
    // dependency glob + update types
    ['github.com/foo/bar', 'minor', 'v1.5.0', true, 0],
    ['github.com/foo/bar/v2', 'minor', 'v2.1.0', true, 0],
    ['github.com/foo/bar', 'patch', 'v1.4.1', false, undefined],
    ['github.com/foo/bar', 'major', 'v2.0.0', false, undefined],
    ['github.com/foo', 'minor', 'v1.5.0', false, undefined],
    // no restriction: every kind, every version, with or without a version
    ['example.com/pinned', 'patch', 'v1.0.1', true, 1],
    ['example.com/pinned', 'major', undefined, true, 1],
    ['example.com/pinned/v2', 'major', 'v2.0.0', false, undefined],
    // versions
    ['golang.org/x/net', 'minor', 'v0.30.0', true, 2],
    ['golang.org/x/net', 'minor', 'v0.31.0', false, undefined],
    ['golang.org/x/net', 'major', 'v1.0.0', true, 2],
    ['golang.org/x/net', 'minor', undefined, false, undefined],
    // both restrictions must hold
    ['github.com/big/lib/v3', 'major', 'v3.0.0', true, 3],
    ['github.com/big/lib/v3', 'minor', 'v3.1.0', false, undefined],
    ['github.com/big/lib/v4', 'major', 'v4.0.0', false, undefined],
    ['example.com/other', 'patch', 'v1.0.1', false, undefined],
  ];

  it.each(table)('%s %s %s → %s', (path, kind, version, want, ruleIndex) => {
    expect(isIgnored(rules, path, kind, version)).toBe(want);
    expect(findIgnoreRule(rules, path, kind, version)).toBe(ruleIndex === undefined ? undefined : rules[ruleIndex]);
  });

  it('ignores nothing without rules', () => {
    expect(isIgnored([], 'example.com/pinned', 'patch', 'v1.0.1')).toBe(false);
  });
});
