/**
 * Whether a green matrix may merge the PR on its own, by config `impact.automerge` and the kinds
 * of update it holds. A minor on v0 (`mayBreak`) is merged only when `impact.automerge-v0` says so.
 */
import type { StewardConfig } from '../config/defaults.js';
import { mayBreakOnV0 } from '../gomod/update-kind.js';
import type { MetaUpdate } from '../pull-request/meta.js';
import { SECURITY_GROUP } from '../pull-request/branch.js';

const RANK = { patch: 1, minor: 2, major: 3 } as const;

type Update = Pick<MetaUpdate, 'kind' | 'mayBreak'> & {
  to?: string;
  dirs?: readonly Readonly<MetaUpdate['dirs'][number]>[];
};

/**
 * The metadata's `mayBreak`, or, for a PR whose metadata was written before the field existed,
 * the same rule applied to its versions.
 */
function mayBreak(u: Update): boolean {
  if (u.mayBreak === true) return true;
  const to = u.to;
  return to !== undefined && u.kind === 'minor' && (u.dirs ?? []).some((d) => mayBreakOnV0(d.from, to));
}

export function automergeAllowed(
  policy: Pick<StewardConfig['impact'], 'automerge' | 'automergeV0'>,
  updates: readonly Update[],
): boolean {
  const { automerge, automergeV0 } = policy;
  if (automerge === 'none' || updates.length === 0) return false;
  // A moved replace pin is a decision of the repository's own: never merged without a person.
  return updates.every((u) => u.kind !== 'replace' && RANK[u.kind] <= RANK[automerge] && (automergeV0 || !mayBreak(u)));
}

/** The policy for one PR: the security PR merges by `security.automerge`, every other by `impact.automerge`. */
export function automergePolicy(
  config: Pick<StewardConfig, 'impact' | 'security'>,
  group: string | undefined,
): Pick<StewardConfig['impact'], 'automerge' | 'automergeV0'> {
  return group === SECURITY_GROUP
    ? { automerge: config.security.automerge, automergeV0: config.impact.automergeV0 }
    : config.impact;
}
