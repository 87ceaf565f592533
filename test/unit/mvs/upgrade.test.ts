import { describe, expect, it } from '@jest/globals';
import { upgradeCandidates, type PathBasis } from '../../../src/gomod/upgrade.js';
import { MemorySource, NotInMemoryError } from '../../support/memory-source.js';
import { UPGRADE_PATH, UPGRADE_SCENARIOS, upgradeSource } from './upgrade-scenarios.js';

const P = 'example.com/m';

function source(
  versions: (string | [string, string | null, string?])[],
  latestGoMod: { retract?: string[]; go?: string } = {},
): MemorySource {
  const s = new MemorySource();
  for (const v of versions) {
    const [version, kind, time] = typeof v === 'string' ? [v, 'mod', undefined] : v;
    s.add(P, version, kind === null ? null : { go: '1.20' }, { time: time ?? '2020-01-01T00:00:00Z' });
  }
  const top = versions.map((v) => (typeof v === 'string' ? v : v[0])).at(-1)!;
  s.add(P, top, { go: latestGoMod.go ?? '1.20', retract: latestGoMod.retract }, { time: '2021-01-01T00:00:00Z' });
  return s;
}

describe('upgradeCandidates', () => {
  it('prefers the highest release and lists the rest best first', async () => {
    const s = source(['v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v1.1.1']);
    const r = await upgradeCandidates(P, 'v1.0.0', { source: s });
    expect(r.goUpdate).toBe('v1.1.1');
    expect(r.candidates).toEqual(['v1.1.1', 'v1.1.0', 'v1.2.0-rc.1']);
  });

  it('reports nothing at the top', async () => {
    const r = await upgradeCandidates(P, 'v1.1.0', { source: source(['v1.0.0', 'v1.1.0']) });
    expect(r).toMatchObject({ goUpdate: null, candidates: [] });
  });

  it('takes the highest pre-release only when no release is at or above current', async () => {
    const s = source(['v1.0.0', 'v1.1.0-beta.1', 'v1.1.0-rc.1']);
    expect((await upgradeCandidates(P, 'v1.1.0-beta.1', { source: s })).goUpdate).toBe('v1.1.0-rc.1');
    // From a release, the release itself is the best release at or above current: no update.
    const t = source(['v1.0.0', 'v1.1.0-beta.1', 'v1.1.0-rc.1']);
    expect((await upgradeCandidates(P, 'v1.0.0', { source: t })).goUpdate).toBeNull();
  });

  it('ignores versions that are not valid semver, and pseudo-versions in the list', async () => {
    const s = source(['v1.0.0', 'v1.1.0']);
    s.add(P, 'latest', { go: '1.20' });
    s.add(P, 'v1.2.1-0.20220101000000-abcdefabcdef', { go: '1.20' });
    expect((await upgradeCandidates(P, 'v1.0.0', { source: s })).candidates).toEqual(['v1.1.0']);
  });

  it('drops excluded versions', async () => {
    const r = await upgradeCandidates(P, 'v1.0.0', {
      source: source(['v1.0.0', 'v1.1.0', 'v1.2.0']),
      excluded: new Set(['v1.2.0']),
    });
    expect(r.goUpdate).toBe('v1.1.0');
  });

  it('drops versions retracted by the latest go.mod, ranges inclusive', async () => {
    const s = source(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0', 'v1.4.0'], { retract: ['[v1.2.0, v1.3.0]', 'v1.4.0'] });
    const r = await upgradeCandidates(P, 'v1.0.0', { source: s });
    expect(r.latest).toBe('v1.4.0');
    expect(r.goUpdate).toBe('v1.1.0');
    expect(r.candidates).toEqual(['v1.1.0']);
  });

  it('reads retractions from the highest release even when pre-releases are higher', async () => {
    const s = new MemorySource()
      .add(P, 'v1.0.0', { go: '1.20' })
      .add(P, 'v1.1.0', { go: '1.20', retract: ['v1.0.1'] })
      .add(P, 'v1.0.1', { go: '1.20' })
      .add(P, 'v1.2.0-rc.1', { go: '1.20', retract: ['v1.1.0'] });
    const r = await upgradeCandidates(P, 'v1.0.0', { source: s });
    expect(r.latest).toBe('v1.1.0');
    expect(r.candidates).toEqual(['v1.1.0', 'v1.2.0-rc.1']);
  });

  it('fails, rather than proposing a retracted version, when the latest go.mod cannot be fetched', async () => {
    const s = source(['v1.0.0', 'v1.1.0', 'v1.2.0'], { retract: ['v1.2.0'] });
    const mod = s.mod.bind(s);
    const outage = Object.assign(new Error(`${P}/@v/v1.2.0.mod: 503 Service Unavailable`), {
      name: 'ProxyUnavailableError',
    });
    s.mod = async (path: string, version: string) => {
      if (version === 'v1.2.0') throw outage;
      return mod(path, version);
    };
    // Swallowing the error would read "no retractions" and propose v1.2.0.
    await expect(upgradeCandidates(P, 'v1.0.0', { source: s })).rejects.toBe(outage);
  });

  it('allows every version when the latest go.mod does not exist, as Go does', async () => {
    const s = source(['v1.0.0', 'v1.1.0', 'v1.2.0'], { retract: ['v1.2.0'] });
    const mod = s.mod.bind(s);
    s.mod = async (path: string, version: string) => {
      if (version === 'v1.2.0') throw new NotInMemoryError(`${path}@${version}`);
      return mod(path, version);
    };
    const r = await upgradeCandidates(P, 'v1.0.0', { source: s });
    expect(r).toMatchObject({ goUpdate: 'v1.2.0', latest: null, retractions: [] });
  });

  it('stays put when current is retracted and nothing above is allowed', async () => {
    const s = source(['v1.0.0', 'v1.1.0', 'v1.2.0'], { retract: ['[v1.1.0, v1.2.0]'] });
    expect((await upgradeCandidates(P, 'v1.1.0', { source: s })).goUpdate).toBeNull();
  });

  it('ignores +incompatible versions once the latest compatible version has a go.mod', async () => {
    const s = source(['v1.0.0', 'v1.5.0', ['v2.0.0+incompatible', null], ['v2.1.0+incompatible', null]]);
    const r = await upgradeCandidates(P, 'v1.0.0', { source: s });
    expect(r.goUpdate).toBe('v1.5.0');
    expect(r.candidates).toEqual(['v1.5.0']);
  });

  it('keeps +incompatible versions when the latest compatible version has no go.mod', async () => {
    const s = new MemorySource()
      .add(P, 'v1.0.0', null)
      .add(P, 'v1.5.0', null)
      .add(P, 'v2.0.0+incompatible', null)
      .add(P, 'v2.1.0+incompatible', null);
    const r = await upgradeCandidates(P, 'v1.0.0', { source: s });
    expect(r.goUpdate).toBe('v2.1.0+incompatible');
    expect(r.candidates).toEqual(['v2.1.0+incompatible', 'v2.0.0+incompatible', 'v1.5.0']);
  });

  it('keeps +incompatible versions when current is +incompatible', async () => {
    const s = source(['v1.0.0', 'v1.5.0', ['v2.0.0+incompatible', null], ['v2.1.0+incompatible', null]]);
    expect((await upgradeCandidates(P, 'v2.0.0+incompatible', { source: s })).goUpdate).toBe('v2.1.0+incompatible');
  });

  it('does not move a pseudo-version to an older commit', async () => {
    const s = source([
      ['v1.0.0', 'mod', '2019-06-01T00:00:00Z'],
      ['v1.1.0', 'mod', '2019-09-01T00:00:00Z'],
    ]);
    s.add(P, 'v1.1.0', { go: '1.20' }, { time: '2019-09-01T00:00:00Z' });
    const r = await upgradeCandidates(P, 'v1.0.1-0.20200101000000-abcdefabcdef', { source: s });
    expect(r.goUpdate).toBeNull();
    // From an older pseudo-version the tag is an upgrade.
    const older = await upgradeCandidates(P, 'v1.0.1-0.20190701000000-abcdefabcdef', { source: s });
    expect(older.goUpdate).toBe('v1.1.0');
  });

  it('drops candidates that predate a pseudo-version current', async () => {
    const s = new MemorySource()
      .add(P, 'v1.1.0', { go: '1.20' }, { time: '2019-01-01T00:00:00Z' })
      .add(P, 'v1.2.0', { go: '1.20' }, { time: '2021-01-01T00:00:00Z' });
    const r = await upgradeCandidates(P, 'v1.0.1-0.20200101000000-abcdefabcdef', { source: s });
    expect(r.candidates).toEqual(['v1.2.0']);
  });

  it('uses @latest for a pseudo-version current when no tag is at or above it', async () => {
    const s = new MemorySource()
      .add(P, 'v0.1.0', { go: '1.20' }, { time: '2019-01-01T00:00:00Z' })
      .add(P, 'v0.1.1-0.20220101000000-bbbbbbbbbbbb', { go: '1.20' }, { time: '2022-01-01T00:00:00Z', listed: false })
      .setLatest(P, 'v0.1.1-0.20220101000000-bbbbbbbbbbbb');
    const r = await upgradeCandidates(P, 'v0.1.1-0.20210101000000-aaaaaaaaaaaa', { source: s });
    expect(r.goUpdate).toBe('v0.1.1-0.20220101000000-bbbbbbbbbbbb');
    // A tagged current never consults @latest.
    expect((await upgradeCandidates(P, 'v0.1.0', { source: s })).goUpdate).toBeNull();
  });

  it('treats a module the proxy does not know as having no update', async () => {
    const r = await upgradeCandidates('example.com/gone', 'v1.0.0', { source: new MemorySource() });
    expect(r).toMatchObject({ goUpdate: null, candidates: [] });
  });

  it('counts versions named by replace directives and skips retractions of a wholly replaced path', async () => {
    const s = source(['v1.0.0', 'v1.1.0'], { retract: ['v1.1.0'] });
    const replace = [{ old: { path: P }, new: { path: '../m' }, pos: { line: 1, column: 1 } }];
    expect((await upgradeCandidates(P, 'v1.0.0', { source: s, replace })).goUpdate).toBe('v1.1.0');
    const exact = [{ old: { path: P, version: 'v1.3.0' }, new: { path: '../m' }, pos: { line: 1, column: 1 } }];
    expect((await upgradeCandidates(P, 'v1.0.0', { source: s, replace: exact })).goUpdate).toBe('v1.3.0');
  });
});

describe('upgradeCandidates on the shared histories', () => {
  it.each(UPGRADE_SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const r = await upgradeCandidates(UPGRADE_PATH, s.current, {
      source: upgradeSource(s),
      excluded: new Set(s.excluded ?? []),
    });
    expect(r.goUpdate).toBe(s.expect);
    expect(r.candidates[0] ?? null).toBe(s.expect);
  });
});

