/** The paths of later majors, and the walk that probes them until the first the proxy does not have. */
import { describe, expect, it } from '@jest/globals';
import { firstMajorToProbe, pathForMajor } from '../../../src/gomod/major-path.js';
import { probeMajors, MajorProbeError } from '../../../src/planner/majors.js';
import { goModText, MemorySource } from '../../support/memory-source.js';
import type { ModuleSource } from '../../../src/gomod/types.js';
import { defaultConfig } from '../../../src/config/schema.js';
import { createPlan } from '../../../src/planner/plan.js';
import { planSchema } from '../../../src/planner/plan-schema.js';
import { memoryTree } from '../../../src/workspace/tree.js';

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

describe('createPlan with majors at new paths', () => {
  const repoFiles = {
    'go.mod': goModText('example.org/app', {
      go: '1.22',
      require: ['example.org/m/v2 v2.0.0', 'example.org/k v1.0.0'],
    }),
  };

  it('proposes the newest later major that passes the guard, and says which newer one it held back', async () => {
    const src = new MemorySource()
      .add('example.org/m/v2', 'v2.0.0', { go: '1.20' })
      .add('example.org/m/v2', 'v2.1.0', { go: '1.20' })
      .add('example.org/m/v3', 'v3.0.0', { go: '1.21' })
      .add('example.org/m/v3', 'v3.2.0', { go: '1.22' })
      .add('example.org/m/v4', 'v4.0.0', { go: '1.25' })
      .add('example.org/k', 'v1.0.0', { go: '1.20' });
    const plan = await createPlan({
      tree: memoryTree(repoFiles),
      root: '.',
      config: { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'] },
      source: src,
    });
    expect(planSchema.parse(plan)).toEqual(plan);
    expect(plan.updates).toEqual([
      { module: 'example.org/m/v2', to: 'v2.1.0', kind: 'minor', dirs: [{ dir: '.', from: 'v2.0.0' }] },
      {
        module: 'example.org/m/v2',
        newPath: 'example.org/m/v3',
        to: 'v3.2.0',
        kind: 'major',
        dirs: [{ dir: '.', from: 'v2.0.0' }],
      },
    ]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({ module: 'example.org/m/v4', dir: '.', reason: 'needs-newer-go' }),
    ]);
    // example.org/k has no /v2: one probe, nothing proposed, nothing said.
    expect(src.calls.list).toContain('example.org/k/v2');
    expect(plan.warnings).toEqual([]);
  });

  it('keeps the plan when a new major cannot be checked: a warning for that dependency, its other updates stay', async () => {
    const src = new MemorySource()
      .add('example.org/m/v2', 'v2.0.0', { go: '1.20' })
      .add('example.org/m/v2', 'v2.1.0', { go: '1.20' })
      .add('example.org/k', 'v1.0.0', { go: '1.20' })
      .add('example.org/k', 'v1.1.0', { go: '1.20' });
    const broken: ModuleSource = {
      list: (p) => (p === 'example.org/m/v3' ? Promise.resolve(['v3.0.0']) : src.list(p)),
      latest: (p) => src.latest(p),
      info: (p, v) => src.info(p, v),
      mod: (p, v) =>
        p === 'example.org/m/v3'
          ? Promise.reject(Object.assign(new Error('502 Bad Gateway'), { name: 'ProxyUnavailableError' }))
          : src.mod(p, v),
    };
    const plan = await createPlan({
      tree: memoryTree(repoFiles),
      root: '.',
      config: { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'] },
      source: broken,
    });
    expect(plan.updates.map((u) => `${u.module}@${u.to}${u.newPath ? ` as ${u.newPath}` : ''}`)).toEqual([
      'example.org/k@v1.1.0',
      'example.org/m/v2@v2.1.0',
    ]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        dir: '.',
        module: 'example.org/m/v2',
        message: expect.stringMatching(/example\.org\/m\/v3.*502/),
      }),
    ]);
  });
});
