import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigReadError } from '../../../src/config/errors.js';
import { loadConfigFile, loadRepoConfig, parseConfig } from '../../../src/config/load.js';
import { configSchema, defaultConfig, type StewardConfig } from '../../../src/config/schema.js';
import { EXAMPLE_CONFIG } from './example-config.js';
import { defaultGovernance } from '../../../src/config/governance.js';

const FILE = '.github/gomod-steward.yml';

const DEFAULTS: StewardConfig = {
  enabled: true,
  schedule: 'twice-monthly',
  timezone: 'UTC',
  strategy: 'direct',
  updateTypes: ['minor', 'patch'],
  goDirective: 'keep',
  goLine: { toolchain: 'keep' },
  ignore: [],
  groups: [],
  services: null,
  impact: { workflow: 'gomod-impact.yml', automerge: 'none', automergeV0: false },
  labels: ['dependencies', 'go'],
  reviewers: [],
  openPullRequestsLimit: 5,
  dashboard: true,
  governance: defaultGovernance(),
  security: { enabled: true, schedule: 'daily', labels: ['security'], automerge: 'none' },
  cooldown: { defaultDays: 0, exclude: [], security: false },
};

describe('the go-line settings', () => {
  it('default to keep and refuse a word they do not know, naming the field', () => {
    expect(parseConfig(FILE, 'go-line:\n  toolchain: raise\n').goLine).toEqual({ toolchain: 'raise' });
    expect(() => parseConfig(FILE, 'go-line:\n  toolchain: newest\n')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ line: 2, field: 'go-line.toolchain' })] }),
    );
  });
});

describe('the security settings', () => {
  it('parse with their defaults filled in, and name the field that is wrong', () => {
    expect(parseConfig(FILE, 'security:\n  automerge: patch\n  labels: [sec, urgent]\n').security).toEqual({
      enabled: true,
      schedule: 'daily',
      labels: ['sec', 'urgent'],
      automerge: 'patch',
    });
    expect(parseConfig(FILE, 'security:\n  enabled: false\n').security.enabled).toBe(false);
    expect(() => parseConfig(FILE, 'security:\n  automerge: major\n')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'security.automerge', line: 2 })] }),
    );
  });
});

describe('the cooldown settings', () => {
  it('parse with their defaults filled in; a kind without its own window is left to default-days', () => {
    expect(
      parseConfig(
        FILE,
        'cooldown:\n  default-days: 3\n  major-days: 30\n  exclude: ["example.com/*"]\n  security: true\n',
      ).cooldown,
    ).toEqual({ defaultDays: 3, majorDays: 30, exclude: ['example.com/*'], security: true });
    expect(parseConfig(FILE, 'cooldown:\n  patch-days: 0\n  minor-days: 7\n').cooldown).toEqual({
      defaultDays: 0,
      patchDays: 0,
      minorDays: 7,
      exclude: [],
      security: false,
    });
  });

  it.each([
    ['a negative window', 'cooldown:\n  minor-days: -1\n', 'cooldown.minor-days', 2],
    ['a fractional window', 'cooldown:\n  default-days: 1.5\n', 'cooldown.default-days', 2],
    ['a window given as text', 'cooldown:\n  patch-days: "3"\n', 'cooldown.patch-days', 2],
    ['an exclude pattern that is no module path glob', 'cooldown:\n  exclude: ["/x/*"]\n', 'cooldown.exclude[0]', 2],
    ['an unknown key', 'cooldown:\n  days: 3\n', 'cooldown.days', 2],
  ])('refuse %s and name the field', (_, text, field, line) => {
    expect(() => parseConfig(FILE, text)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field, line })] }),
    );
  });
});

describe('update-types: replace', () => {
  it('may be listed at the top level, not in an ignore rule (which speaks of version steps)', () => {
    expect(parseConfig(FILE, 'update-types: [minor, patch, replace]\n').updateTypes).toEqual([
      'minor',
      'patch',
      'replace',
    ]);
    expect(() => parseConfig(FILE, 'ignore:\n  - dependency: a/b\n    update-types: [replace]\n')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'ignore[0].update-types[0]' })] }),
    );
  });
});

describe('the example config', () => {
  it('parses to the expected object', () => {
    expect(parseConfig(FILE, EXAMPLE_CONFIG)).toEqual({
      ...DEFAULTS,
      ignore: [{ dependency: 'github.com/foo/*', updateTypes: ['minor'] }],
      groups: [{ name: 'observability', patterns: ['go.opentelemetry.io/*'] }],
      services: ['services/*'],
    });
  });
});

