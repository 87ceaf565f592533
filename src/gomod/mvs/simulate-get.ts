/**
 * Predicts `go get p1@v1 p2@v2 ...` in one module (GOWORK=off) without the go command. Pruned
 * modules: the requirements with the bumps applied become the roots, and each root is raised to
 * its selected version until the roots are stable — how `go get` settles go.mod. Unpruned
 * modules: plain MVS over the bumped requirements; each requirement is then written at its
 * selected version. `go get` also raises the go line to the graph's `maxGo`.
 */
import type { MainModule, ModuleSource, ModuleVersion } from '../types.js';
import { loadFromRoots, requirementRoots, type GraphOptions } from './load-graph.js';
import type { ModuleGraph } from './module-graph.js';
import { compareModules, isToolchainModule } from './module-key.js';

export interface GetConflict {
  path: string;
  requested: string;
  /** What MVS selects instead: another requirement asks for more. */
  selected: string;
}

export interface SimulatedGet {
  /** The require list go.mod would have (paths with their versions, by path). */
  roots: ModuleVersion[];
  /** The build list after the get. */
  list: ModuleVersion[];
  /** The go version `go get` would write (the graph's max); compare with the current go line. */
  maxGo: string;
  maxGoFrom: string | null;
  /** Bumps that MVS does not select at the requested version (for `none`: still in the graph). */
  conflicts: GetConflict[];
  graph: ModuleGraph;
}

function bumpedRequirements(main: MainModule, bumps: ReadonlyMap<string, string>): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  const present = new Set<string>();
  for (const r of main.goMod.require) {
    present.add(r.path);
    const v = bumps.get(r.path) ?? r.version;
    if (v !== 'none') out.push({ path: r.path, version: v });
  }
  for (const [path, version] of bumps) if (!present.has(path) && version !== 'none') out.push({ path, version });
  return out;
}

export async function simulateGet(
  main: MainModule,
  bumps: ReadonlyMap<string, string>,
  source: ModuleSource,
  opts: GraphOptions = {},
): Promise<SimulatedGet> {
  const requested = bumpedRequirements(main, bumps);
  const graph = await loadFromRoots(main, source, requirementRoots(main, requested), opts);
  const rootPaths = graph.pruning === 'pruned' ? graph.roots.map((r) => r.path) : requested.map((r) => r.path);
  const seen = new Set<string>();
  const roots: ModuleVersion[] = [];
  for (const path of rootPaths) {
    if (seen.has(path) || isToolchainModule(path) || path === graph.mainModules[0]?.path) continue;
    seen.add(path);
    roots.push({ path, version: graph.selected(path) });
  }
  const conflicts: GetConflict[] = [];
  for (const [path, version] of bumps) {
    const selected = graph.selected(path);
    const wanted = version === 'none' ? 'none' : version;
    if (selected !== wanted) conflicts.push({ path, requested: version, selected });
  }
  return {
    roots: roots.sort(compareModules),
    list: graph.list,
    maxGo: graph.maxGo,
    maxGoFrom: graph.maxGoFrom,
    conflicts,
    graph,
  };
}
