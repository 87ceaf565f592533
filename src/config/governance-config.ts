/**
 * The governance rules' typed form and default severities, apart from the zod schema
 * (governance.ts): a run without a config file takes the defaults and never loads the validator.
 */

export const GOVERNANCE_LEVELS = ['off', 'notice', 'warning', 'error'] as const;
export type GovernanceLevel = (typeof GOVERNANCE_LEVELS)[number];

export const GOVERNANCE_RULES = {
  tidy: 'error',
  'go-sum': 'error',
  'replace-local-outside-workspace': 'warning',
  'replace-remote': 'notice',
  'workspace-coverage': 'warning',
  'go-directive-drift': 'warning',
  'dependency-drift': 'notice',
  retracted: 'warning',
  deprecated: 'warning',
  vulnerable: 'error',
  license: 'off',
} as const satisfies Record<string, GovernanceLevel>;
export type GovernanceRule = keyof typeof GOVERNANCE_RULES;

export interface GovernanceConfig {
  levels: Record<GovernanceRule, GovernanceLevel>;
  /** Minor go versions the modules of one workspace may lie apart (go 1.22 and 1.24: 2). */
  goDirectiveWindow: number;
  /** SPDX ids a newly added module's license may have; null: any license that can be identified. */
  licenseAllow: string[] | null;
}

export function defaultGovernance(): GovernanceConfig {
  return { levels: { ...GOVERNANCE_RULES }, goDirectiveWindow: 1, licenseAllow: null };
}
