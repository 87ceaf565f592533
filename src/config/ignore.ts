/**
 * The `ignore` rules of the config (and the same rules recorded by `@gomod-steward ignore …`
 * commands). A rule matches an upgrade when all of its parts match:
 * - `dependency`: the module path, by glob (`*` crosses `/`, see glob.ts);
 * - `update-types`, when given: the kind of the upgrade;
 * - `versions`, when given: the target version (see version-pattern.ts). Without a target
 *   version such a rule cannot match, so asking about "the dependency as a whole" is only
 *   answered yes by rules that ignore it whatever the version.
 */
import { matchGlob } from './glob.js';
import type { IgnoreRule, UpdateType } from './schema.js';
import { matchesVersionPattern } from './version-pattern.js';

/** The first rule that ignores this upgrade, for messages that say why. */
export function findIgnoreRule<R extends IgnoreRule>(
  rules: readonly R[],
  modulePath: string,
  updateKind: UpdateType,
  version?: string,
): R | undefined {
  return rules.find((rule) => {
    if (!matchGlob(rule.dependency, modulePath)) return false;
    if (rule.updateTypes && !rule.updateTypes.includes(updateKind)) return false;
    if (rule.versions) {
      if (version === undefined) return false;
      if (!rule.versions.some((pattern) => matchesVersionPattern(pattern, version))) return false;
    }
    return true;
  });
}

export function isIgnored(
  rules: readonly IgnoreRule[],
  modulePath: string,
  updateKind: UpdateType,
  version?: string,
): boolean {
  return findIgnoreRule(rules, modulePath, updateKind, version) !== undefined;
}
