/**
 * loadModuleGraph: the module graph of one main module with GOWORK=off, as `go list -m all`
 * (with -mod=mod) computes it. A main module at go ≥ 1.17 has a pruned graph whose roots are
 * its requirements; when a root is not its own selected version, Go raises the root and loads
 * the graph again, until the roots are consistent.
 */
import { InputError } from '../../errors.js';
import { DEFAULT_GO_MOD_VERSION } from '../go-version.js';
import type { MainModule, ModuleSource, ModuleVersion } from '../types.js';
import { compareModules, moduleKey } from './module-key.js';
import { toModuleGraph, type ModuleGraph } from './module-graph.js';
import { readGraph, type LoadMode } from './read-graph.js';
import { ReplaceTable } from './replacements.js';
import { RootsKeys } from './roots-key.js';
import { pruningFor, type SummaryContext } from './summaries.js';

export interface GraphOptions {
  /** Parallel go.mod loads (default 16). */
  concurrency?: number;
}

export function mainModuleVersion(main: MainModule): ModuleVersion {
  const path = main.goMod.module?.path;
  if (!path) throw new InputError('go.mod has no module line', { file: main.goMod.file, line: 1 });
  return { path, version: '' };
}

export function mainGoVersion(main: MainModule): string {
  return main.goMod.go ?? DEFAULT_GO_MOD_VERSION;
}

export function excludedSet(mains: readonly MainModule[]): Set<string> {
  return new Set(mains.flatMap((m) => m.goMod.exclude.map((e) => moduleKey(e))));
}

export function singleModuleContext(main: MainModule, source: ModuleSource): SummaryContext {
  return {
    source,
    replace: new ReplaceTable([{ replace: main.goMod.replace, readLocal: (d) => main.readLocal(d) }]),
    excluded: excludedSet([main]),
  };
}

/** The main module's requirements as graph roots: excluded versions dropped, the go and toolchain lines added. */
export function requirementRoots(main: MainModule, requirements: readonly ModuleVersion[]): ModuleVersion[] {
  // Most main modules exclude nothing: no key is built per requirement then.
  const excluded = main.goMod.exclude.length > 0 ? excludedSet([main]) : null;
  const roots: ModuleVersion[] = [];
  for (const r of requirements)
    if (excluded === null || !excluded.has(moduleKey(r))) roots.push({ path: r.path, version: r.version });
  roots.push({ path: 'go', version: mainGoVersion(main) });
  if (main.goMod.toolchain) roots.push({ path: 'toolchain', version: main.goMod.toolchain });
  return roots.sort(compareModules);
}

function sameRoots(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

/**
 * Graphs of main modules without replace or exclude directives depend on the main module's path,
 * go line and roots alone: shared per source. One plan asks for the same graph many times — the
 * baseline, the guard's simulations, each prediction round — and a workspace's modules share most
 * roots. Failures are not kept (the proxy may recover).
 */
const plainGraphs = new WeakMap<ModuleSource, Map<string, Promise<ModuleGraph>>>();
const MAX_PLAIN_GRAPHS = 2_000;
const rootsKeys = new RootsKeys(200_000);

/** A copy the caller may change without touching the memoised graph. */
function copyGraph(g: ModuleGraph): ModuleGraph {
  return { ...g, mainModules: [...g.mainModules], roots: [...g.roots], list: [...g.list] };
}

/**
 * Loads the graph from `roots` (already sorted); in pruned mode repeats with every root at its
 * selected version (one root per path, none for the main module's own path) until stable.
 */
export async function loadFromRoots(
  main: MainModule,
  source: ModuleSource,
  roots: ModuleVersion[],
  opts: GraphOptions = {},
): Promise<ModuleGraph> {
  if (main.goMod.replace.length > 0 || main.goMod.exclude.length > 0) return settleRoots(main, source, roots, opts);
  let cache = plainGraphs.get(source);
  if (!cache) {
    cache = new Map();
    plainGraphs.set(source, cache);
  }
  const head = `${mainModuleVersion(main).path} ${mainGoVersion(main)}`;
  const keyOf = (rs: readonly ModuleVersion[]) => rootsKeys.key(head, rs);
  const key = keyOf(roots);
  let p = cache.get(key);
  if (!p) {
    const entries = cache;
    const settling = settleRoots(main, source, roots, opts);
    p = settling;
    p.catch(() => entries.delete(key));
    entries.set(key, p);
    // Loading from the settled roots reads the same graph once more: keep it under them too, for
    // the go.mod that go get (as predicted) writes from them.
    p.then(
      (g) => {
        // Roots that were settled already come back as they went in: the same key.
        if (g.roots === roots) return;
        const settled = keyOf(g.roots);
        if (!entries.has(settled)) entries.set(settled, settling);
      },
      () => undefined,
    );
    if (entries.size > MAX_PLAIN_GRAPHS) entries.delete(entries.keys().next().value!);
  }
  return copyGraph(await p);
}

async function settleRoots(
  main: MainModule,
  source: ModuleSource,
  roots: ModuleVersion[],
  opts: GraphOptions,
): Promise<ModuleGraph> {
  const mainVersion = mainModuleVersion(main);
  const mode: LoadMode = pruningFor(mainGoVersion(main));
  const ctx = singleModuleContext(main, source);
  for (;;) {
    const { graph, summaries } = await readGraph({
      ctx,
      mode,
      mainModules: [mainVersion],
      roots,
      concurrency: opts.concurrency,
    });
    if (mode === 'unpruned') {
      return toModuleGraph(mode, [mainVersion], roots, graph, summaries, mainGoVersion(main));
    }
    // Nearly every read ends with roots that are settled already: that needs no new list to tell.
    if (settledAlready(roots, mainVersion.path, (path) => graph.selected(path)))
      return toModuleGraph(mode, [mainVersion], roots, graph, summaries, mainGoVersion(main));
    const seen = new Set([mainVersion.path]);
    const next: ModuleVersion[] = [];
    for (const r of roots) {
      if (seen.has(r.path)) continue;
      seen.add(r.path);
      next.push({ path: r.path, version: graph.selected(r.path) });
    }
    if (sameRoots(next, roots)) return toModuleGraph(mode, [mainVersion], roots, graph, summaries, mainGoVersion(main));
    roots = next;
  }
}

/**
 * Whether `roots` are strictly in path order, none of them `mainPath`, and each at its selected
 * version: then the next round's roots (one per path, the main module's path left out, each at
 * its selected version) are these same roots. False only means "compare them the long way".
 */
function settledAlready(
  roots: readonly ModuleVersion[],
  mainPath: string,
  selected: (path: string) => string,
): boolean {
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i]!;
    if (r.path === mainPath || (i > 0 && !(roots[i - 1]!.path < r.path))) return false;
    if (selected(r.path) !== r.version) return false;
  }
  return true;
}

/** The module graph of `main` with GOWORK=off. */
export async function loadModuleGraph(
  main: MainModule,
  source: ModuleSource,
  opts: GraphOptions = {},
): Promise<ModuleGraph> {
  return loadFromRoots(main, source, requirementRoots(main, main.goMod.require), opts);
}
