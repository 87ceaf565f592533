/**
 * The engine's half of the dashboard for one repository tree: the plan (what is held back and
 * why) and the version drift from every module's build list. The CLI prints it; the app adds
 * what only GitHub knows (open PRs, declined versions) and posts it.
 */
import { createPlan, type PlanInput } from '../planner/plan.js';
import type { Plan } from '../planner/plan-schema.js';
import { baselineBuildLists } from '../planner/predict.js';
import { discoverModules } from '../workspace/discover.js';
import { versionDrift, type ModuleLines, type VersionDrift } from './drift.js';
import { goLineUnlocks } from './go-line-unlocks.js';
import { heldBack, type HeldBackView } from './held-back.js';

export interface DashboardReport {
  plan: Plan;
  heldBack: HeldBackView;
  drift: VersionDrift;
}

/** `plan`: one already made from the same input (the plan stage has it), else planned here. */
export async function dashboardReport(input: PlanInput, plan?: Plan): Promise<DashboardReport> {
  const discovery = await discoverModules(input.tree);
  const [made, baseline] = await Promise.all([
    plan ?? createPlan(input),
    // The same lookups the plan made: the proxy client answers them from its cache.
    baselineBuildLists(discovery.modules, input.tree, input.source),
  ]);
  const modules: ModuleLines[] = discovery.modules.map((m) => ({
    dir: m.dir,
    path: m.goMod.module?.path ?? '',
    go: m.goMod.go,
    toolchain: m.goMod.toolchain,
  }));
  // The guard's words name the go versions worth trying; what each unlocks is planned, not guessed.
  const held = heldBack(made);
  const goLines = await goLineUnlocks(
    input,
    held.goLines.map((g) => g.go),
  );
  return { plan: made, heldBack: { ...held, goLines }, drift: versionDrift(modules, baseline.lists) };
}
