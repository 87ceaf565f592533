/**
 * The replace pins a plan moves (updates of kind `replace`): per module dir, the
 * `go mod edit -replace=old[@v]=new@version` arguments run before that module's `go get` and
 * tidy, and afterwards the pins that stood, for the result.
 */
import type { PlanUpdate } from '../../planner/plan-schema.js';

/** Module dir → `-replace=…` flags for one `go mod edit`. */
export function replaceEdits(updates: readonly PlanUpdate[], unusable: ReadonlySet<string>): Map<string, string[]> {
  const edits = new Map<string, string[]>();
  for (const u of updates) {
    if (u.kind !== 'replace' || !u.replaces) continue;
    const old = u.replaces.version ? `${u.replaces.path}@${u.replaces.version}` : u.replaces.path;
    for (const d of u.dirs) {
      if (unusable.has(d.dir)) continue;
      edits.set(d.dir, [...(edits.get(d.dir) ?? []), `-replace=${old}=${u.module}@${u.to}`]);
    }
  }
  return edits;
}

/** The planned pin moves, kept to the module dirs where apply succeeded. */
export function appliedReplaces(updates: readonly PlanUpdate[], succeeded: (dir: string) => boolean): PlanUpdate[] {
  return updates
    .filter((u) => u.kind === 'replace' && u.replaces)
    .map((u) => ({ ...u, dirs: u.dirs.filter((d) => succeeded(d.dir)) }))
    .filter((u) => u.dirs.length > 0);
}
