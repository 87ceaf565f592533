/**
 * A cheap proof, per candidate, that `go get path@version` in one module (GOWORK=off) keeps every
 * go line it touches at or below a limit — without loading the whole graph again. Simulating the
 * get rebuilds the module's graph from all its roots; this reads only what the bump can add: the
 * go.mod of the candidate and of the root versions it could raise, whose summaries every module
 * of the repository shares.
 *
 * Sound, not complete: `allows` answers true only when the simulated get could not need more, and
 * false whenever it cannot tell (untidy go.mod, an unpruned main module, a go.mod it cannot read).
 * The caller then simulates, so the guard's answer is the same either way.
 *
 * Why it holds, for a pruned main module whose roots are already their selected versions: after
 * the get, roots only rise, and a root can only rise to a version some newly loaded go.mod asks
 * for; so every go.mod the new graph loads is a baseline one or one reached from the candidate
 * through raised roots, and each path's selected version is the highest some loaded go.mod asks
 * for. A module moves up to a version one of the new go.mod files names, or — when the go.mod
 * that asked for it is dropped — down to a version one of the remaining ones names; the guard
 * reads the go line of every such version.
 */
import { compareGoVersions, DEFAULT_GO_MOD_VERSION, PRUNING_GO_VERSION } from '../go-version.js';
import type { MainModule, ModuleSource, ModuleVersion } from '../types.js';
import {
  compareModuleVersionKeys,
  compareModuleVersions,
  moduleVersionKey,
  type ModuleVersionKey,
} from '../version.js';
import { mainModuleVersion, singleModuleContext } from './load-graph.js';
import { isToolchainModule, moduleKey } from './module-key.js';
import { footprint, footprints, isPlainContext, pathId, type Footprint } from './footprint.js';
import { fetchGoMod, type SummaryContext } from './summaries.js';

function maxGo(a: string, b: string | null): string {
  return b !== null && compareGoVersions(b, a) > 0 ? b : a;
}

/** What a candidate's get may raise in one module, from the footprints alone. */
interface Closure {
  /** Footprints of every root version the get may pass through, by path. */
  rising: Map<string, Footprint[]>;
  /** Versions above today's selected one that some rising go.mod asks for. */
  moved: ModuleVersion[];
  /** The highest go edge of the rising go.mod files. */
  goEdge: string | null;
  /**
   * Every path the walk looked at, with what decided each step there: another module where every
   * one of them decides the same walks the same steps. Null: not to be shared.
   */
  touched: Map<number, Touched> | null;
  /** The highest go line among `moved`, once some module has asked (null: none declares one). */
  movedGo?: Promise<string | null>;
}

/**
 * One path's entries as the walk judged them: the highest version it found at or below today's
 * selected one, the lowest above it, and whether the path is a root (which matters once one is above).
 */
interface Touched {
  atOrBelow?: ModuleVersionKey;
  above?: ModuleVersionKey;
  root: boolean;
}

/**
 * Closures of one candidate, walked in modules without replace or exclude directives (whose
 * footprints are shared per source): the modules of a repository ask about the same candidates,
 * and many see the same versions along the way. Kept few: a closure holds a footprint list per
 * rising path, and a worker's source lives long.
 */
const closures = new WeakMap<ModuleSource, Map<string, Promise<Closure>[]>>();
const MAX_CLOSURE_CANDIDATES = 1_000;
const MAX_CLOSURES_PER_CANDIDATE = 4;

function sharedClosures(source: ModuleSource, candidate: string): Promise<Closure>[] {
  let bySource = closures.get(source);
  if (!bySource) {
    bySource = new Map();
    closures.set(source, bySource);
  }
  let list = bySource.get(candidate);
  if (!list) {
    list = [];
    bySource.set(candidate, list);
    if (bySource.size > MAX_CLOSURE_CANDIDATES) bySource.delete(bySource.keys().next().value!);
  }
  return list;
}

