/** The direct upgrades apply actually made, grouped the way the plan groups them. */
import { updateStep } from '../../gomod/update-kind.js';
import { compareModuleVersions } from '../../gomod/version.js';
import { compareStrings } from '../../workspace/paths.js';
import type { PlanUpdate } from '../../planner/plan-schema.js';
import type { BumpTable } from './caps.js';

export function appliedUpdates(
  applied: BumpTable,
  fromOf: (dir: string, path: string) => string | undefined,
  dirOrder: readonly string[],
): PlanUpdate[] {
  const groups = new Map<string, Map<string, { dir: string; from: string }[]>>();
  for (const dir of dirOrder) {
    for (const [module, to] of applied.get(dir) ?? []) {
      const from = fromOf(dir, module);
      if (from === undefined || from === to) continue;
      const byTarget = groups.get(module) ?? new Map<string, { dir: string; from: string }[]>();
      byTarget.set(to, [...(byTarget.get(to) ?? []), { dir, from }]);
      groups.set(module, byTarget);
    }
  }
  const out: PlanUpdate[] = [];
  for (const [module, byTarget] of [...groups].sort(([a], [b]) => compareStrings(a, b))) {
    for (const [to, dirs] of [...byTarget].sort(([a], [b]) => compareModuleVersions(module, b, a))) {
      const step = updateStep(
        dirs.map((d) => d.from),
        to,
      );
      out.push({ module, to, ...step, dirs });
    }
  }
  return out;
}

/**
 * The plan's security marks carried over to what apply made: a module bumped to (or past) the
 * version the plan chose for an advisory still fixes it, and an indirect security bump stays one.
 */
export function withSecurityMarks(applied: PlanUpdate[], planned: readonly PlanUpdate[]): PlanUpdate[] {
  return applied.map((u) => {
    const marks = planned.filter(
      (p) => p.module === u.module && p.security && compareModuleVersions(u.module, u.to, p.to) >= 0,
    );
    if (!marks.length) return u;
    const security = [...new Set(marks.flatMap((p) => p.security ?? []))].sort(compareStrings);
    return { ...u, security, ...(marks.every((p) => p.indirect) ? { indirect: true as const } : {}) };
  });
}
