/** Deterministic names: a retried or duplicated run finds what an earlier one made. */
export const DEFAULT_GROUP = 'all';
/** The group of the security PR (fixes of known advisories, outside the schedule). */
export const SECURITY_GROUP = 'security';
/** The group of the go-line PR: a ticked dashboard box raising the `go` line (no dependency updates). */
export const GO_LINE_GROUP = 'go-line';

/** Every bot branch starts with this: `gomod-steward/<base>/<group>`. */
export const BRANCH_PREFIX = 'gomod-steward/';

export function branchName(base: string, group: string = DEFAULT_GROUP): string {
  return `${BRANCH_PREFIX}${base}/${group}`;
}

export function isBotBranch(headRef: string): boolean {
  return headRef.startsWith(BRANCH_PREFIX);
}

export function pullTitle(group: string = DEFAULT_GROUP): string {
  if (group === SECURITY_GROUP) return 'fix(deps): security updates for Go dependencies';
  if (group === GO_LINE_GROUP) return 'chore(go): raise the go line';
  return group === DEFAULT_GROUP
    ? 'chore(deps): upgrade Go dependencies'
    : `chore(deps): upgrade Go dependencies (${group} group)`;
}
