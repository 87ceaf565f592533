/**
 * Which modules of the repository build against which others: a directory replace
 * (`replace x => ../libs/x`) or, inside the workspace, a requirement on another workspace
 * module's path. Apply walks modules libraries-first along these edges and tidies every module
 * that reaches a changed one.
 */
import type { Discovery, DiscoveredModule } from '../../workspace/discover.js';
import { localDependencies } from '../../workspace/main-modules.js';

export interface ModuleGraph {
  /** Every module dir, each after the modules it depends on (a cycle keeps discovery order). */
  order: string[];
  /** Direct dependencies inside the repository. */
  deps: ReadonlyMap<string, readonly string[]>;
}

export function buildModuleGraph(discovery: Pick<Discovery, 'modules'>): ModuleGraph {
  const byDir = new Map(discovery.modules.map((m) => [m.dir, m]));
  const workspaceByPath = new Map(
    discovery.modules.filter((m) => m.inWorkspace && m.goMod.module).map((m) => [m.goMod.module!.path, m.dir]),
  );
  const deps = new Map<string, string[]>();
  for (const m of discovery.modules) deps.set(m.dir, dependenciesOf(m, byDir, workspaceByPath));

  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    for (const d of deps.get(dir) ?? []) visit(d);
    order.push(dir);
  };
  for (const m of discovery.modules) visit(m.dir);
  return { order, deps };
}

function dependenciesOf(
  mod: DiscoveredModule,
  byDir: ReadonlyMap<string, DiscoveredModule>,
  workspaceByPath: ReadonlyMap<string, string>,
): string[] {
  const out = new Set(localDependencies(mod, byDir));
  if (mod.inWorkspace) {
    for (const r of mod.goMod.require) {
      const d = workspaceByPath.get(r.path);
      if (d !== undefined && d !== mod.dir) out.add(d);
    }
  }
  return [...out];
}

/** `dirs` and every module that depends on one of them, directly or not. */
export function withDependents(graph: ModuleGraph, dirs: Iterable<string>): Set<string> {
  const reverse = new Map<string, string[]>();
  for (const [dir, ds] of graph.deps) for (const d of ds) reverse.set(d, [...(reverse.get(d) ?? []), dir]);
  const out = new Set<string>();
  const stack = [...dirs];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (out.has(d)) continue;
    out.add(d);
    stack.push(...(reverse.get(d) ?? []));
  }
  return out;
}

/** Every module `dir` depends on, directly or not (not `dir` itself). */
export function dependenciesClosure(graph: ModuleGraph, dir: string): Set<string> {
  const out = new Set<string>();
  const stack = [...(graph.deps.get(dir) ?? [])];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (out.has(d) || d === dir) continue;
    out.add(d);
    stack.push(...(graph.deps.get(d) ?? []));
  }
  return out;
}