export class GoLineBound {
  private constructor(
    private readonly ctx: SummaryContext,
    private readonly source: ModuleSource,
    private readonly mainPath: string,
    /** Each root path's version in go.mod, which is also its selected version today. */
    private readonly roots: ReadonlyMap<string, string>,
    private readonly selected: ReadonlyMap<string, string>,
    /**
     * `selected` with compare keys, indexed by pathId (footprint.ts): the walk looks up every
     * footprint entry, and an index is cheaper than hashing its path. Undefined: not selected.
     */
    private readonly selectedById: readonly (ModuleVersionKey | undefined)[],
    /** 1 at the pathId of each root. */
    private readonly rootById: Uint8Array,
    private readonly mainId: number,
    /** The graph's go version today: the main go line or any loaded go.mod's `go@X` edge. */
    private baselineGo: string,
  ) {}

  /**
   * The bound for one module, or null when the module is outside what the proof covers: an
   * unpruned main module, excluded or duplicate requirements, or roots below their selected version.
   */
  static async create(
    main: MainModule,
    source: ModuleSource,
    baseline: readonly ModuleVersion[],
  ): Promise<GoLineBound | null> {
    const mainGo = main.goMod.go ?? DEFAULT_GO_MOD_VERSION;
    if (compareGoVersions(mainGo, PRUNING_GO_VERSION) < 0) return null;
    const mainPath = mainModuleVersion(main).path;
    const selected = new Map(baseline.map((m) => [m.path, m.version]));
    const excluded = new Set(main.goMod.exclude.map((e) => moduleKey(e)));
    const roots = new Map<string, string>();
    for (const r of main.goMod.require) {
      if (r.path === mainPath || isToolchainModule(r.path)) return null;
      if (roots.has(r.path) || excluded.has(moduleKey(r)) || selected.get(r.path) !== r.version) return null;
      roots.set(r.path, r.version);
    }
    const ctx = singleModuleContext(main, source);
    const ids = baseline.map((m) => pathId(m.path));
    const rootIds = [...roots.keys()].map(pathId);
    const mainId = pathId(mainPath);
    const size = Math.max(mainId, ...ids, ...rootIds) + 1;
    const selectedById = new Array<ModuleVersionKey | undefined>(size).fill(undefined);
    for (const [i, m] of baseline.entries()) selectedById[ids[i]!] = moduleVersionKey(m.path, m.version);
    const rootById = new Uint8Array(size);
    for (const id of rootIds) rootById[id] = 1;
    const bound = new GoLineBound(ctx, source, mainPath, roots, selected, selectedById, rootById, mainId, mainGo);
    for (const fp of await Promise.all([...roots].map(([path, version]) => bound.footprint({ path, version })))) {
      bound.baselineGo = maxGo(bound.baselineGo, fp.goEdge);
    }
    return bound;
  }

  /** What loading `root` reads (footprint.ts): shared with graph reads through the same context. */
  private footprint(root: ModuleVersion): Promise<Footprint> {
    return footprint(this.ctx, root);
  }

  /**
   * Paths that may be selected lower after the get, with every version they could settle on. A
   * root that may rise drops the go.mod of its old version; a path that go.mod asked for at
   * today's selected version stays there if a root that keeps its version, the main module, or
   * every version a rising root may settle on still asks that much. Otherwise it may fall to
   * what some remaining go.mod asks for — a version that then counts as moved. Null: the
   * baseline does not say (a path outside today's build list).
   */
  private async mayDrop(c: Closure, path: string, from: string): Promise<ModuleVersion[] | null> {
    const { rising } = c;
    const { providers, asks } = await this.index();
    const out: ModuleVersion[] = [];
    const dropping = new Set<string>();
    const risingFootprints = [...rising.values()];
    for (const r of rising.keys()) {
      const old = await this.footprint({ path: r, version: r === path ? from : this.roots.get(r)! });
      for (const { path: m, key: k, id } of old.entries) {
        if (m === r || isToolchainModule(m) || id === this.mainId || this.rootById[id] === 1 || dropping.has(m))
          continue;
        const todayKey = this.selectedById[id];
        if (todayKey === undefined) return null;
        if (compareModuleVersionKeys(k, todayKey) < 0) continue;
        const today = todayKey.version;
        if ((providers.get(m) ?? []).some((q) => !rising.has(q))) continue;
        const held = risingFootprints.some((fps) =>
          fps.every((fp) => {
            const n = fp.highest.get(m);
            return n !== undefined && compareModuleVersions(m, n, today) >= 0;
          }),
        );
        if (held) continue;
        dropping.add(m);
        const lower = new Set(asks.get(m) ?? []);
        for (const fps of risingFootprints) for (const fp of fps) lower.add(fp.highest.get(m) ?? today);
        for (const w of lower) if (compareModuleVersions(m, w, today) < 0) out.push({ path: m, version: w });
      }
    }
    return out;
  }

