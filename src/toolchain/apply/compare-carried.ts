/**
 * Predicted (plan) against measured (apply) carried changes. Disagreements become ONE warning per
 * dir, naming how many modules differ, the first few, and the causes with their counts: a
 * repository with a thousand drifted entries gets one line per module dir, not a thousand lines
 * that bury the rest.
 */
import { compareModuleVersions } from '../../gomod/version.js';
import { CARRIED_MAY_DIFFER, type CarriedChange, type Warning } from '../../planner/plan-schema.js';
import { compareStrings } from '../../workspace/paths.js';

const show = (v: string | null | undefined): string => v ?? '(none)';

/** Modules named in a dir's warning; the rest are counted. */
const SHOWN = 5;

/**
 * Why a module's measured change is not the predicted one. The plan predicts `go get` exactly
 * (it reads the packages go get loads); apply then runs `go mod tidy` and `go work sync`, which
 * the plan does not model: tidy keeps only the modules that provide packages the module and its
 * tests import (and adds those its tests need), sync raises each module to the workspace's
 * selected versions.
 */
export type CarriedCause = 'removed' | 'added' | 'higher' | 'lower' | 'unmoved';
type Cause = CarriedCause;

export const CARRIED_CAUSES: Record<Cause, string> = {
  removed: 'go mod tidy removed modules no package needs any more',
  added: 'modules joined that the plan did not predict (go mod tidy lists what tests import)',
  higher: 'versions went higher than predicted (go work sync raises to the workspace’s versions)',
  lower: 'versions stayed lower than predicted (go mod tidy dropped the requirement that raised them)',
  unmoved: 'Go left predicted changes undone',
};

/** Every module whose measured change in `dir` is not the predicted one, with why. */
export function carriedDifferences(
  predicted: readonly CarriedChange[],
  actual: readonly CarriedChange[],
  dir: string,
): { module: string; cause: CarriedCause; text: string }[] {
  const p = new Map(predicted.filter((c) => c.dir === dir).map((c) => [c.module, c]));
  const a = new Map(actual.filter((c) => c.dir === dir).map((c) => [c.module, c]));
  const out: { module: string; cause: CarriedCause; text: string }[] = [];
  for (const module of [...new Set([...p.keys(), ...a.keys()])].sort(compareStrings)) {
    const pc = p.get(module);
    const ac = a.get(module);
    if (pc && ac && pc.from === ac.from && pc.to === ac.to) continue;
    out.push({ module, cause: causeOf(module, pc, ac), text: describe(module, pc, ac) });
  }
  return out;
}

function causeOf(module: string, pc: CarriedChange | undefined, ac: CarriedChange | undefined): Cause {
  if (!ac) return 'unmoved';
  if (ac.to === null) return 'removed';
  const expected = pc ? pc.to : ac.from;
  if (expected === null) return 'added';
  return compareModuleVersions(module, ac.to, expected) > 0 ? 'higher' : 'lower';
}

function describe(module: string, pc: CarriedChange | undefined, ac: CarriedChange | undefined): string {
  if (pc && ac) return `${module} (predicted ${show(pc.from)} → ${show(pc.to)}, Go ${show(ac.from)} → ${show(ac.to)})`;
  if (pc) return `${module} (predicted ${show(pc.from)} → ${show(pc.to)}, Go left it)`;
  return `${module} (not predicted, Go ${show(ac!.from)} → ${show(ac!.to)})`;
}

/**
 * Compares the dirs in `measuredDirs` only: elsewhere nothing was measured to compare with.
 * `planWarnings` lets the message say when the plan had already warned that dir.
 */
export function compareCarried(
  predicted: readonly CarriedChange[],
  actual: readonly CarriedChange[],
  measuredDirs: Iterable<string>,
  planWarnings: readonly Warning[] = [],
): Warning[] {
  const warned = new Set(planWarnings.filter((w) => w.message.startsWith(CARRIED_MAY_DIFFER)).map((w) => w.dir));
  const warnings: Warning[] = [];
  for (const dir of measuredDirs) {
    const diffs = carriedDifferences(predicted, actual, dir);
    const differ = diffs.map((d) => d.text);
    const counts = new Map<Cause, number>();
    for (const d of diffs) counts.set(d.cause, (counts.get(d.cause) ?? 0) + 1);
    if (differ.length === 0) continue;
    const more = differ.length > SHOWN ? `; and ${differ.length - SHOWN} more` : '';
    const causes = (Object.keys(CARRIED_CAUSES) as Cause[])
      .filter((c) => counts.has(c))
      .map((c) => `${CARRIED_CAUSES[c]} (${counts.get(c)})`)
      .join('; ');
    const cause = warned.has(dir) ? `as the plan warned; ${causes}` : causes;
    warnings.push({
      dir,
      message: `carried differs from the plan in ${differ.length} module(s): ${differ.slice(0, SHOWN).join('; ')}${more} — ${cause}`,
    });
  }
  return warnings;
}
