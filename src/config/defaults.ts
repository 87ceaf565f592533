/**
 * The repository config's typed form and its defaults, without the zod schema: a run over a
 * repository that has no config file should not pay for loading the validator.
 * schema.ts parses files into this shape; a unit test holds both to the same defaults.
 */
import { defaultCooldown, type CooldownConfig } from './cooldown-config.js';
import { defaultGovernance, type GovernanceConfig } from './governance-config.js';

export const CONFIG_PATH = '.github/gomod-steward.yml';

export const UPDATE_TYPES = ['major', 'minor', 'patch'] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];
/** What `update-types` may list: the version steps, and `replace` for the version pins of replace directives. */
export const CONFIG_UPDATE_TYPES = [...UPDATE_TYPES, 'replace'] as const;
export type ConfigUpdateType = (typeof CONFIG_UPDATE_TYPES)[number];

export interface IgnoreRule {
  /** Module path glob, see glob.ts. */
  dependency: string;
  versions?: string[];
  updateTypes?: UpdateType[];
}

export interface GroupRule {
  name: string;
  patterns: string[];
}

export interface StewardConfig {
  enabled: boolean;
  /** A keyword or a 5-field cron; `cronFor` turns it into a cron. */
  schedule: string;
  timezone: string;
  strategy: 'direct' | 'all';
  updateTypes: ConfigUpdateType[];
  goDirective: 'keep' | 'allow';
  /** The go-line PR (a ticked dashboard box): what happens to the toolchain line of the modules it raises. */
  goLine: { toolchain: 'keep' | 'raise' | 'drop' };
  ignore: IgnoreRule[];
  /** Empty: one PR for everything. */
  groups: GroupRule[];
  /** null: the modules that have a main package. */
  services: string[] | null;
  impact: {
    workflow: string;
    automerge: 'none' | 'patch' | 'minor';
    /** Whether `automerge: minor` also covers minors on v0 (`mayBreak` updates). */
    automergeV0: boolean;
  };
  labels: string[];
  reviewers: string[];
  openPullRequestsLimit: number;
  /** Keep the dashboard issue (ignore decisions are recorded there either way). */
  dashboard: boolean;
  governance: GovernanceConfig;
  /** Security updates: a check of its own against the vulnerability database, and a PR of its own. */
  security: {
    enabled: boolean;
    /** A keyword or a 5-field cron, like `schedule`. */
    schedule: string;
    /** Added to `labels` on the security PR. */
    labels: string[];
    automerge: 'none' | 'patch' | 'minor';
  };
  /** Release-age cooldown: how long a new version waits before it is proposed. */
  cooldown: CooldownConfig;
}

export function defaultConfig(): StewardConfig {
  return {
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
    cooldown: defaultCooldown(),
  };
}
