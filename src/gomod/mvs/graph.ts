/**
 * The requirement graph as Minimal Version Selection sees it: nodes are module versions, edges
 * are go.mod requirements, and each path's selected version is the highest version of it found
 * anywhere in the graph. A main module has the empty version, which outranks every other.
 */
import type { ModuleVersion } from '../types.js';
import { compareModuleVersions } from '../version.js';
import { moduleKey } from './module-key.js';

export function compareGraphVersions(path: string, a: string, b: string): number {
  if (b === '') return a === '' ? 0 : -1;
  if (a === '') return 1;
  return compareModuleVersions(path, a, b);
}

/** What a loaded graph answers: selected versions, the build list, and each loaded node's requirements. */
export interface SelectedGraph {
  selected(path: string): string;
  buildList(): ModuleVersion[];
  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined;
}

/** Go's build-list order: the roots' paths first (in root order), then every other path by path. */
export function buildListOf(roots: readonly ModuleVersion[], chosen: ReadonlyMap<string, string>): ModuleVersion[] {
  const seen = new Set<string>();
  const head: ModuleVersion[] = [];
  for (const r of roots) {
    if (seen.has(r.path)) continue;
    seen.add(r.path);
    const v = chosen.get(r.path) ?? 'none';
    if (v !== 'none') head.push({ path: r.path, version: v });
  }
  // One version per path: ordering by path alone is compareModules' order, and the default sort
  // (UTF-16 code units, as compareModules' `<`) orders strings without calling back into JS.
  const rest: string[] = [];
  for (const [path, version] of chosen) if (!seen.has(path) && version !== 'none') rest.push(path);
  rest.sort();
  for (const path of rest) head.push({ path, version: chosen.get(path)! });
  return head;
}

export class RequirementGraph implements SelectedGraph {
  // By path, then version: lookups by the strings a node already holds, not a `path@version` key
  // built per edge (a workspace read visits hundreds of thousands of edges).
  private readonly required = new Map<string, Map<string, ModuleVersion[]>>();
  private readonly reachable = new Map<string, Set<string>>();
  private readonly chosen = new Map<string, string>();

  constructor(readonly roots: readonly ModuleVersion[]) {
    for (const m of roots) this.reach(m);
  }

  private reach(m: ModuleVersion): void {
    const versions = this.reachable.get(m.path);
    if (versions) versions.add(m.version);
    else this.reachable.set(m.path, new Set([m.version]));
    if (compareGraphVersions(m.path, this.selected(m.path), m.version) < 0) this.chosen.set(m.path, m.version);
  }

  /** Records the requirements of `m` (once); `m` must already be reachable. */
  require(m: ModuleVersion, reqs: readonly ModuleVersion[]): void {
    if (!this.reachable.get(m.path)?.has(m.version))
      throw new Error(`internal error: ${moduleKey(m)} is not reachable from any root`);
    let versions = this.required.get(m.path);
    if (!versions) {
      versions = new Map();
      this.required.set(m.path, versions);
    }
    if (versions.has(m.version)) throw new Error(`internal error: requirements of ${moduleKey(m)} recorded twice`);
    versions.set(m.version, [...reqs]);
    for (const r of reqs) this.reach(r);
  }

  /** The requirements of `m`, or undefined when its go.mod was not loaded (pruned out). */
  requiredBy(m: ModuleVersion): readonly ModuleVersion[] | undefined {
    return this.required.get(m.path)?.get(m.version);
  }

  /** The selected version of `path`, "none" when the path is not in the graph. */
  selected(path: string): string {
    return this.chosen.get(path) ?? 'none';
  }

  /** Every path's selected version: roots' paths first (in root order), then the rest by path. */
  buildList(): ModuleVersion[] {
    return buildListOf(this.roots, this.chosen);
  }

  /** The shortest requirement chain from a root to the first node (breadth-first) matching `f`. */
  findPath(f: (m: ModuleVersion) => boolean): ModuleVersion[] | null {
    const parent = new Map<string, ModuleVersion | null>();
    const queue: ModuleVersion[] = [];
    for (const r of this.roots) {
      if (parent.has(moduleKey(r))) continue;
      parent.set(moduleKey(r), null);
      queue.push(r);
    }
    for (let i = 0; i < queue.length; i++) {
      const m = queue[i]!;
      if (f(m)) {
        const chain: ModuleVersion[] = [];
        for (let at: ModuleVersion | null | undefined = m; at; at = parent.get(moduleKey(at))) chain.unshift(at);
        return chain;
      }
      for (const r of this.requiredBy(m) ?? []) {
        if (parent.has(moduleKey(r))) continue;
        parent.set(moduleKey(r), m);
        queue.push(r);
      }
    }
    return null;
  }
}
