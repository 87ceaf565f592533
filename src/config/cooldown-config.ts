/**
 * The cooldown's typed form and its default, apart from the zod schema (cooldown.ts): a plan over a
 * repository without a config file reads the default and never loads the validator.
 */

/** Ten years: more is a typo, and it keeps every window inside what a Date can hold. */
export const MAX_COOLDOWN_DAYS = 3650;

export interface CooldownConfig {
  defaultDays: number;
  /** Unset: `defaultDays`. */
  patchDays?: number;
  minorDays?: number;
  majorDays?: number;
  /** Module path globs (glob.ts) that never wait. */
  exclude: string[];
  /** Whether security fixes wait too (default: they go out at once). */
  security: boolean;
}

export function defaultCooldown(): CooldownConfig {
  return { defaultDays: 0, exclude: [], security: false };
}
