import { describe, expect, it } from '@jest/globals';
import { compareRefs, refFor, releasesBetween, tagFor, versionFromTag } from '../../../src/release-notes/index.js';

describe('tags of module versions', () => {
  it('prefixes a subdirectory and drops +incompatible', () => {
    expect(tagFor('v1.2.3', '')).toBe('v1.2.3');
    expect(tagFor('v1.2.3', 'sdk/metric/')).toBe('sdk/metric/v1.2.3');
    expect(tagFor('v4.5.0+incompatible', '')).toBe('v4.5.0');
  });

  it('reads versions back from tags under the prefix only', () => {
    expect(versionFromTag('sdk/v1.2.0', 'sdk/')).toBe('v1.2.0');
    expect(versionFromTag('v1.2.0', 'sdk/')).toBeNull();
    expect(versionFromTag('sdk/v1.2.0', '')).toBeNull();
    expect(versionFromTag('other/sdk/v1.2.0', 'sdk/')).toBeNull();
    expect(versionFromTag('v1.2', '')).toBeNull(); // not canonical: Go ignores it
    expect(versionFromTag('release-1.2.0', '')).toBeNull();
  });

  it('compares pseudo-versions by their commit', () => {
    expect(refFor('v0.0.0-20240102150405-0123456789ab', 'x/')).toBe('0123456789ab');
    expect(compareRefs('v1.2.0', 'v1.3.1-0.20240102150405-abcdefabcdef', 'sub/')).toEqual({
      base: 'sub/v1.2.0',
      head: 'abcdefabcdef',
      byCommit: true,
    });
    expect(compareRefs('v2.0.0+incompatible', 'v2.1.0+incompatible', '')).toEqual({
      base: 'v2.0.0',
      head: 'v2.1.0',
      byCommit: false,
    });
  });
});

describe('releasesBetween', () => {
  const listed = ['v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v1.2.0', 'v1.2.1', 'v1.3.0-beta.1', 'v1.3.0', 'v2.0.0'];

  it('lists every release in (from, to], newest first, without prereleases for a release target', () => {
    expect(releasesBetween('v1.1.0', 'v1.3.0', listed)).toEqual(['v1.3.0', 'v1.2.1', 'v1.2.0']);
  });

  it('includes prereleases when the target is one', () => {
    expect(releasesBetween('v1.2.1', 'v1.3.0-beta.1', listed)).toEqual(['v1.3.0-beta.1']);
    expect(releasesBetween('v1.1.0', 'v1.3.0-beta.1', listed)).toEqual([
      'v1.3.0-beta.1',
      'v1.2.1',
      'v1.2.0',
      'v1.2.0-rc.1',
    ]);
  });

  it('includes the target even when nothing lists it', () => {
    expect(releasesBetween('v1.0.0', 'v1.0.1', [])).toEqual(['v1.0.1']);
  });

  it('covers the tagged releases up to a pseudo-version target, and none past it', () => {
    expect(releasesBetween('v1.1.0', 'v1.2.2-0.20240102150405-abcdefabcdef', listed)).toEqual(['v1.2.1', 'v1.2.0']);
    expect(releasesBetween('v0.0.0-20230101000000-aaaaaaaaaaaa', 'v0.0.0-20240101000000-bbbbbbbbbbbb', [])).toEqual([]);
  });

  it('starts after a pseudo-version source', () => {
    expect(releasesBetween('v1.2.1-0.20240102150405-abcdefabcdef', 'v1.3.0', listed)).toEqual(['v1.3.0', 'v1.2.1']);
  });

  it('keeps +incompatible on v2+ releases of a module without /vN', () => {
    expect(
      releasesBetween('v3.2.0+incompatible', 'v4.1.0+incompatible', [
        'v3.2.0+incompatible',
        'v4.0.0',
        'v4.0.1+incompatible',
        'v4.1.0',
      ]),
    ).toEqual(['v4.1.0+incompatible', 'v4.0.1+incompatible', 'v4.0.0+incompatible']);
  });

  it('stays within a /vN major: versions of other majors are outside the range', () => {
    expect(releasesBetween('v2.1.0', 'v2.3.0', ['v1.9.0', 'v2.2.0', 'v2.3.0', 'v3.0.0'])).toEqual(['v2.3.0', 'v2.2.0']);
  });

  it('ignores pseudo-versions and invalid strings in the list', () => {
    expect(
      releasesBetween('v1.0.0', 'v1.2.0', ['v1.1.0', 'v1.1.1-0.20240101000000-abcdefabcdef', 'junk', 'v1.1']),
    ).toEqual(['v1.2.0', 'v1.1.0']);
  });
});
