/** Deterministic names: a retried or duplicated run finds what an earlier one made. */
export const DEFAULT_GROUP = 'all';

export function branchName(base: string, group: string = DEFAULT_GROUP): string {
  return `gomod-steward/${base}/${group}`;
}

export function pullTitle(group: string = DEFAULT_GROUP): string {
  return group === DEFAULT_GROUP ? 'chore(deps): upgrade Go dependencies' : `chore(deps): upgrade Go dependencies (${group} group)`;
}
