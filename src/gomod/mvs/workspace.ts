/**
 * The module graph of a go.work workspace: every used module is a main module, go.work's
 * replacements win over the modules' own, and the graph is loaded with workspace pruning.
 */
import type { GoWork, MainModule, ModuleSource, ModuleVersion } from '../types.js';
import { excludedSet, mainModuleVersion, type GraphOptions } from './load-graph.js';
import { toModuleGraph, type ModuleGraph } from './module-graph.js';
import { moduleKey } from './module-key.js';
import { readGraph } from './read-graph.js';
import { ReplaceTable, type ReadLocal } from './replacements.js';
import { summarize, type ModSummary } from './summaries.js';

/** A go.work without a go line implies this version. */
const DEFAULT_GO_WORK_VERSION = '1.18';

export interface Workspace {
  work: GoWork;
  /** The used modules, in go.work order. */
  modules: MainModule[];
  /** Reads the go.mod of a directory named by a go.work replacement, relative to the go.work directory. */
  readLocal: ReadLocal;
}

export async function loadWorkspaceGraph(
  ws: Workspace,
  source: ModuleSource,
  opts: GraphOptions = {},
): Promise<ModuleGraph> {
  const mains = ws.modules.map(mainModuleVersion);
  const excluded = excludedSet(ws.modules);
  const ctx = {
    source,
    excluded,
    replace: new ReplaceTable(
      ws.modules.map((m) => ({ replace: m.goMod.replace, readLocal: (d: string) => m.readLocal(d) })),
      { replace: ws.work.replace, readLocal: ws.readLocal },
    ),
  };
  const mainSummaries = new Map<string, ModSummary>();
  ws.modules.forEach((m, i) => mainSummaries.set(moduleKey(mains[i]!), summarize(mains[i]!, null, m.goMod, excluded)));
  const go = ws.work.go ?? DEFAULT_GO_WORK_VERSION;
  const roots: ModuleVersion[] = [{ path: 'go', version: go }];
  if (ws.work.toolchain) roots.push({ path: 'toolchain', version: ws.work.toolchain });
  const { graph, summaries } = await readGraph({
    ctx,
    mode: 'workspace',
    mainModules: mains,
    roots,
    mainSummaries,
    concurrency: opts.concurrency,
  });
  return toModuleGraph('workspace', mains, [...mains, ...roots], graph, summaries, go);
}
