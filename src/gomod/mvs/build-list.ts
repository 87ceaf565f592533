import type { MainModule, ModuleSource, ModuleVersion } from '../types.js';
import { loadModuleGraph, type GraphOptions } from './load-graph.js';
import type { ModuleGraph } from './module-graph.js';

export interface BuildList {
  /** What `go list -m all` prints with GOWORK=off: the main module (version "") first, then by path. */
  list: ModuleVersion[];
  graph: ModuleGraph;
}

export async function buildList(main: MainModule, source: ModuleSource, opts: GraphOptions = {}): Promise<BuildList> {
  const graph = await loadModuleGraph(main, source, opts);
  return { list: graph.list, graph };
}
