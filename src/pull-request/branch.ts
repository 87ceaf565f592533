/** Deterministic names: a retried or duplicated run finds what an earlier one made. */
export const DEFAULT_GROUP = 'all';

/** Every bot branch starts with this: `gomod-steward/<base>/<group>`. */
export const BRANCH_PREFIX = 'gomod-steward/';

export function branchName(base: string, group: string = DEFAULT_GROUP): string {
  return `${BRANCH_PREFIX}${base}/${group}`;
}

export function isBotBranch(headRef: string): boolean {
  return headRef.startsWith(BRANCH_PREFIX);
}

export function pullTitle(group: string = DEFAULT_GROUP): string {
  return group === DEFAULT_GROUP
    ? 'chore(deps): upgrade Go dependencies'
    : `chore(deps): upgrade Go dependencies (${group} group)`;
}
