/**
 * Version histories of one module and the update Go reports for a current version. The unit
 * tests check the engine; test/integration/upgrade-oracle.test.ts serves the same histories to
 * `go list -m -u` from a file-system proxy.
 */
import { MemorySource, type GoModSpec } from '../../support/memory-source.js';

export const UPGRADE_PATH = 'example.com/m';

export interface UpgradeScenario {
  name: string;
  /** [version, go.mod (null: none), commit time, listed in @v/list (default true)] */
  versions: [string, GoModSpec | null, string, boolean?][];
  /** What @latest answers; absent: the proxy has no @latest. */
  latest?: string;
  current: string;
  excluded?: string[];
  expect: string | null;
}

const go = { go: '1.20' };

export const UPGRADE_SCENARIOS: UpgradeScenario[] = [
  {
    name: 'highest release',
    versions: [
      ['v1.0.0', go, '2020-01-01T00:00:00Z'],
      ['v1.1.0', go, '2020-02-01T00:00:00Z'],
      ['v1.2.0-rc.1', go, '2020-03-01T00:00:00Z'],
    ],
    current: 'v1.0.0',
    expect: 'v1.1.0',
  },
  {
    name: 'pre-release current moves to a higher pre-release',
    versions: [
      ['v1.0.0', go, '2020-01-01T00:00:00Z'],
      ['v1.1.0-beta.1', go, '2020-02-01T00:00:00Z'],
      ['v1.1.0-rc.1', go, '2020-03-01T00:00:00Z'],
    ],
    current: 'v1.1.0-beta.1',
    expect: 'v1.1.0-rc.1',
  },
  {
    name: 'a release current does not move to a pre-release',
    versions: [
      ['v1.0.0', go, '2020-01-01T00:00:00Z'],
      ['v1.1.0-rc.1', go, '2020-03-01T00:00:00Z'],
    ],
    current: 'v1.0.0',
    expect: null,
  },
  {
    name: 'retraction ranges are inclusive, and the latest version may retract itself',
    versions: [
      ['v1.0.0', go, '2020-01-01T00:00:00Z'],
      ['v1.1.0', go, '2020-02-01T00:00:00Z'],
      ['v1.2.0', go, '2020-03-01T00:00:00Z'],
      ['v1.3.0', go, '2020-04-01T00:00:00Z'],
      ['v1.4.0', { go: '1.20', retract: ['[v1.2.0, v1.3.0]', 'v1.4.0'] }, '2020-05-01T00:00:00Z'],
    ],
    current: 'v1.0.0',
    expect: 'v1.1.0',
  },
  {
    name: 'excluded versions are skipped',
    versions: [
      ['v1.0.0', go, '2020-01-01T00:00:00Z'],
      ['v1.1.0', go, '2020-02-01T00:00:00Z'],
      ['v1.2.0', go, '2020-03-01T00:00:00Z'],
    ],
    current: 'v1.0.0',
    excluded: ['v1.2.0'],
    expect: 'v1.1.0',
  },
  {
    name: '+incompatible tags ignored above a compatible version with a go.mod',
    versions: [
      ['v1.0.0', go, '2020-01-01T00:00:00Z'],
      ['v1.5.0', go, '2020-02-01T00:00:00Z'],
      ['v2.0.0+incompatible', null, '2020-03-01T00:00:00Z'],
    ],
    current: 'v1.0.0',
    expect: 'v1.5.0',
  },
  {
    name: '+incompatible tags count when the latest compatible version has no go.mod',
    versions: [
      ['v1.0.0', null, '2020-01-01T00:00:00Z'],
      ['v1.5.0', null, '2020-02-01T00:00:00Z'],
      ['v2.0.0+incompatible', null, '2020-03-01T00:00:00Z'],
    ],
    current: 'v1.0.0',
    expect: 'v2.0.0+incompatible',
  },
  {
    name: '+incompatible current keeps +incompatible upgrades',
    versions: [
      ['v1.5.0', go, '2020-02-01T00:00:00Z'],
      ['v2.0.0+incompatible', null, '2020-03-01T00:00:00Z'],
      ['v2.1.0+incompatible', null, '2020-04-01T00:00:00Z'],
    ],
    current: 'v2.0.0+incompatible',
    expect: 'v2.1.0+incompatible',
  },
  {
    name: 'a pseudo-version does not move to an older tag',
    versions: [
      ['v1.0.0', go, '2019-01-01T00:00:00Z'],
      ['v1.1.0', go, '2019-06-01T00:00:00Z'],
      ['v1.0.1-0.20200101000000-abcdefabcdef', go, '2020-01-01T00:00:00Z', false],
    ],
    current: 'v1.0.1-0.20200101000000-abcdefabcdef',
    expect: null,
  },
  {
    name: 'a pseudo-version moves to a newer tag',
    versions: [
      ['v1.0.0', go, '2019-01-01T00:00:00Z'],
      ['v1.1.0', go, '2020-06-01T00:00:00Z'],
      ['v1.0.1-0.20200101000000-abcdefabcdef', go, '2020-01-01T00:00:00Z', false],
    ],
    current: 'v1.0.1-0.20200101000000-abcdefabcdef',
    expect: 'v1.1.0',
  },
  {
    name: 'a pseudo-version above every tag follows @latest',
    versions: [
      ['v0.1.0', go, '2019-01-01T00:00:00Z'],
      ['v0.1.1-0.20200101000000-aaaaaaaaaaaa', go, '2020-01-01T00:00:00Z', false],
      ['v0.1.1-0.20210101000000-bbbbbbbbbbbb', go, '2021-01-01T00:00:00Z', false],
    ],
    latest: 'v0.1.1-0.20210101000000-bbbbbbbbbbbb',
    current: 'v0.1.1-0.20200101000000-aaaaaaaaaaaa',
    expect: 'v0.1.1-0.20210101000000-bbbbbbbbbbbb',
  },
  {
    name: 'without @latest, the newest pseudo-version of @v/list',
    versions: [
      ['v0.0.0-20200101000000-aaaaaaaaaaaa', go, '2020-01-01T00:00:00Z'],
      ['v0.0.0-20210101000000-bbbbbbbbbbbb', go, '2021-01-01T00:00:00Z'],
    ],
    current: 'v0.0.0-20200101000000-aaaaaaaaaaaa',
    expect: 'v0.0.0-20210101000000-bbbbbbbbbbbb',
  },
];

export function upgradeSource(s: UpgradeScenario): MemorySource {
  const source = new MemorySource();
  for (const [version, spec, time, listed] of s.versions)
    source.add(UPGRADE_PATH, version, spec, { time, listed: listed ?? true });
  if (s.latest) source.setLatest(UPGRADE_PATH, s.latest);
  return source;
}
