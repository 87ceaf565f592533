/** Whether a green matrix may merge the PR on its own, by config `impact.automerge` and the kinds of update it holds. */
import type { StewardConfig } from '../config/defaults.js';
import type { MetaUpdate } from '../pull-request/meta.js';

const RANK = { patch: 1, minor: 2, major: 3 } as const;

export function automergeAllowed(
  policy: StewardConfig['impact']['automerge'],
  updates: readonly Pick<MetaUpdate, 'kind'>[],
): boolean {
  if (policy === 'none' || updates.length === 0) return false;
  return updates.every((u) => RANK[u.kind] <= RANK[policy]);
}
