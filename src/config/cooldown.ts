/**
 * The release-age cooldown a repository can set (`cooldown:` in the config): a version younger
 * than its window (days since the module proxy's `.info` Time) is not proposed yet. The window
 * depends on the kind of the step; a kind without its own key takes `default-days`.
 */
import { z } from 'zod';
import { globSchema } from './glob-schema.js';
import { MAX_COOLDOWN_DAYS, type CooldownConfig } from './cooldown-config.js';

export { defaultCooldown, MAX_COOLDOWN_DAYS, type CooldownConfig } from './cooldown-config.js';

const DAYS_EXPECTED = `a whole number of days from 0 to ${MAX_COOLDOWN_DAYS}`;
const PATTERN_EXPECTED = 'a module path glob like github.com/foo/*';

const days = z
  .int({ error: DAYS_EXPECTED })
  .min(0, { error: DAYS_EXPECTED })
  .max(MAX_COOLDOWN_DAYS, { error: DAYS_EXPECTED });

export const cooldownSchema = z
  .strictObject(
    {
      'default-days': days
        .default(0)
        .meta({ description: 'Days a release must have been published before it is proposed; 0: at once.' }),
      'patch-days': days.optional().meta({ description: 'Window for patch updates; unset: default-days.' }),
      'minor-days': days.optional().meta({ description: 'Window for minor updates; unset: default-days.' }),
      'major-days': days.optional().meta({ description: 'Window for major updates; unset: default-days.' }),
      exclude: z
        .array(globSchema(PATTERN_EXPECTED), { error: 'a list of module path globs' })
        .default([])
        .meta({ description: 'Modules that never wait (`*` matches any characters, `/` included).' }),
      security: z
        .boolean({ error: 'true or false' })
        .default(false)
        .meta({ description: 'Let security fixes wait too; false: a fix is proposed however new it is.' }),
    },
    { error: 'a mapping with default-days, patch-days, minor-days, major-days, exclude and security' },
  )
  .prefault({})
  .meta({
    description:
      "Hold back releases younger than N days (by the module proxy's publish time); the next older one is proposed.",
  });

export function toCooldownConfig(raw: z.output<typeof cooldownSchema>): CooldownConfig {
  return {
    defaultDays: raw['default-days'],
    ...(raw['patch-days'] !== undefined ? { patchDays: raw['patch-days'] } : {}),
    ...(raw['minor-days'] !== undefined ? { minorDays: raw['minor-days'] } : {}),
    ...(raw['major-days'] !== undefined ? { majorDays: raw['major-days'] } : {}),
    exclude: raw.exclude,
    security: raw.security,
  };
}
