/**
 * The loaded module graph of one main module (or a workspace), with what callers ask of it: the
 * build list `go list -m all` prints, each path's selected version, every loaded go.mod, and
 * the Go version the graph demands.
 */
import { compareGoVersions } from '../go-version.js';
import type { ModuleVersion } from '../types.js';
import type { SelectedGraph } from './graph.js';
import { isToolchainModule } from './module-key.js';
import type { LoadMode } from './read-graph.js';
import type { ModSummary } from './summaries.js';

export interface ModuleGraph {
  pruning: LoadMode;
  /** Main modules, version "" (one outside workspace mode). */
  mainModules: ModuleVersion[];
  /**
   * The requirement roots the graph was finally loaded from: the main module's requirements,
   * each raised to its selected version (as `go` rewrites go.mod with -mod=mod).
   */
  roots: ModuleVersion[];
  /** `go list -m all`: main modules first, then every other path at its selected version, by path. */
  list: ModuleVersion[];
  /** Selected version of `path`; "none" when absent, "" for a main module. */
  selected(path: string): string;
  /** Requirements of a module version, or undefined when its go.mod was not loaded. */
  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined;
  /** Every loaded go.mod by `path@version` of its node (requirements include the `go@X` edge). */
  modFiles: ReadonlyMap<string, ModSummary>;
  /** The Go version the graph requires: the main go line or any loaded go.mod's go ≥ 1.21. */
  maxGo: string;
  /** `path@version` of a loaded go.mod that asks for `maxGo`; null when the main module's own go line is the max. */
  maxGoFrom: string | null;
}

export function toModuleGraph(
  pruning: LoadMode,
  mainModules: ModuleVersion[],
  roots: ModuleVersion[],
  graph: SelectedGraph,
  summaries: ReadonlyMap<string, ModSummary>,
  mainGo: string,
): ModuleGraph {
  const maxGo = graph.selected('go');
  let maxGoFrom: string | null = null;
  if (compareGoVersions(maxGo, mainGo) > 0) {
    const from = [...summaries.entries()]
      .filter(([, s]) => !isToolchainModule(s.module.path) && s.go !== null && compareGoVersions(s.go, maxGo) === 0)
      .map(([key]) => key)
      .sort();
    maxGoFrom = from[0] ?? null;
  }
  return {
    pruning,
    mainModules,
    roots,
    list: graph.buildList().filter((m) => !isToolchainModule(m.path)),
    selected: (path) => graph.selected(path),
    requiredBy: (m) => graph.requiredBy(m),
    modFiles: summaries,
    maxGo,
    maxGoFrom,
  };
}
