/**
 * The governance rules a repository can set (`governance:` in the config) and their default
 * severities. `off` silences a rule; `error` makes `check` exit 1 and the check run fail.
 */
import { z } from 'zod';
import {
  GOVERNANCE_LEVELS,
  GOVERNANCE_RULES,
  type GovernanceLevel,
  type GovernanceRule,
  type GovernanceConfig,
} from './governance-config.js';

export {
  defaultGovernance,
  GOVERNANCE_LEVELS,
  GOVERNANCE_RULES,
  type GovernanceConfig,
  type GovernanceLevel,
  type GovernanceRule,
} from './governance-config.js';

const level = z.enum(GOVERNANCE_LEVELS, { error: `one of ${GOVERNANCE_LEVELS.join(', ')}` });

/** `license: warning`, or `license: {level: error, allow: [MIT, Apache-2.0]}` (an allow list turns it on). */
const licenseSetting = z
  .union(
    [
      level,
      z.strictObject({
        level: level.default('error'),
        allow: z.array(z.string().regex(/^[A-Za-z0-9.+-]+$/, { error: 'an SPDX license id' })).optional(),
      }),
    ],
    { error: `one of ${GOVERNANCE_LEVELS.join(', ')}, or {level, allow: [SPDX ids]}` },
  )
  .default('off');

export const governanceSchema = z
  .strictObject(
    {
      ...(Object.fromEntries(Object.entries(GOVERNANCE_RULES).map(([rule, dflt]) => [rule, level.default(dflt)])) as {
        [R in Exclude<GovernanceRule, 'license'>]: z.ZodDefault<typeof level>;
      }),
      license: licenseSetting,
      'go-directive-window': z
        .int({ error: 'a whole number of minor Go versions' })
        .min(0, { error: 'a whole number of minor Go versions' })
        .max(20, { error: 'a whole number of minor Go versions' })
        .default(1),
    },
    { error: `a mapping of rule → ${GOVERNANCE_LEVELS.join('|')}, and go-directive-window` },
  )
  .prefault({})
  .meta({
    description:
      'Severity of each check rule (off|notice|warning|error), the go-line window, and the license allow list (license: {level, allow}).',
  });

export function toGovernanceConfig(raw: z.output<typeof governanceSchema>): GovernanceConfig {
  const license = raw.license;
  const levels = Object.fromEntries(
    Object.keys(GOVERNANCE_RULES).map((r) => [
      r,
      r === 'license' ? null : raw[r as Exclude<GovernanceRule, 'license'>],
    ]),
  ) as Record<GovernanceRule, GovernanceLevel>;
  levels.license = typeof license === 'string' ? license : license.level;
  const licenseAllow = typeof license === 'string' ? null : (license.allow ?? null);
  return { levels, goDirectiveWindow: raw['go-directive-window'], licenseAllow };
}
