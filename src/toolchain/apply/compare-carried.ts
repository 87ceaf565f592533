/** Predicted (plan) against measured (apply) carried changes: every disagreement becomes a warning. */
import type { CarriedChange, Warning } from '../../planner/plan-schema.js';
import { compareStrings } from '../../workspace/paths.js';

const show = (v: string | null | undefined): string => v ?? '(none)';

/** Compares the dirs in `measuredDirs` only: elsewhere nothing was measured to compare with. */
export function compareCarried(
  predicted: readonly CarriedChange[],
  actual: readonly CarriedChange[],
  measuredDirs: Iterable<string>,
): Warning[] {
  const warnings: Warning[] = [];
  for (const dir of measuredDirs) {
    const p = new Map(predicted.filter((c) => c.dir === dir).map((c) => [c.module, c]));
    const a = new Map(actual.filter((c) => c.dir === dir).map((c) => [c.module, c]));
    for (const module of [...new Set([...p.keys(), ...a.keys()])].sort(compareStrings)) {
      const pc = p.get(module);
      const ac = a.get(module);
      if (pc && ac && pc.from === ac.from && pc.to === ac.to) continue;
      let message: string;
      if (pc && ac) {
        message = `${module}: predicted ${show(pc.from)} → ${show(pc.to)}, Go selected ${show(ac.from)} → ${show(ac.to)}`;
      } else if (pc) {
        message = `${module}: predicted ${show(pc.from)} → ${show(pc.to)}, Go left it unchanged`;
      } else {
        message = `${module}: not predicted, Go changed it ${show(ac!.from)} → ${show(ac!.to)}`;
      }
      warnings.push({ dir, module, message });
    }
  }
  return warnings;
}
