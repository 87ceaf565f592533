/**
 * The repository config, `.github/gomod-steward.yml`; its keys are a public contract (users' files,
 * the published JSON Schema). `rawConfigSchema` speaks the file's own kebab-case keys and is what
 * the JSON Schema is generated from; `configSchema` maps it to the camelCase `StewardConfig` the
 * code uses.
 *
 * Every schema states what it expects as its zod error message: the loader turns that into
 * "expected <message>, found <what the file says>", so a message here must read as a noun phrase.
 */
import { governanceSchema, toGovernanceConfig } from './governance.js';
import { z } from 'zod';
import {
  CONFIG_PATH,
  CONFIG_UPDATE_TYPES,
  UPDATE_TYPES,
  defaultConfig,
  type UpdateType,
  type GroupRule,
  type IgnoreRule,
  type StewardConfig,
} from './defaults.js';
import { parseCron } from './cron.js';
import { globSchema } from './glob-schema.js';
import { cooldownSchema, toCooldownConfig } from './cooldown.js';
import { isValidTimeZone } from './timezone.js';
import { isVersionPattern, VERSION_PATTERN_EXPECTED, VERSION_PATTERN_SOURCE } from './version-pattern.js';

export {
  CONFIG_PATH,
  UPDATE_TYPES,
  defaultConfig,
  type UpdateType,
  type GroupRule,
  type IgnoreRule,
  type StewardConfig,
};

export const SCHEDULE_KEYWORDS = ['daily', 'weekly', 'twice-monthly', 'monthly'] as const;

export type ScheduleKeyword = (typeof SCHEDULE_KEYWORDS)[number];

const SCHEDULE_EXPECTED = `one of ${SCHEDULE_KEYWORDS.join(', ')} or a 5-field cron`;
const UPDATE_TYPES_EXPECTED = `one of ${UPDATE_TYPES.join(', ')}`;
const LIMIT_EXPECTED = 'an integer from 0 to 50';
const GROUP_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// A GitHub login, optionally `org/team-slug` for a team.
const REVIEWER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\/[A-Za-z0-9_.-]+)?$/;
const WORKFLOW_FILE = /^[A-Za-z0-9_.-]+\.ya?ml$/;

/** A custom issue whose message is what was expected and whose `detail` says what is wrong. */
function fail(ctx: z.core.ParsePayload<unknown>, expected: string, detail?: string, path: PropertyKey[] = []): void {
  ctx.issues.push({
    code: 'custom',
    message: expected,
    input: ctx.value,
    path,
    ...(detail ? { params: { detail } } : {}),
  });
}

const glob = globSchema;

const CONFIG_UPDATE_TYPES_EXPECTED = `one of ${CONFIG_UPDATE_TYPES.join(', ')}`;
const configUpdateTypeList = z
  .array(z.enum(CONFIG_UPDATE_TYPES, { error: CONFIG_UPDATE_TYPES_EXPECTED }), {
    error: `a list of ${CONFIG_UPDATE_TYPES.join(', ')}`,
  })
  .min(1, { error: `a non-empty list of ${CONFIG_UPDATE_TYPES.join(', ')}` });

const updateTypeList = z
  .array(z.enum(UPDATE_TYPES, { error: UPDATE_TYPES_EXPECTED }), { error: `a list of ${UPDATE_TYPES.join(', ')}` })
  .min(1, { error: `a non-empty list of ${UPDATE_TYPES.join(', ')}` });

const schedule = z
  .string({ error: SCHEDULE_EXPECTED })
  .check((ctx) => {
    if ((SCHEDULE_KEYWORDS as readonly string[]).includes(ctx.value)) return;
    const cron = parseCron(ctx.value);
    if (cron.ok) return;
    // One word is a misspelt keyword far more often than a cron.
    fail(ctx, SCHEDULE_EXPECTED, /\s/.test(ctx.value.trim()) ? cron.problem : undefined);
  })
  .meta({
    description:
      'When to look for upgrades. Keywords run at 05:00 (plus a stable per-repository jitter of the minute): daily, weekly (Mondays), twice-monthly (1st and 15th), monthly (1st).',
    // For editors; the cron's fields are checked by the loader only. (json-schema.ts drops the
    // outer `type`, which both branches state.)
    anyOf: [
      { type: 'string', enum: [...SCHEDULE_KEYWORDS] },
      {
        type: 'string',
        pattern: '^\\s*\\S+(\\s+\\S+){4}\\s*$',
        description: 'minute hour day-of-month month day-of-week',
      },
    ],
  });

