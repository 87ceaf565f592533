/** The paths of later majors, and the walk that probes them until the first the proxy does not have. */
import { describe, expect, it } from '@jest/globals';
import { firstMajorToProbe, pathForMajor } from '../../../src/gomod/major-path.js';
import { probeMajors, MajorProbeError } from '../../../src/planner/majors.js';
import { MemorySource } from '../../support/memory-source.js';
import type { ModuleSource } from '../../../src/gomod/types.js';

describe('pathForMajor and firstMajorToProbe', () => {
  it.each([
    ['github.com/a/b', 'v1.2.3', 2, 'github.com/a/b/v2'],
    ['github.com/a/b', 'v0.4.0', 2, 'github.com/a/b/v2'],
    ['github.com/a/b/v2', 'v2.0.1', 3, 'github.com/a/b/v3'],
    ['github.com/a/b/v9', 'v9.1.0', 10, 'github.com/a/b/v10'],
    ['gopkg.in/yaml.v2', 'v2.2.8', 3, 'gopkg.in/yaml.v3'],
    ['gopkg.in/check.v1', 'v1.0.0-20161208181325-20d25e280405', 2, 'gopkg.in/check.v2'],
    ['github.com/go-redis/redis', 'v6.15.9+incompatible', 6, 'github.com/go-redis/redis/v6'],
  ])('%s@%s probes major %d first at %s', (path, version, first, firstPath) => {
    expect(firstMajorToProbe(path, version)).toBe(first);
    expect(pathForMajor(path, first)).toBe(firstPath);
  });

  it('has no sibling for gopkg.in -unstable tracks or malformed paths', () => {
    expect(firstMajorToProbe('gopkg.in/x.v2-unstable', 'v2.0.0')).toBeNull();
    expect(pathForMajor('gopkg.in/x.v2-unstable', 3)).toBeNull();
    expect(pathForMajor('github.com/a/b/v1', 2)).toBeNull();
  });
});

describe('probeMajors', () => {
  it('walks until the first major the proxy does not have', async () => {
    const src = new MemorySource()
      .add('example.com/m/v3', 'v3.0.0')
      .add('example.com/m/v4', 'v4.1.0')
      .add('example.com/m/v6', 'v6.0.0');
    expect(await probeMajors('example.com/m/v2', 'v2.0.0', src)).toEqual([
      { major: 3, path: 'example.com/m/v3' },
      { major: 4, path: 'example.com/m/v4' },
    ]);
  });

  it('lets an incompatible line miss its own major, and finds the real /vN module after it', async () => {
    const src = new MemorySource().add('example.com/r/v7', 'v7.4.0').add('example.com/r/v8', 'v8.11.5');
    expect(await probeMajors('example.com/r', 'v6.15.9+incompatible', src)).toEqual([
      { major: 7, path: 'example.com/r/v7' },
      { major: 8, path: 'example.com/r/v8' },
    ]);
    expect(await probeMajors('example.com/r', 'v1.0.0', src)).toEqual([]);
  });

  it('counts a module with only untagged commits through @latest', async () => {
    const src = new MemorySource()
      .add('example.com/p/v2', 'v2.0.0-20240101000000-abcdefabcdef', {}, { listed: false })
      .setLatest('example.com/p/v2', 'v2.0.0-20240101000000-abcdefabcdef');
    expect(await probeMajors('example.com/p', 'v1.0.0', src)).toEqual([{ major: 2, path: 'example.com/p/v2' }]);
  });

  it('gives up on a proxy answer that is neither a version nor "not found"', async () => {
    const broken: ModuleSource = {
      ...new MemorySource(),
      list: () => Promise.reject(Object.assign(new Error('502 Bad Gateway'), { name: 'ProxyUnavailableError' })),
      latest: () => Promise.reject(Object.assign(new Error('502 Bad Gateway'), { name: 'ProxyUnavailableError' })),
      info: () => Promise.reject(new Error('unused')),
      mod: () => Promise.reject(new Error('unused')),
    };
    await expect(probeMajors('example.com/m/v2', 'v2.0.0', broken)).rejects.toBeInstanceOf(MajorProbeError);
  });
});
