/**
 * Loads the requirement graph from its roots the way the go command does (modload's
 * readModGraph). A module is loaded (its go.mod read, its requirements added as nodes) when:
 *   - it is a root, or
 *   - it is required by a loaded module while loading in unpruned mode, or
 *   - it is required by a loaded module whose own go.mod is unpruned (go < 1.17 or no go line);
 *     everything below such a module is then loaded unpruned, transitively.
 * In workspace mode the direct requirements of the main modules are loaded like roots, and the
 * selected versions of the main modules' dependencies are loaded until nothing new is selected.
 */
import type { ModuleVersion } from '../types.js';
import { compareModuleVersions } from '../version.js';
import { GoModLoadError, ModuleGraphError } from './errors.js';
import { RequirementGraph, type SelectedGraph } from './graph.js';
import { moduleKey } from './module-key.js';
import { readPrunedGraph } from './pruned-read.js';
import { loadSummary, type ModSummary, type Pruning, type SummaryContext } from './summaries.js';

export type LoadMode = Pruning | 'workspace';

export interface ReadGraphInput {
  ctx: SummaryContext;
  mode: LoadMode;
  /**
   * Single-module mode: the main module (one) and its requirements as `roots`. Workspace mode:
   * the main modules, whose own summaries come from `mainSummaries`; `roots` are the extra
   * graph roots (the go.work `go` and `toolchain` lines).
   */
  mainModules: ModuleVersion[];
  roots: ModuleVersion[];
  mainSummaries?: ReadonlyMap<string, ModSummary>;
  concurrency?: number;
}

export interface GraphRead {
  graph: SelectedGraph;
  /** Every loaded go.mod, by `path@version` of its node. */
  summaries: ReadonlyMap<string, ModSummary>;
}

const MODE_BIT: Record<LoadMode, number> = { pruned: 1, unpruned: 2, workspace: 4 };

function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export async function readGraph(input: ReadGraphInput): Promise<GraphRead> {
  if (input.mode === 'pruned') {
    // From memoised per-root parts; node by node only to name a go.mod that cannot be read.
    const read = await readPrunedGraph(input.ctx, input.mainModules[0]!, input.roots);
    if (read) return read;
  }
  return readGraphNodeByNode(input);
}

/** readGraph one node at a time: every mode, and the failure that names the go.mod and the chain to it. */
export async function readGraphNodeByNode(input: ReadGraphInput): Promise<GraphRead> {
  const { ctx, mode } = input;
  const workspace = mode === 'workspace';
  const graph = new RequirementGraph(workspace ? [...input.mainModules, ...input.roots] : input.mainModules);
  if (!workspace) graph.require(input.mainModules[0]!, input.roots);

  const limit = limiter(input.concurrency ?? 16);
  const summaries = new Map<string, ModSummary>();
  const failures = new Map<string, unknown>();
  // Loads and enqueued modes by path, then version: no `path@version` key built per edge.
  const loads = new Map<string, Map<string, Promise<ModSummary | null>>>();
  const enqueued = new Map<string, Map<string, number>>();
  const inflight = new Set<Promise<void>>();

  const loadOne = (m: ModuleVersion): Promise<ModSummary | null> => {
    let versions = loads.get(m.path);
    if (!versions) {
      versions = new Map();
      loads.set(m.path, versions);
    }
    let p = versions.get(m.version);
    if (!p) {
      const key = moduleKey(m);
      const own = input.mainSummaries?.get(key);
      p = (own ? Promise.resolve(own) : limit(() => loadSummary(ctx, m))).then(
        (s) => {
          summaries.set(key, s);
          graph.require(m, s.require);
          return s;
        },
        (err: unknown) => {
          failures.set(key, err);
          return null;
        },
      );
      versions.set(m.version, p);
    }
    return p;
  };

  const enqueue = (m: ModuleVersion, pruning: LoadMode): void => {
    if (m.version === 'none') return;
    let modes = enqueued.get(m.path);
    if (!modes) {
      modes = new Map();
      enqueued.set(m.path, modes);
    }
    const had = modes.get(m.version) ?? 0;
    const bit = MODE_BIT[pruning];
    if (had & bit) return;
    modes.set(m.version, had | bit);
    const task = (async () => {
      const s = await loadOne(m);
      if (!s) return;
      const next: LoadMode = pruning === 'unpruned' ? 'unpruned' : s.pruning;
      for (const r of s.require) {
        if (pruning !== 'pruned' || s.pruning === 'unpruned') enqueue(r, next);
      }
    })();
    inflight.add(task);
    void task.finally(() => inflight.delete(task));
  };

  const idle = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.all([...inflight]);
  };

  for (const r of workspace ? [...input.mainModules, ...input.roots] : input.roots) enqueue(r, mode);
  await idle();

  if (workspace) {
    // The requirements of workspace modules need not agree with each other: load the selected
    // version of every module the main modules reach through selected versions.
    const hasDepsInAll = new Set(input.mainModules.map((m) => m.path));
    const seen = new Set<string>();
    for (;;) {
      const needs = new Map<string, ModuleVersion>();
      for (const p of hasDepsInAll) {
        const m = { path: p, version: graph.selected(p) };
        if (!seen.has(moduleKey(m))) {
          needs.set(moduleKey(m), m);
          continue;
        }
        for (const r of graph.requiredBy(m) ?? []) {
          const s = { path: r.path, version: graph.selected(r.path) };
          if (compareModuleVersions(r.path, s.version, r.version) > 0 && !seen.has(moduleKey(s)))
            needs.set(moduleKey(s), s);
        }
      }
      if (needs.size === 0) break;
      for (const [key, m] of needs) {
        enqueue(m, 'workspace');
        seen.add(key);
        hasDepsInAll.add(m.path);
      }
      await idle();
    }
  }

  if (failures.size > 0) throw graphFailure(graph, failures);
  return { graph, summaries };
}

function graphFailure(graph: RequirementGraph, failures: Map<string, unknown>): ModuleGraphError {
  const chain = graph.findPath((m) => failures.has(moduleKey(m))) ?? [];
  const last = chain[chain.length - 1];
  const key = last ? moduleKey(last) : [...failures.keys()].sort()[0]!;
  const err = failures.get(key);
  const at = key.lastIndexOf('@');
  const [path, version] = [key.slice(0, at), key.slice(at + 1)];
  if (err instanceof GoModLoadError) {
    return new ModuleGraphError(path, version, chain, err.reason, { cause: err.cause ?? err });
  }
  return new ModuleGraphError(path, version, chain, `loading go.mod: ${(err as Error)?.message ?? String(err)}`, {
    cause: err,
  });
}