describe('defaults', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing here yet\n\n   # still nothing\n'],
    ['an explicit null document', '~\n'],
    ['a document marker only', '---\n'],
  ])('%s gives the defaults', (_, text) => {
    expect(parseConfig(FILE, text)).toEqual(DEFAULTS);
  });

  it('defaultConfig() is the defaults, and a fresh object each time', () => {
    const a = defaultConfig();
    expect(a).toEqual(DEFAULTS);
    a.labels.push('mutated');
    expect(defaultConfig().labels).toEqual(['dependencies', 'go']);
  });

  it('fills the keys left out, including inside impact', () => {
    const config = parseConfig(FILE, 'impact:\n  automerge: patch\nschedule: weekly\n');
    expect(config).toEqual({
      ...DEFAULTS,
      schedule: 'weekly',
      impact: { workflow: 'gomod-impact.yml', automerge: 'patch', automergeV0: false },
    });
  });

  it('treats a key with an empty value as absent', () => {
    const text = 'ignore:\n  # - dependency: example.com/x\nreviewers:\nimpact:\n';
    expect(parseConfig(FILE, text)).toEqual(DEFAULTS);
  });
});

describe('accepted values', () => {
  it('reads every key in its non-default form', () => {
    const text = [
      'enabled: false',
      'schedule: "30 4 * * mon-fri"',
      'timezone: Europe/Berlin',
      'strategy: all',
      'update-types: [major, minor, patch]',
      'go-directive: allow',
      'go-line: {toolchain: drop}',
      'ignore:',
      '  - dependency: golang.org/x/*',
      '    versions: [v0.30.0, "v1.*"]',
      '  - dependency: example.com/pinned',
      'groups:',
      '  - {name: aws-sdk, patterns: ["github.com/aws/*"]}',
      'services: []',
      'impact: {workflow: impact.yaml, automerge: minor, automerge-v0: true}',
      'labels: [deps]',
      'reviewers: [octocat, my-org/platform-team]',
      'open-pull-requests-limit: 0',
    ].join('\n');
    expect(parseConfig(FILE, text)).toEqual({
      enabled: false,
      schedule: '30 4 * * mon-fri',
      timezone: 'Europe/Berlin',
      strategy: 'all',
      updateTypes: ['major', 'minor', 'patch'],
      goDirective: 'allow',
      goLine: { toolchain: 'drop' },
      ignore: [{ dependency: 'golang.org/x/*', versions: ['v0.30.0', 'v1.*'] }, { dependency: 'example.com/pinned' }],
      groups: [{ name: 'aws-sdk', patterns: ['github.com/aws/*'] }],
      services: [],
      impact: { workflow: 'impact.yaml', automerge: 'minor', automergeV0: true },
      labels: ['deps'],
      reviewers: ['octocat', 'my-org/platform-team'],
      openPullRequestsLimit: 0,
      dashboard: true,
      governance: defaultGovernance(),
      security: { enabled: true, schedule: 'daily', labels: ['security'], automerge: 'none' },
      cooldown: { defaultDays: 0, exclude: [], security: false },
    } satisfies StewardConfig);
  });

  it('resolves anchors and aliases', () => {
    const text = 'labels: &l [a, b]\ngroups:\n  - name: x\n    patterns: *l\n';
    expect(parseConfig(FILE, text).groups).toEqual([{ name: 'x', patterns: ['a', 'b'] }]);
  });
});

describe('loading from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an absent file gives the defaults and says so', async () => {
    const loaded = await loadConfigFile(join(dir, 'nope.yml'), FILE);
    expect(loaded).toEqual({ config: DEFAULTS, absent: true, file: FILE });
  });

  it('a present file is parsed, and its messages use the display name', async () => {
    const path = join(dir, 'present.yml');
    writeFileSync(path, 'strategy: all\n');
    expect(await loadConfigFile(path, FILE)).toEqual({
      config: { ...DEFAULTS, strategy: 'all' },
      absent: false,
      file: FILE,
    });
    writeFileSync(path, 'strategy: some\n');
    await expect(loadConfigFile(path, FILE)).rejects.toMatchObject({
      issues: [{ file: FILE, line: 1, field: 'strategy' }],
    });
  });

  it('loadRepoConfig reads dir/.github/gomod-steward.yml, and insists on an explicit --config file', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.github'), { recursive: true });
    expect(await loadRepoConfig(repo)).toEqual(DEFAULTS);
    writeFileSync(join(repo, '.github', 'gomod-steward.yml'), 'go-directive: allow\n');
    expect((await loadRepoConfig(repo)).goDirective).toBe('allow');
    await expect(loadRepoConfig(repo, join(dir, 'missing.yml'))).rejects.toBeInstanceOf(ConfigReadError);
    await expect(loadRepoConfig(repo, join(repo, '.github'))).rejects.toBeInstanceOf(ConfigReadError);
  });
});

describe('defaults without the validator', () => {
  it('defaultConfig() is exactly what the schema makes of an empty file', () => {
    expect(defaultConfig()).toEqual(configSchema.parse({}));
  });
});
