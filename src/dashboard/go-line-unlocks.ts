/**
 * "Raising `go` to 1.N would unlock M updates", computed by the engine: the plan of the same tree
 * with every go.mod (and the go.work) that declares less than 1.N raised to it, against the plan
 * of the tree as it is. M counts the (dependency, module dir) pairs the raised plan moves further
 * than today's. The candidate versions come from what the go-directive guard said it held back
 * (held-back.ts); a raise that would unlock nothing is not offered.
 */
import { compareGoVersions } from '../gomod/go-version.js';
import { compareModuleVersions } from '../gomod/version.js';
import { createPlan, type PlanInput } from '../planner/plan.js';
import type { Plan } from '../planner/plan-schema.js';
import type { RepoTree } from '../workspace/tree.js';
import type { GoLineUnlock } from './held-back.js';

const GO_LINE = /^([ \t]*go[ \t]+)(\S+)([ \t]*(?:\/\/.*)?)$/m;
const MODULE_LINE = /^[ \t]*module[ \t].*$/m;
const RELEASE = /^\d+\.\d+(?:\.\d+)?$/;

/** The text of a go.mod or go.work with its `go` line set to `go` (added after `module` when absent). */
export function withGoLine(text: string, go: string): string {
  if (GO_LINE.test(text))
    return text.replace(GO_LINE, (_all, head: string, _v: string, tail: string) => `${head}${go}${tail}`);
  const m = MODULE_LINE.exec(text);
  if (!m) return `go ${go}\n\n${text}`;
  const end = m.index + m[0].length;
  return `${text.slice(0, end)}\n\ngo ${go}${text.slice(end)}`;
}

/** `tree` with the go line of every listed file (go.mod or go.work) raised to `go`. */
export function raisedTree(tree: RepoTree, files: ReadonlySet<string>, go: string): RepoTree {
  return {
    files: () => tree.files(),
    async read(path) {
      const text = await tree.read(path);
      return text !== null && files.has(path) ? withGoLine(text, go) : text;
    },
  };
}

const key = (dir: string, module: string) => `${dir}\n${module}`;

function targets(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of plan.updates) for (const d of u.dirs) out.set(key(d.dir, u.module), u.to);
  return out;
}

/** How far `raised` moves beyond `now`: pairs it updates that `now` leaves, or takes to a higher version. */
export function unlockedBy(now: Plan, raised: Plan): number {
  const before = targets(now);
  let n = 0;
  for (const u of raised.updates)
    for (const d of u.dirs) {
      const was = before.get(key(d.dir, u.module));
      if (was === undefined || compareModuleVersions(u.module, u.to, was) > 0) n++;
    }
  return n;
}

/**
 * One entry per candidate version that unlocks something: M from two plans, dirs the modules
 * declaring less. `now` is planned here from the same input, so both sides see the same policy.
 */
export async function goLineUnlocks(input: PlanInput, candidates: readonly string[]): Promise<GoLineUnlock[]> {
  if (!candidates.length) return [];
  const now = await createPlan(input);
  const goWork = (await input.tree.read('go.work')) === null ? null : await goWorkLine(input.tree);
  const out: GoLineUnlock[] = [];
  // Only release versions: a box's marker carries nothing else (ignores/dashboard-boxes.ts).
  for (const go of candidates.filter((v) => RELEASE.test(v))) {
    const below = now.modules.filter((m) => compareGoVersions(m.go ?? '1.16', go) < 0);
    const files = new Set(below.map((m) => (m.dir === '.' ? 'go.mod' : `${m.dir}/go.mod`)));
    if (goWork !== null && compareGoVersions(goWork, go) < 0) files.add('go.work');
    if (!files.size) continue;
    const raised = await createPlan({ ...input, tree: raisedTree(input.tree, files, go) });
    const updates = unlockedBy(now, raised);
    if (updates > 0) out.push({ go, updates, dirs: below.map((m) => m.dir) });
  }
  return out;
}

async function goWorkLine(tree: RepoTree): Promise<string> {
  const text = (await tree.read('go.work')) ?? '';
  return GO_LINE.exec(text)?.[2] ?? '1.16';
}
