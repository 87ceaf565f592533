/**
 * What changed between two build lists of one main module. Both the planner (predicted lists)
 * and apply (lists the go command reports) ask this question; the answer is pure MVS data.
 */
import { lowerBound } from '../lower-bound.js';
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
  const out = samePaths(before, after) ? changedInPlace(before, after, skip) : changedByPath(before, after, skip);
  return out.sort((x, y) => (x.module < y.module ? -1 : x.module > y.module ? 1 : 0));
}

/**
 * Whether both lists name the same paths in the same places, each path once: what a list does
 * when a prediction moves versions and adds or drops no module, the common case. A build list
 * has its main module first and every other path in order after it, which makes "each path once"
 * a check of neighbours and one search.
 */
function samePaths(before: readonly ModuleVersion[], after: readonly ModuleVersion[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) if (before[i]!.path !== after[i]!.path) return false;
  for (let i = 2; i < before.length; i++) if (!(before[i - 1]!.path < before[i]!.path)) return false;
  if (before.length < 2) return true;
  const first = before[0]!.path;
  const lo = lowerBound(1, before.length, (i) => before[i]!.path < first);
  return lo === before.length || before[lo]!.path !== first;
}

function changedInPlace(
  before: readonly ModuleVersion[],
  after: readonly ModuleVersion[],
  skip: ReadonlySet<string>,
): BuildListChange[] {
  const out: BuildListChange[] = [];
  for (let i = 0; i < before.length; i++) {
    const { path, version: from } = before[i]!;
    const to = after[i]!.version;
    if (from !== to && !skip.has(path)) out.push({ module: path, from, to });
  }
  return out;
}

function changedByPath(
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
  return out;
}