describe('upgradeCandidates sharing what a path’s queries have in common', () => {
  it('answers every current version and path as an unshared query does', async () => {
    const s = source(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0', 'v1.4.0-rc.1', 'v1.4.0'], { retract: ['v1.3.0'] });
    s.add('example.com/other', 'v2.0.0', { go: '1.20' }).add('example.com/other', 'v2.1.0', { go: '1.20' });
    const shared = new Map<string, Promise<PathBasis>>();
    const queries: [string, string, string[]][] = [
      [P, 'v1.0.0', []],
      [P, 'v1.2.0', []],
      [P, 'v1.1.0', ['v1.4.0']],
      [P, '', []],
      [P, 'v1.4.0', []],
      ['example.com/other', 'v2.0.0', []],
    ];
    for (const [path, current, excluded] of queries) {
      const alone = await upgradeCandidates(path, current, { source: s, excluded: new Set(excluded) });
      const viaShared = await upgradeCandidates(path, current, { source: s, excluded: new Set(excluded), shared });
      expect({ path, current, viaShared }).toEqual({ path, current, viaShared: alone });
    }
    expect([...shared.keys()]).toEqual([P, 'example.com/other']);
  });

  it('does not keep a failed read', async () => {
    const s = source(['v1.0.0', 'v1.1.0']);
    const list = s.list.bind(s);
    let failures = 1;
    s.list = (path: string) => (failures-- > 0 ? Promise.reject(new Error('unavailable')) : list(path));
    const shared = new Map<string, Promise<PathBasis>>();
    await expect(upgradeCandidates(P, 'v1.0.0', { source: s, shared })).rejects.toThrow('unavailable');
    expect((await upgradeCandidates(P, 'v1.0.0', { source: s, shared })).candidates).toEqual(['v1.1.0']);
  });
});
