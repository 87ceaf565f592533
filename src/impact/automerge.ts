/**
 * Whether a green matrix may merge the PR on its own, by config `impact.automerge` and the kinds
 * of update it holds. A minor on v0 (`mayBreak`) is merged only when `impact.automerge-v0` says so.
 */
import type { StewardConfig } from '../config/defaults.js';
import type { MetaUpdate } from '../pull-request/meta.js';

const RANK = { patch: 1, minor: 2, major: 3 } as const;

export function automergeAllowed(
  policy: Pick<StewardConfig['impact'], 'automerge' | 'automergeV0'>,
  updates: readonly Pick<MetaUpdate, 'kind' | 'mayBreak'>[],
): boolean {
  const { automerge, automergeV0 } = policy;
  if (automerge === 'none' || updates.length === 0) return false;
  return updates.every((u) => RANK[u.kind] <= RANK[automerge] && (u.mayBreak !== true || automergeV0));
}
