/**
 * The committed JSON Schema can never go stale, and it accepts what the loader accepts. It is
 * read back with zod's own JSON Schema reader, independently of the zod schema it came from.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { z } from 'zod';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../../../src/config/json-schema.js';
import { parseConfig } from '../../../src/config/load.js';
import { defaultConfig } from '../../../src/config/schema.js';
import { EXAMPLE_CONFIG } from './example-config.js';

const committedText = readFileSync(fileURLToPath(new URL(`../../../${CONFIG_SCHEMA_FILE}`, import.meta.url)), 'utf8');
const committed = JSON.parse(committedText) as {
  properties: Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }>;
  additionalProperties: boolean;
};
const validator = z.fromJSONSchema(committed as Parameters<typeof z.fromJSONSchema>[0]);

describe('schema/gomod-steward.schema.json', () => {
  it('equals a fresh generation (run `npm run schema` after changing src/config/schema.ts)', () => {
    expect(committedText).toBe(configJsonSchemaText());
  });

  it('uses the YAML key names and refuses unknown keys', () => {
    expect(Object.keys(committed.properties)).toEqual([
      'enabled',
      'schedule',
      'timezone',
      'strategy',
      'update-types',
      'go-directive',
      'go-line',
      'ignore',
      'groups',
      'services',
      'impact',
      'labels',
      'reviewers',
      'open-pull-requests-limit',
      'dashboard',
      'governance',
      'security',
      'cooldown',
    ]);
    expect(committed.additionalProperties).toBe(false);
  });

  it('states the same defaults as the loader', () => {
    const d = defaultConfig();
    const p = committed.properties;
    expect({
      enabled: p.enabled?.default,
      schedule: p.schedule?.default,
      timezone: p.timezone?.default,
      strategy: p.strategy?.default,
      updateTypes: p['update-types']?.default,
      goDirective: p['go-directive']?.default,
      goLine: { toolchain: p['go-line']?.properties?.toolchain?.default },
      ignore: p.ignore?.default,
      groups: p.groups?.default,
      services: p.services?.default ?? null,
      impact: {
        workflow: p.impact?.properties?.workflow?.default,
        automerge: p.impact?.properties?.automerge?.default,
        automergeV0: p.impact?.properties?.['automerge-v0']?.default,
      },
      labels: p.labels?.default,
      reviewers: p.reviewers?.default,
      openPullRequestsLimit: p['open-pull-requests-limit']?.default,
      dashboard: p.dashboard?.default,
      governance: {
        levels: Object.fromEntries(
          Object.keys(d.governance.levels).map((r) => [r, p.governance?.properties?.[r]?.default]),
        ),
        goDirectiveWindow: p.governance?.properties?.['go-directive-window']?.default,
        // `license: off` by default: no allow list until one is written.
        licenseAllow: p.governance?.properties?.license?.default === 'off' ? null : undefined,
      },
      security: {
        enabled: p.security?.properties?.enabled?.default,
        schedule: p.security?.properties?.schedule?.default,
        labels: p.security?.properties?.labels?.default,
        automerge: p.security?.properties?.automerge?.default,
      },
      cooldown: {
        defaultDays: p.cooldown?.properties?.['default-days']?.default,
        exclude: p.cooldown?.properties?.exclude?.default,
        security: p.cooldown?.properties?.security?.default,
      },
    }).toEqual(d);
  });

  it('accepts the design example and an empty config', () => {
    expect(validator.safeParse(parse(EXAMPLE_CONFIG)).error).toBeUndefined();
    expect(validator.safeParse({}).error).toBeUndefined();
  });

  it.each([
    ['an unknown key', { update_types: ['minor'] }],
    ['a bad update type', { 'update-types': ['mayor'] }],
    ['an empty update-types', { 'update-types': [] }],
    ['a schedule that is neither keyword nor cron-shaped', { schedule: 'biweekly' }],
    ['a limit above 50', { 'open-pull-requests-limit': 51 }],
    ['a fractional limit', { 'open-pull-requests-limit': 1.5 }],
    ['an ignore rule without dependency', { ignore: [{ 'update-types': ['minor'] }] }],
    ['a version range', { ignore: [{ dependency: 'a/b', versions: ['>= 1.0'] }] }],
    ['a group name that is not a slug', { groups: [{ name: 'Obs Stack', patterns: ['x/*'] }] }],
    ['a workflow that is not a YAML file', { impact: { workflow: 'impact.json' } }],
    ['a list where a mapping is expected', { impact: [{ workflow: 'x.yml' }] }],
    ['a service glob with a leading slash', { services: ['/services/*'] }],
    ['a negative cooldown', { cooldown: { 'minor-days': -1 } }],
    ['a fractional cooldown', { cooldown: { 'default-days': 0.5 } }],
    ['an unknown cooldown key', { cooldown: { days: 3 } }],
  ])('refuses %s, as the loader does', (_, value) => {
    expect(validator.safeParse(value).success).toBe(false);
    expect(() => parseConfig('x.yml', JSON.stringify(value))).toThrow();
  });
});
