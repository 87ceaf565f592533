export { buildList, type BuildList } from './build-list.js';
export { diffBuildLists, type BuildListChange } from './build-list-diff.js';
export { GoModLoadError, ModuleGraphError } from './errors.js';
export { GoLineBound } from './go-line-bound.js';
export { LoadedPackagesUnknown } from './loaded-packages.js';
export { loadModuleGraph, type GraphOptions } from './load-graph.js';
export type { ModuleGraph } from './module-graph.js';
export { providersToList, simulateGet, type GetConflict, type SimulatedGet } from './simulate-get.js';
export {
  closesOverTests,
  loadAll,
  packagesFromSource,
  providersOf,
  simulateTidy,
  TidyUnknown,
  type LoadedAll,
  type LoadedPackage,
  type PackageWorld,
  type SimulatedTidy,
  type TidyInput,
} from './simulate-tidy.js';
export { fetchGoMod } from './summaries.js';
export type { GoModOrigin, ModSummary, Pruning } from './summaries.js';
export { loadWorkspaceGraph, type Workspace } from './workspace.js';