  private baselineIndex: Promise<{ providers: Map<string, string[]>; asks: Map<string, Set<string>> }> | null = null;

  /**
   * From the roots' go.mod files today: for each path, the roots that ask for its selected
   * version (providers), and every version any root's footprint asks for at most (asks).
   */
  private index(): Promise<{ providers: Map<string, string[]>; asks: Map<string, Set<string>> }> {
    this.baselineIndex ??= (async () => {
      const providers = new Map<string, string[]>();
      const asks = new Map<string, Set<string>>();
      for (const [root, version] of this.roots) {
        const fp = await this.footprint({ path: root, version });
        for (const [m, v] of fp.highest) {
          if (m === root) continue;
          if (this.selected.get(m) === v) {
            const list = providers.get(m);
            if (list) list.push(root);
            else providers.set(m, [root]);
          }
          const versions = asks.get(m);
          if (versions) versions.add(v);
          else asks.set(m, new Set([v]));
        }
      }
      return { providers, asks };
    })();
    return this.baselineIndex;
  }

  /** True when the get provably raises neither the graph's go version nor any moved module's go line past `limit`. */
  async allows(path: string, version: string, limit: string): Promise<boolean> {
    const from = this.roots.get(path);
    if (from === undefined || compareGoVersions(this.baselineGo, limit) > 0) return false;
    try {
      return await this.walk(path, version, from, limit);
    } catch {
      // A go.mod the proof wanted could not be read: let the simulation say what that means.
      return false;
    }
  }

  private async walk(path: string, version: string, from: string, limit: string): Promise<boolean> {
    const c = await this.closure(path, version);
    // A loaded go.mod that asks for a newer Go: the get raises the go line.
    if (c.goEdge !== null && compareGoVersions(c.goEdge, limit) > 0) return false;
    const dropped = await this.mayDrop(c, path, from);
    if (!dropped) return false;
    // The go line of every version a module could move to (as the guard reads it: the module's own go.mod).
    // The moved versions belong to the closure, which modules share: their highest go line is read once.
    if (!c.movedGo) {
      const p = this.highestGo(c.moved);
      // A go.mod that could not be read this time may be readable for the next module.
      p.catch(() => c.movedGo === p && delete c.movedGo);
      c.movedGo = p;
    }
    const movedGo = await c.movedGo;
    if (movedGo !== null && compareGoVersions(movedGo, limit) > 0) return false;
    const droppedGo = await this.highestGo(dropped);
    return droppedGo === null || compareGoVersions(droppedGo, limit) <= 0;
  }

  /** The highest go line the go.mod files of `versions` declare; null when none declares one. */
  private async highestGo(versions: readonly ModuleVersion[]): Promise<string | null> {
    const gos = await Promise.all(versions.map((m) => fetchGoMod(this.source, m.path, m.version).then((g) => g.go)));
    let best: string | null = null;
    for (const g of gos) best = g === null ? best : maxGo(g, best);
    return best;
  }

  /**
   * What the get may raise, read from the footprints: taken from another module's walk of the
   * same candidate when that walk saw this module's build list (closures.ts says when), else walked.
   */
  private async closure(path: string, version: string): Promise<Closure> {
    if (!isPlainContext(this.ctx)) return this.walkClosure(path, version);
    // Walks of the same candidate in other modules run at the same time: wait for them, they may fit.
    const shared = sharedClosures(this.source, `${path}@${version}`);
    for (const p of [...shared]) {
      const c = await p.catch(() => null);
      if (c?.touched && this.sees(c)) return c;
    }
    const mine = this.walkClosure(path, version);
    shared.push(mine);
    if (shared.length > MAX_CLOSURES_PER_CANDIDATE) shared.shift();
    return mine;
  }