const ignoreRule = z
  .strictObject(
    {
      dependency: glob('a module path glob like github.com/foo/*').meta({
        description: 'Module path; `*` matches any characters, `/` included.',
      }),
      versions: z
        .array(
          z
            .string({ error: VERSION_PATTERN_EXPECTED })
            .check((ctx) => {
              if (!isVersionPattern(ctx.value)) fail(ctx, VERSION_PATTERN_EXPECTED);
            })
            .meta({ pattern: VERSION_PATTERN_SOURCE }),
          { error: 'a list of versions' },
        )
        .min(1, { error: 'a non-empty list of versions' })
        .optional()
        .meta({ description: 'Only these versions: exact (v1.2.3) or a prefix (v2.*, v2.3.*).' }),
      'update-types': updateTypeList.optional().meta({ description: 'Only these kinds of update.' }),
    },
    { error: 'a mapping with dependency and optionally versions and update-types' },
  )
  .meta({ description: 'Never propose the matching upgrades.' });

const group = z.strictObject(
  {
    name: z
      .string({ error: 'a group name' })
      .max(40, { error: 'a group name of at most 40 characters' })
      .regex(GROUP_NAME, { error: 'a lowercase slug like observability or aws-sdk' })
      .meta({ description: 'Used in the branch name and PR title.' }),
    patterns: z
      .array(glob('a module path glob'), { error: 'a list of module path globs' })
      .min(1, { error: 'a non-empty list of module path globs' }),
  },
  { error: 'a mapping with name and patterns' },
);

const impact = z
  .strictObject(
    {
      workflow: z
        .string({ error: 'a workflow file name ending in .yml or .yaml' })
        .regex(WORKFLOW_FILE, { error: 'a workflow file name ending in .yml or .yaml' })
        .default('gomod-impact.yml')
        .meta({ description: 'File in .github/workflows dispatched with the affected services.' }),
      automerge: z
        .enum(['none', 'patch', 'minor'], { error: 'one of none, patch, minor' })
        .default('none')
        .meta({ description: 'Merge automatically up to this kind of update, only when the matrix is green.' }),
      'automerge-v0': z.boolean({ error: 'true or false' }).default(false).meta({
        description:
          'Let automerge: minor also merge minor updates on major version 0 (v0.30.0 → v0.37.0), which may break.',
      }),
    },
    { error: 'a mapping with workflow, automerge and automerge-v0' },
  )
  .prefault({});

const labelList = z.array(
  z
    .string({ error: 'a label' })
    .min(1, { error: 'a non-empty label' })
    .max(50, { error: 'a label of at most 50 characters' }),
  { error: 'a list of labels' },
);

const security = z
  .strictObject(
    {
      enabled: z.boolean({ error: 'true or false' }).default(true).meta({
        description: 'Check the Go vulnerability database (GOVULNDB) and open a security PR at once when a fix exists.',
      }),
      schedule: schedule.default('daily'),
      labels: labelList.default(['security']).meta({ description: 'Added to `labels` on the security PR.' }),
      automerge: z.enum(['none', 'patch', 'minor'], { error: 'one of none, patch, minor' }).default('none').meta({
        description: 'Merge the security PR automatically up to this kind of update, when the matrix is green.',
      }),
    },
    { error: 'a mapping with enabled, schedule, labels and automerge' },
  )
  .prefault({})
  .meta({ description: 'Security updates, outside the schedule: branch gomod-steward/<base>/security.' });

const goLine = z
  .strictObject(
    {
      toolchain: z.enum(['keep', 'raise', 'drop'], { error: 'one of keep, raise, drop' }).default('keep').meta({
        description:
          "keep: leave the toolchain line (one older than the new go line is removed, Go never selects it); raise: set it to the worker's Go; drop: remove it.",
      }),
    },
    { error: 'a mapping with toolchain' },
  )
  .prefault({})
  .meta({
    description:
      'The pull request a ticked "raise `go` to 1.N" dashboard box opens (branch gomod-steward/<base>/go-line).',
  });

