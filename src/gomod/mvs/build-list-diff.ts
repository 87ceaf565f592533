/**
 * What changed between two build lists of one main module. Both the planner (predicted lists)
 * and apply (lists the go command reports) ask this question; the answer is pure MVS data.
 */
import type { ModuleVersion } from '../types.js';

/** A module whose selected version differs; null where the module is absent from that list. */
export interface BuildListChange {
  module: string;
  from: string | null;
  to: string | null;
}

/** Changes, in byte order of module path as Go sorts them; `skip` (e.g. the direct bumps) left out. */
export function diffBuildLists(
  before: readonly ModuleVersion[],
  after: readonly ModuleVersion[],
  skip: ReadonlySet<string>,
): BuildListChange[] {
  const b = new Map(before.map((m) => [m.path, m.version]));
  const a = new Map(after.map((m) => [m.path, m.version]));
  const out: BuildListChange[] = [];
  for (const path of new Set([...b.keys(), ...a.keys()])) {
    const from = b.get(path) ?? null;
    const to = a.get(path) ?? null;
    if (from === to || skip.has(path)) continue;
    out.push({ module: path, from, to });
  }
  return out.sort((x, y) => (x.module < y.module ? -1 : x.module > y.module ? 1 : 0));
}