  /** Whether a closure walked in another module holds here: every path it looked at looks the same. */
  private sees(c: Closure): boolean {
    for (const [p, t] of c.touched!) {
      if (p === this.mainId) return false;
      const today = this.selectedById[p];
      if (t.atOrBelow && (today === undefined || compareModuleVersionKeys(t.atOrBelow, today) > 0)) return false;
      if (t.above && today !== undefined && compareModuleVersionKeys(t.above, today) <= 0) return false;
      if (t.above && (this.rootById[p] === 1) !== t.root) return false;
    }
    return true;
  }

  private async walkClosure(path: string, version: string): Promise<Closure> {
    // Root versions the get may pass through: above go.mod's for every root (which is also the
    // root's selected version today), above the bump for its own path. One pass per footprint
    // entry: a version above today's is one a module could move to; on a root, one the get raises.
    // Paths are looked up by pathId, and versions met are remembered per path: a walk meets
    // thousands of entries, and hashing a fresh `path@version` string for each cost more than the
    // walk's own logic.
    const candidate = { path, version };
    const candidateKey = moduleVersionKey(path, version);
    const candidateId = pathId(path);
    const visited = new Map<number, Set<string>>([[candidateId, new Set([version])]]);
    const rising = new Map<string, Footprint[]>();
    const moved: ModuleVersion[] = [];
    const movedKeys = new Map<number, Set<string>>();
    let goEdge: string | null = null;
    // Each path looked at, with what decided the step there: its selected version and whether it is a root.
    let touched: Map<number, Touched> | null = new Map();
    const { selectedById, rootById, mainId } = this;
    let frontier: ModuleVersion[] = [candidate];
    while (frontier.length > 0) {
      const fps = await footprints(this.ctx, frontier);
      const next: ModuleVersion[] = [];
      for (const [i, fp] of fps.entries()) {
        const r = frontier[i]!;
        const list = rising.get(r.path);
        if (list) list.push(fp);
        else rising.set(r.path, [fp]);
        if (fp.goEdge !== null && (goEdge === null || compareGoVersions(fp.goEdge, goEdge) > 0)) goEdge = fp.goEdge;
        for (const { path: p, key: k, id } of fp.entries) {
          if (isToolchainModule(p)) continue;
          if (id === mainId) {
            // Another module would walk on through this path: the closure is this module's alone.
            touched = null;
            continue;
          }
          const v = k.version;
          const today = selectedById[id];
          const above = today === undefined || (v !== today.version && compareModuleVersionKeys(k, today) > 0);
          if (touched) {
            let t = touched.get(id);
            if (!t) touched.set(id, (t = { root: rootById[id] === 1 }));
            if (above) {
              if (!t.above || compareModuleVersionKeys(k, t.above) < 0) t.above = k;
            } else if (!t.atOrBelow || compareModuleVersionKeys(k, t.atOrBelow) > 0) t.atOrBelow = k;
          }
          if (above && addOnce(movedKeys, id, v)) moved.push({ path: p, version: v });
          const raises =
            id === candidateId
              ? v !== version && compareModuleVersionKeys(k, candidateKey) > 0
              : above && rootById[id] === 1;
          if (raises && addOnce(visited, id, v)) next.push({ path: p, version: v });
        }
      }
      frontier = next;
    }
    return { rising, moved, goEdge, touched };
  }
}

/** Adds `version` to the versions met at `id`; false when it was there already. */
function addOnce(met: Map<number, Set<string>>, id: number, version: string): boolean {
  const versions = met.get(id);
  if (!versions) {
    met.set(id, new Set([version]));
    return true;
  }
  if (versions.has(version)) return false;
  versions.add(version);
  return true;
}
