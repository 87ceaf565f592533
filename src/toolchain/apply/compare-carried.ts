/**
 * Predicted (plan) against measured (apply) carried changes. Disagreements become ONE warning per
 * dir, naming how many modules differ, the first few, and the likely cause: a repository with a
 * thousand drifted entries gets one line per module dir, not a thousand lines that bury the rest.
 */
import { CARRIED_MAY_DIFFER, type CarriedChange, type Warning } from '../../planner/plan-schema.js';
import { compareStrings } from '../../workspace/paths.js';

const show = (v: string | null | undefined): string => v ?? '(none)';

/** Modules named in a dir's warning; the rest are counted. */
const SHOWN = 5;

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
    const p = new Map(predicted.filter((c) => c.dir === dir).map((c) => [c.module, c]));
    const a = new Map(actual.filter((c) => c.dir === dir).map((c) => [c.module, c]));
    const differ: string[] = [];
    for (const module of [...new Set([...p.keys(), ...a.keys()])].sort(compareStrings)) {
      const pc = p.get(module);
      const ac = a.get(module);
      if (pc && ac && pc.from === ac.from && pc.to === ac.to) continue;
      differ.push(describe(module, pc, ac));
    }
    if (differ.length === 0) continue;
    const more = differ.length > SHOWN ? `; and ${differ.length - SHOWN} more` : '';
    const cause = warned.has(dir)
      ? 'as the plan warned, go get listed modules that provide the packages it loads, and their requirements joined the build list'
      : 'the plan predicts go get only; go mod tidy and go work sync in apply moved the build list further';
    warnings.push({
      dir,
      message: `carried differs from the plan in ${differ.length} module(s): ${differ.slice(0, SHOWN).join('; ')}${more} — ${cause}`,
    });
  }
  return warnings;
}