export const rawConfigSchema = z
  .strictObject(
    {
      enabled: z.boolean({ error: 'true or false' }).default(true),
      schedule: schedule.default('twice-monthly'),
      timezone: z
        .string({ error: 'an IANA time zone like UTC or Europe/Berlin' })
        .check((ctx) => {
          if (!isValidTimeZone(ctx.value)) fail(ctx, 'an IANA time zone like UTC or Europe/Berlin');
        })
        .default('UTC')
        .meta({ description: 'IANA time zone the schedule is read in.' }),
      strategy: z
        .enum(['direct', 'all'], { error: 'one of direct, all' })
        .default('direct')
        .meta({ description: 'direct: bump direct requirements, MVS carries the rest; all: also indirect ones.' }),
      'update-types': configUpdateTypeList.default(['minor', 'patch']).meta({
        description:
          'Kinds of update to propose; major moves a module to a new /vN path; replace moves the version pin of a replace directive.',
      }),
      'go-directive': z.enum(['keep', 'allow'], { error: 'one of keep, allow' }).default('keep').meta({
        description: 'keep: never raise the go directive or add a toolchain line; allow: let upgrades do so.',
      }),
      'go-line': goLine,
      ignore: z.array(ignoreRule, { error: 'a list of ignore rules' }).default([]),
      groups: z
        .array(group, { error: 'a list of groups' })
        .check((ctx) => {
          const seen = new Map<string, number>();
          for (const [i, g] of ctx.value.entries()) {
            // Runs even when an element failed its own checks.
            if (typeof g?.name !== 'string') continue;
            const first = seen.get(g.name);
            if (first === undefined) seen.set(g.name, i);
            else fail(ctx, 'a group name used only once', `groups[${first}] has the same name`, [i, 'name']);
          }
        })
        .default([])
        .meta({
          description:
            'One PR per group; a dependency goes to the first group matching it. Empty: one PR for everything.',
        }),
      services: z
        .array(glob('a module directory glob like services/*'), { error: 'a list of module directory globs' })
        .optional()
        .meta({ description: 'Module directories forming the impact matrix. Unset: modules with a main package.' }),
      impact,
      labels: z
        .array(
          z
            .string({ error: 'a label' })
            .min(1, { error: 'a non-empty label' })
            .max(50, { error: 'a label of at most 50 characters' }),
          { error: 'a list of labels' },
        )
        .default(['dependencies', 'go']),
      reviewers: z
        .array(
          z
            .string({ error: 'a GitHub user name or org/team' })
            .regex(REVIEWER, { error: 'a GitHub user name or org/team' }),
          {
            error: 'a list of GitHub user names or org/team',
          },
        )
        .default([]),
      'open-pull-requests-limit': z
        .int({ error: LIMIT_EXPECTED })
        .min(0, { error: LIMIT_EXPECTED })
        .max(50, { error: LIMIT_EXPECTED })
        .default(5)
        .meta({ description: 'At most this many open PRs from the bot; 0 stops new ones.' }),
      dashboard: z.boolean({ error: 'true or false' }).default(true).meta({
        description: 'Keep the "gomod-steward dashboard" issue: pending, held back, version drift, problems.',
      }),
      governance: governanceSchema,
      security,
      cooldown: cooldownSchema,
    },
    { error: 'a mapping of settings' },
  )
  .meta({
    title: 'gomod-steward repository config',
    description: 'The .github/gomod-steward.yml file. Every key is optional.',
  });

export type RawConfig = z.output<typeof rawConfigSchema>;

function toStewardConfig(raw: RawConfig): StewardConfig {
  return {
    enabled: raw.enabled,
    schedule: raw.schedule,
    timezone: raw.timezone,
    strategy: raw.strategy,
    updateTypes: raw['update-types'],
    goDirective: raw['go-directive'],
    goLine: { toolchain: raw['go-line'].toolchain },
    ignore: raw.ignore.map((r) => ({
      dependency: r.dependency,
      ...(r.versions ? { versions: r.versions } : {}),
      ...(r['update-types'] ? { updateTypes: r['update-types'] } : {}),
    })),
    groups: raw.groups.map((g) => ({ name: g.name, patterns: g.patterns })),
    services: raw.services ?? null,
    impact: {
      workflow: raw.impact.workflow,
      automerge: raw.impact.automerge,
      automergeV0: raw.impact['automerge-v0'],
    },
    labels: raw.labels,
    reviewers: raw.reviewers,
    openPullRequestsLimit: raw['open-pull-requests-limit'],
    dashboard: raw.dashboard,
    governance: toGovernanceConfig(raw.governance),
    security: { ...raw.security },
    cooldown: toCooldownConfig(raw.cooldown),
  };
}

export const configSchema = rawConfigSchema.transform(toStewardConfig);
