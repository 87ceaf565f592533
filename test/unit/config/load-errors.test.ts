import { describe, expect, it } from '@jest/globals';
import { ConfigError, type ConfigIssue } from '../../../src/config/errors.js';
import { parseConfig } from '../../../src/config/load.js';
import { InputError } from '../../../src/errors.js';

const FILE = '.github/gomod-steward.yml';
const TOP_KEYS =
  'one of enabled, schedule, timezone, strategy, update-types, go-directive, go-line, ignore, groups, services, impact, labels, reviewers, open-pull-requests-limit, dashboard, governance, security, cooldown';
const SCHEDULE = 'one of daily, weekly, twice-monthly, monthly or a 5-field cron';

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfig(FILE, text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(InputError);
    return [...(err as ConfigError).issues];
  }
  throw new Error('expected a ConfigError');
}

type Want = Pick<ConfigIssue, 'line' | 'field' | 'expected'> & { column?: number; message?: RegExp };

const cases: [string, string, Want[]][] = [
  [
    'a misspelt update type (the format in the brief)',
    'enabled: true\nschedule: weekly\ntimezone: UTC\nupdate-types: [minor, mayor]\n',
    [
      {
        line: 4,
        column: 23,
        field: 'update-types[1]',
        expected: 'one of major, minor, patch, replace',
        message: /^expected one of major, minor, patch, replace, found "mayor"$/,
      },
    ],
  ],
  [
    'an unknown top-level key, with a suggestion',
    'strategy: direct\nupdate_types: [minor]\n',
    [
      {
        line: 2,
        column: 1,
        field: 'update_types',
        expected: TOP_KEYS,
        message: /found unknown key "update_types" \(did you mean "update-types"\?\)/,
      },
    ],
  ],
  [
    'an unknown key inside impact',
    'impact:\n  workflow: gomod-impact.yml\n  auto-merge: patch\n',
    [
      {
        line: 3,
        column: 3,
        field: 'impact.auto-merge',
        expected: 'one of workflow, automerge, automerge-v0',
        message: /did you mean "automerge"/,
      },
    ],
  ],
  [
    'an unknown key inside an ignore rule',
    'ignore:\n  - dependency: example.com/a\n    version: v1.2.3\n',
    [{ line: 3, column: 5, field: 'ignore[0].version', expected: 'one of dependency, versions, update-types' }],
  ],
  [
    'a string where a boolean is expected (YAML 1.2: yes is a string)',
    'enabled: yes\n',
    [{ line: 1, column: 10, field: 'enabled', expected: 'true or false', message: /found "yes"$/ }],
  ],
  [
    'a number where a list is expected',
    'labels: 5\n',
    [{ line: 1, column: 9, field: 'labels', expected: 'a list of labels', message: /found 5$/ }],
  ],
  [
    'a bad enum value',
    'go-directive: raise\n',
    [{ line: 1, column: 15, field: 'go-directive', expected: 'one of keep, allow' }],
  ],
  [
    'a cron with an out-of-range field',
    'schedule: "0 5 32 * *"\n',
    [{ line: 1, column: 11, field: 'schedule', expected: SCHEDULE, message: /day-of-month value 32 is outside 1-31/ }],
  ],
  [
    'a cron with six fields',
    'schedule: "0 0 5 * * *"\n',
    [{ line: 1, field: 'schedule', expected: SCHEDULE, message: /needs 5 fields.*has 6/ }],
  ],
  [
    'an unknown schedule keyword',
    'timezone: UTC\nschedule: biweekly\n',
    [{ line: 2, column: 11, field: 'schedule', expected: SCHEDULE, message: /found "biweekly"$/ }],
  ],
  [
    'an unknown time zone',
    'timezone: Europe/Atlantis\n',
    [{ line: 1, column: 11, field: 'timezone', expected: 'an IANA time zone like UTC or Europe/Berlin' }],
  ],
  [
    'a UTC offset instead of a zone name',
    'timezone: "+02:00"\n',
    [{ line: 1, field: 'timezone', expected: 'an IANA time zone like UTC or Europe/Berlin' }],
  ],
  [
    'duplicate group names: the second one is reported',
    'groups:\n  - name: observability\n    patterns: ["go.opentelemetry.io/*"]\n  - name: observability\n    patterns: ["github.com/prometheus/*"]\n',
    [
      {
        line: 4,
        column: 11,
        field: 'groups[1].name',
        expected: 'a group name used only once',
        message: /groups\[0\] has the same name/,
      },
    ],
  ],
  [
    'a group name that is not a slug',
    'groups:\n  - name: "Observability Stack"\n    patterns: ["x/*"]\n',
    [{ line: 2, column: 11, field: 'groups[0].name', expected: 'a lowercase slug like observability or aws-sdk' }],
  ],
  [
    'a group with no patterns',
    'groups:\n  - name: obs\n    patterns: []\n',
    [
      {
        line: 3,
        column: 15,
        field: 'groups[0].patterns',
        expected: 'a non-empty list of module path globs',
        message: /found an empty list$/,
      },
    ],
  ],
  [
    'a negative limit',
    'open-pull-requests-limit: -1\n',
    [{ line: 1, column: 27, field: 'open-pull-requests-limit', expected: 'an integer from 0 to 50' }],
  ],
  [
    'a limit above 50 and a bad automerge in the same file',
    'open-pull-requests-limit: 51\nimpact:\n  automerge: all\n',
    [
      { line: 1, field: 'open-pull-requests-limit', expected: 'an integer from 0 to 50' },
      { line: 3, column: 14, field: 'impact.automerge', expected: 'one of none, patch, minor' },
    ],
  ],
  [
    'automerge-v0 as a string (YAML 1.2: yes is a string)',
    'impact:\n  automerge: minor\n  automerge-v0: yes\n',
    [{ line: 3, column: 17, field: 'impact.automerge-v0', expected: 'true or false' }],
  ],
  [
    'a non-integer limit',
    'open-pull-requests-limit: 2.5\n',
    [{ line: 1, field: 'open-pull-requests-limit', expected: 'an integer from 0 to 50' }],
  ],
  [
    'a YAML syntax error (unclosed flow sequence)',
    'labels: [dependencies, go\nreviewers: []\n',
    [{ line: 2, column: 1, field: '', expected: 'valid YAML', message: /^invalid YAML: / }],
  ],
  [
    'tabs used for indentation',
    'impact:\n\tworkflow: x.yml\n',
    [{ line: 2, column: 1, field: '', expected: 'indentation with spaces' }],
  ],
  [
    'a key given twice',
    'labels: [a]\nstrategy: all\nlabels: [b]\n',
    [{ line: 3, column: 1, field: 'labels', expected: 'each key at most once in a mapping' }],
  ],
  [
    'a list where a mapping is expected',
    'impact:\n  - workflow: gomod-impact.yml\n',
    [
      {
        line: 2,
        column: 3,
        field: 'impact',
        expected: 'a mapping with workflow, automerge and automerge-v0',
        message: /found a list$/,
      },
    ],
  ],
  [
    'a whole file that is a list',
    '- enabled\n- schedule\n',
    [{ line: 1, column: 1, field: '', expected: 'a mapping of settings' }],
  ],
  [
    'an ignore rule without dependency: reported at the rule',
    'ignore:\n  - dependency: example.com/a\n  - update-types: [major]\n    versions: ["v2.*"]\n',
    [
      {
        line: 3,
        column: 5,
        field: 'ignore[1].dependency',
        expected: 'a module path glob like github.com/foo/*',
        message: /the key "dependency" is required/,
      },
    ],
  ],
  [
    'an ignore rule whose dependency is left empty: reported at the key',
    'ignore:\n  - dependency:\n    update-types: [major]\n',
    [
      {
        line: 2,
        column: 5,
        field: 'ignore[0].dependency',
        expected: 'a module path glob like github.com/foo/*',
        message: /found nothing$/,
      },
    ],
  ],
  [
    'bad versions and update types inside an ignore rule',
    'ignore:\n  - dependency: example.com/a\n    versions: [">= 2.0"]\n    update-types: [minor, mayor]\n',
    [
      {
        line: 3,
        column: 16,
        field: 'ignore[0].versions[0]',
        expected: 'an exact version like v1.2.3 or a prefix like v2.* or v2.3.*',
      },
      { line: 4, column: 27, field: 'ignore[0].update-types[1]', expected: 'one of major, minor, patch' },
    ],
  ],
  [
    'an empty update-types list',
    'update-types: []\n',
    [{ line: 1, column: 15, field: 'update-types', expected: 'a non-empty list of major, minor, patch, replace' }],
  ],
  [
    'services written with ./ and a workflow without .yml',
    'services: ["./services/*"]\nimpact:\n  workflow: impact\n',
    [
      {
        line: 1,
        column: 12,
        field: 'services[0]',
        expected: 'a module directory glob like services/*',
        message: /starts with "\.\/"/,
      },
      { line: 3, column: 13, field: 'impact.workflow', expected: 'a workflow file name ending in .yml or .yaml' },
    ],
  ],
  [
    'a reviewer with an @ and a label that is not a string',
    'reviewers: ["@octocat"]\nlabels: [deps, {name: go}]\n',
    [
      { line: 1, column: 13, field: 'reviewers[0]', expected: 'a GitHub user name or org/team' },
      { line: 2, column: 16, field: 'labels[1]', expected: 'a label', message: /found a mapping$/ },
    ],
  ],
  [
    'an alias to an anchor that does not exist',
    'labels: *deps\n',
    [{ line: 1, column: 9, field: '', expected: 'aliases that refer to an anchor defined before them' }],
  ],
  [
    'a list used as a key',
    'enabled: true\n? [a, b]\n: 1\n',
    [{ line: 2, column: 3, field: '', expected: 'a plain key' }],
  ],
  [
    'an alias bomb',
    [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`),
    ].join('\n'),
    [{ line: 1, column: 1, field: '', expected: 'fewer alias expansions', message: /resource exhaustion/ }],
  ],
  [
    'two YAML documents',
    'enabled: true\n---\nenabled: false\n',
    [{ line: 2, field: '', expected: 'a single YAML document' }],
  ],
];

describe('malformed configs', () => {
  it.each(cases)('%s', (_, text, want) => {
    const issues = issuesOf(text);
    expect(issues).toHaveLength(want.length);
    for (const [i, w] of want.entries()) {
      const got = issues[i]!;
      expect(got.file).toBe(FILE);
      expect(got.line).toBe(w.line);
      if (w.column !== undefined) expect(got.column).toBe(w.column);
      expect(got.field).toBe(w.field);
      expect(got.expected).toBe(w.expected);
      if (w.message) expect(got.message).toMatch(w.message);
    }
  });

  it('formats the error message as file:line:column: field: message, one line per issue', () => {
    let caught: unknown;
    try {
      parseConfig(
        FILE,
        'schedule: weekly\ntimezone: UTC\nstrategy: direct\nupdate-types: [minor, mayor]\nenabled: 1\n',
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.message).toBe(
      [
        `${FILE}:4:23: update-types[1]: expected one of major, minor, patch, replace, found "mayor"`,
        `${FILE}:5:10: enabled: expected true or false, found 1`,
      ].join('\n'),
    );
    expect(err.code).toBe('bad-config');
    expect(err.position).toEqual({ file: FILE, line: 4, column: 23 });
    expect(err.expected).toBe('one of major, minor, patch, replace');
  });

  it('lists every issue sorted by position', () => {
    const issues = issuesOf('reviewers: [1]\nenabled: maybe\nschedule: "61 * * * *"\n');
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'reviewers[0]'],
      [2, 'enabled'],
      [3, 'schedule'],
    ]);
  });
});
