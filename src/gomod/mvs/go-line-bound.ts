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
import {
  entryAt,
  entryOf,
  footprints,
  footprintsOf,
  pathId,
  type Footprint,
  type FootprintEntry,
} from './footprint.js';
import { fetchGoMod, type SummaryContext } from './summaries.js';

/** The toolchain paths' ids (isToolchainModule), for walks that test every entry. */
const GO_ID = pathId('go');
const TOOLCHAIN_ID = pathId('toolchain');

function maxGo(a: string, b: string | null): string {
  // Most go lines met are the same few: equal ones need no parse.
  return b !== null && b !== a && compareGoVersions(b, a) > 0 ? b : a;
}

/** What a candidate's get may raise in one module, from the footprints alone. */
interface Closure {
  /** Footprints of every root version the get may pass through, by the root's pathId. */
  rising: Map<number, Footprint[]>;
  /** The path of each pathId in `rising`. */
  risingPaths: Map<number, string>;
  /** How this module sees each of those footprints: their entries above today's build list. */
  steps: Step[];
  /** The highest go edge of the rising go.mod files. */
  goEdge: string | null;
}

/**
 * One footprint as one module sees it, whatever the candidate: its entries above the module's
 * selected version (or outside its build list). The module's candidates pass through the same
 * footprints again and again (the newest release of a shared dependency, of its requirements),
 * so each is judged once per module, and a walk then steps over its few entries above.
 */
interface Step {
  /** Entries above today's selected version; toolchain paths and the main module's own left out. */
  above: FootprintEntry[];
  /** Those of `above` at a root's path: the versions a get may raise the root to. */
  raises: FootprintEntry[];
  /** The highest go line the go.mod files of `above` declare (null: none declares one), or its read. */
  aboveGo?: GoLine | Promise<GoLine>;
}

/**
 * A root's go.mod today as one module sees it, for when that root rises: the entries that ask
 * for today's selected version, each with the roots that ask as much (which keep it there unless
 * they rise too). Null: an entry outside today's build list, which the proof cannot judge.
 */
type Kept = { path: string; id: number; today: ModuleVersionKey; providers: readonly number[] }[] | null;

type GoLine = string | null;

/** A root version as one module's walks meet it: its footprint, and the step that footprint is. */
interface Visit {
  fp: Footprint;
  step: Step;
}

/**
 * Go lines of module versions, by pathId and version: each guard walk reads the go lines of the
 * hundred or so versions it could move, mostly the same ones, and a lookup here spares a promise
 * and a `path@version` string per version. A read under way is kept too, so the walks of many
 * modules at once read each go.mod once. A go.mod never changes; failures are not kept.
 */
interface GoLines {
  size: number;
  byId: Map<number, Map<string, GoLine | Promise<GoLine>>>;
}
const goLines = new WeakMap<ModuleSource, GoLines>();
const MAX_GO_LINES = 50_000;

/**
 * The go line of `m` through `source`: known already, or being read. A source with a base takes
 * the base's answer wherever the base can read, and what only it answers stays its own.
 */
function goLineOf(source: ModuleSource, m: FootprintEntry): GoLine | Promise<GoLine> {
  if (source.base) {
    const viaBase = goLineOf(source.base, m);
    if (!(viaBase instanceof Promise)) return viaBase;
    return viaBase.catch(() => fetchGoMod(source, m.path, m.key.version).then((g) => g.go));
  }
  if (m.goLineSource === source) return m.goLine;
  let known = goLines.get(source);
  if (!known) goLines.set(source, (known = { size: 0, byId: new Map() }));
  const v = m.key.version;
  const have = known.byId.get(m.id)?.get(v);
  if (have !== undefined) {
    if (!(have instanceof Promise)) {
      m.goLine = have;
      m.goLineSource = source;
    }
    return have;
  }
  if (known.size >= MAX_GO_LINES) {
    known.byId.clear();
    known.size = 0;
  }
  let versions = known.byId.get(m.id);
  if (!versions) known.byId.set(m.id, (versions = new Map()));
  const byVersion = versions;
  const kept = known;
  const p = fetchGoMod(source, m.path, v).then((g) => g.go);
  byVersion.set(v, p);
  kept.size++;
  p.then(
    (go) => {
      m.goLine = go;
      m.goLineSource = source;
      if (byVersion.get(v) === p) byVersion.set(v, go);
    },
    () => {
      if (byVersion.get(v) !== p) return;
      byVersion.delete(v);
      kept.size--;
    },
  );
  return p;
}

export class GoLineBound {
  private constructor(
    private readonly ctx: SummaryContext,
    private readonly source: ModuleSource,
    /** Each root path's version in go.mod, which is also its selected version today. */
    private readonly roots: ReadonlyMap<string, string>,
    /**
     * Each selected version, indexed by pathId (footprint.ts): the walk looks up every footprint
     * entry, and an index is cheaper than hashing its path. Undefined: not selected.
     */
    private readonly selectedById: readonly (string | undefined)[],
    /** 1 at the pathId of each root. */
    private readonly rootById: Uint8Array,
    private readonly mainId: number,
    /** The graph's go version today: the main go line or any loaded go.mod's `go@X` edge. */
    private baselineGo: string,
  ) {}

  /** Each root's footprint today, read by create(). */
  private rootFootprints: { root: string; id: number; fp: Footprint }[] = [];
  /** The same footprints by the root's pathId. */
  private readonly rootFootprintById = new Map<number, Footprint>();

  /** Each footprint a walk passed through, as this module sees it (Step). */
  private readonly steps = new Map<Footprint, Step>();
  /**
   * Each root version a walk passed through, with its footprint and step: a later walk that
   * meets the version again takes both with one lookup instead of two.
   */
  private readonly visits = new Map<FootprintEntry, Visit>();
  /** Each root's Kept, built once from its footprint: every candidate that raises the root asks again. */
  private readonly kept = new Map<number, Kept>();

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
    const mainId = pathId(mainPath);
    const rootIds = main.goMod.require.map((r) => pathId(r.path));
    const ids = baseline.map((m) => pathId(m.path));
    let size = mainId + 1;
    for (const id of ids) if (id >= size) size = id + 1;
    for (const id of rootIds) if (id >= size) size = id + 1;
    const selectedById = new Array<string | undefined>(size).fill(undefined);
    for (let i = 0; i < baseline.length; i++) selectedById[ids[i]!] = baseline[i]!.version;
    const excluded = new Set(main.goMod.exclude.map((e) => moduleKey(e)));
    const roots = new Map<string, string>();
    const rootById = new Uint8Array(size);
    for (let i = 0; i < main.goMod.require.length; i++) {
      const r = main.goMod.require[i]!;
      if (r.path === mainPath || isToolchainModule(r.path)) return null;
      const id = rootIds[i]!;
      if (roots.has(r.path) || excluded.has(moduleKey(r)) || selectedById[id] !== r.version) return null;
      roots.set(r.path, r.version);
      rootById[id] = 1;
    }
    const ctx = singleModuleContext(main, source);
    const bound = new GoLineBound(ctx, source, roots, selectedById, rootById, mainId, mainGo);
    bound.todayKeys = new Array<ModuleVersionKey | undefined>(size);
    const fps = await footprints(
      ctx,
      [...roots].map(([path, version]) => ({ path, version })),
    );
    bound.rootFootprints = [...roots.keys()].map((root, i) => ({ root, id: pathId(root), fp: fps[i]! }));
    for (const { id, fp } of bound.rootFootprints) bound.rootFootprintById.set(id, fp);
    for (const fp of fps) bound.baselineGo = maxGo(bound.baselineGo, fp.goEdge);
    return bound;
  }

  /**
   * Paths that may be selected lower after the get, with every version they could settle on. A
   * root that may rise drops the go.mod of its old version; a path that go.mod asked for at
   * today's selected version stays there if a root that keeps its version, the main module, or
   * every version a rising root may settle on still asks that much. Otherwise it may fall to
   * what some remaining go.mod asks for — a version that then counts as moved. Null: the
   * baseline does not say (a path outside today's build list).
   */
  private mayDrop(c: Closure): FootprintEntry[] | null {
    const { rising, risingPaths } = c;
    const kept: NonNullable<Kept>[] = [];
    for (const r of rising.keys()) {
      const k = this.keptOf(r, risingPaths.get(r)!);
      if (k === null) return null;
      kept.push(k);
    }
    const out: FootprintEntry[] = [];
    const dropping = new Set<number>();
    const risingFootprints = [...rising.values()];
    // Indexed loops here and below: a short plan runs much of this before it is optimized, where
    // a for-of allocates an iterator result per step.
    for (let l = 0; l < kept.length; l++) {
      const list = kept[l]!;
      for (let j = 0; j < list.length; j++) {
        const { path: m, id, today, providers } = list[j]!;
        if (dropping.has(id) || !allRising(providers, rising)) continue;
        // Those that ask for it today, risen, mostly still do: asked first.
        if (someAsksAtLeast(providers, rising, id, today)) continue;
        if (anyAsksAtLeast(risingFootprints, id, today)) continue;
        dropping.add(id);
        // One entry per version (footprint.ts): a set of entries is a set of versions.
        const lower = new Set(this.asks(m, id));
        for (let f = 0; f < risingFootprints.length; f++) {
          const fps = risingFootprints[f]!;
          for (let g = 0; g < fps.length; g++) {
            const e = entryAt(fps[g]!, id);
            if (e !== undefined) lower.add(e);
          }
        }
        for (const e of lower) if (compareModuleVersionKeys(e.key, today) < 0) out.push(e);
      }
    }
    return out;
  }

  /** Kept of one root (at its version today), from the footprint create() read for it. */
  private keptOf(rootId: number, root: string): Kept {
    let k = this.kept.get(rootId);
    if (k === undefined) {
      k = this.readKept(root, this.rootFootprintById.get(rootId)!);
      this.kept.set(rootId, k);
    }
    return k;
  }

  private readKept(r: string, old: Footprint): Kept {
    const providers = this.providers();
    const out: NonNullable<Kept> = [];
    const entries = old.entries;
    for (let i = 0; i < entries.length; i++) {
      const { path: m, key: k, id } = entries[i]!;
      if (m === r || isToolchainModule(m) || id === this.mainId || this.rootById[id] === 1) continue;
      if (this.selectedById[id] === undefined) return null;
      const today = this.todayKey(m, id)!;
      if (compareModuleVersionKeys(k, today) < 0) continue;
      out.push({ path: m, id, today, providers: providers[id] ?? NO_PROVIDERS });
    }
    return out;
  }

  private providersById: (number[] | undefined)[] | null = null;

  /**
   * For each pathId, the roots whose go.mod files today ask for its selected version: built on
   * first use, from the footprints create() read.
   */
  private providers(): (number[] | undefined)[] {
    if (this.providersById) return this.providersById;
    // By pathId, as selectedById: only selected paths get a list.
    const providers = new Array<number[] | undefined>(this.selectedById.length).fill(undefined);
    for (const { id: rootId, fp } of this.rootFootprints) {
      const entries = fp.entries;
      for (let i = 0; i < entries.length; i++) {
        const { key: k, id } = entries[i]!;
        if (id === rootId || this.selectedById[id] !== k.version) continue;
        const list = providers[id];
        if (list) list.push(rootId);
        else providers[id] = [rootId];
      }
    }
    this.providersById = providers;
    return providers;
  }

  /** asks() by pathId, for the paths some candidate may drop: the same few, candidate after candidate. */
  private readonly asked = new Map<number, FootprintEntry[]>();

  /** Every version some root's go.mod files today ask for at `m` (at most). */
  private asks(m: string, id: number): FootprintEntry[] {
    let out = this.asked.get(id);
    if (!out) {
      out = [];
      for (const { root, fp } of this.rootFootprints) {
        const e = root === m ? undefined : entryAt(fp, id);
        if (e !== undefined) out.push(e);
      }
      this.asked.set(id, out);
    }
    return out;
  }

  /** True when the get provably raises neither the graph's go version nor any moved module's go line past `limit`. */
  async allows(path: string, version: string, limit: string): Promise<boolean> {
    const from = this.roots.get(path);
    if (from === undefined || compareGoVersions(this.baselineGo, limit) > 0) return false;
    // The walk steps only over entries above today's versions: a candidate must be one of them.
    if (compareModuleVersions(path, version, from) <= 0) return false;
    try {
      return await this.walk(path, version, limit);
    } catch {
      // A go.mod the proof wanted could not be read: let the simulation say what that means.
      return false;
    }
  }

  private async walk(path: string, version: string, limit: string): Promise<boolean> {
    const c = await this.walkClosure(path, version);
    // A loaded go.mod that asks for a newer Go: the get raises the go line.
    if (c.goEdge !== null && compareGoVersions(c.goEdge, limit) > 0) return false;
    const dropped = this.mayDrop(c);
    if (!dropped) return false;
    // The go line of every version a module could move to (as the guard reads it: the module's own go.mod).
    const movedGo = await this.stepsGo(c.steps);
    if (movedGo !== null && compareGoVersions(movedGo, limit) > 0) return false;
    const droppedGo = await this.highestGo(dropped);
    return droppedGo === null || compareGoVersions(droppedGo, limit) <= 0;
  }

  /** The highest go line among the entries above of `steps`. */
  private stepsGo(steps: readonly Step[]): GoLine | Promise<GoLine> {
    let best: GoLine = null;
    let pending: Promise<GoLine>[] | undefined;
    for (let i = 0; i < steps.length; i++) {
      const go = this.aboveGoOf(steps[i]!);
      if (go instanceof Promise) (pending ??= []).push(go);
      else if (go !== null) best = maxGo(go, best);
    }
    if (!pending) return best;
    return Promise.all(pending).then((gos) => {
      for (const go of gos) if (go !== null) best = maxGo(go, best);
      return best;
    });
  }

  /**
   * A step's go line, read once: the module's candidates are walked side by side, so a read
   * under way is shared too. A failed read is asked again next time.
   */
  private aboveGoOf(s: Step): GoLine | Promise<GoLine> {
    if (s.aboveGo !== undefined) return s.aboveGo;
    const go = this.highestGo(s.above);
    if (!(go instanceof Promise)) return (s.aboveGo = go);
    const p: Promise<GoLine> = go.then(
      (g) => (s.aboveGo = g),
      (err: unknown) => {
        if (s.aboveGo === p) delete s.aboveGo;
        throw err;
      },
    );
    s.aboveGo = p;
    return p;
  }

  /** The highest go line the go.mod files of `versions` declare; null when none declares one. */
  private highestGo(versions: readonly FootprintEntry[]): GoLine | Promise<GoLine> {
    let best: GoLine = null;
    let pending: Promise<GoLine>[] | undefined;
    for (let i = 0; i < versions.length; i++) {
      const go = goLineOf(this.source, versions[i]!);
      if (go instanceof Promise) (pending ??= []).push(go);
      else if (go !== null) best = maxGo(go, best);
    }
    if (!pending) return best;
    return Promise.all(pending).then((gos) => {
      for (const go of gos) if (go !== null) best = maxGo(go, best);
      return best;
    });
  }

  /** Compare keys of selected versions, made when a comparison first needs one (most entries are equal). */
  private todayKeys: (ModuleVersionKey | undefined)[] = [];

  /** The selected version of `path` (pathId `id`) with its compare key; undefined when not selected. */
  private todayKey(path: string, id: number): ModuleVersionKey | undefined {
    const v = this.selectedById[id];
    if (v === undefined) return undefined;
    return (this.todayKeys[id] ??= moduleVersionKey(path, v));
  }

  /** How this module sees `fp`: its entries above today's build list, judged once. */
  private stepOf(fp: Footprint): Step {
    let step = this.steps.get(fp);
    if (!step) {
      const { selectedById, mainId } = this;
      const above: FootprintEntry[] = [];
      const raises: FootprintEntry[] = [];
      const entries = fp.entries;
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const id = e.id;
        if (id === mainId || id === GO_ID || id === TOOLCHAIN_ID) continue;
        const today = selectedById[e.id];
        if (
          today === undefined ||
          (e.key.version !== today && compareModuleVersionKeys(e.key, this.todayKey(e.path, e.id)!) > 0)
        ) {
          above.push(e);
          if (this.rootById[e.id] === 1) raises.push(e);
        }
      }
      step = { above, raises };
      this.steps.set(fp, step);
    }
    return step;
  }

  /** The footprint and step of each of `roots`, from earlier walks where they passed through. */
  private visitsOf(roots: readonly FootprintEntry[]): Visit[] | Promise<Visit[]> {
    const out = new Array<Visit>(roots.length);
    for (let i = 0; i < roots.length; i++) {
      const v = this.visits.get(roots[i]!);
      if (v === undefined) return this.readVisits(roots);
      out[i] = v;
    }
    return out;
  }

  private async readVisits(roots: readonly FootprintEntry[]): Promise<Visit[]> {
    const read = footprintsOf(this.ctx, roots);
    const fps = read instanceof Promise ? await read : read;
    const out = new Array<Visit>(roots.length);
    for (let i = 0; i < roots.length; i++) {
      let v = this.visits.get(roots[i]!);
      if (v === undefined) {
        const fp = fps[i]!;
        v = { fp, step: this.stepOf(fp) };
        this.visits.set(roots[i]!, v);
      }
      out[i] = v;
    }
    return out;
  }

  private async walkClosure(path: string, version: string): Promise<Closure> {
    // Root versions the get may pass through: above go.mod's for every root (which is also the
    // root's selected version today), above the bump for its own path. A version above today's
    // is one a module could move to; on a root, one the get raises. Only the entries above
    // today's at a root's path are looked at (stepOf), and versions met are remembered by their
    // entry, one object per path and version (footprint.ts): hashing a `path@version` string for
    // each cost more than the walk's own logic.
    const candidate = entryOf(path, version);
    const { key: candidateKey, id: candidateId } = candidate;
    const visited = new Set<FootprintEntry>([candidate]);
    const rising = new Map<number, Footprint[]>();
    const risingPaths = new Map<number, string>();
    const steps: Step[] = [];
    let goEdge: string | null = null;
    let frontier: FootprintEntry[] = [candidate];
    while (frontier.length > 0) {
      const known = this.visitsOf(frontier);
      const visits = known instanceof Promise ? await known : known;
      const next: FootprintEntry[] = [];
      for (let i = 0; i < visits.length; i++) {
        const { fp, step } = visits[i]!;
        const r = frontier[i]!;
        if (fp.goEdge !== null && (goEdge === null || compareGoVersions(fp.goEdge, goEdge) > 0)) goEdge = fp.goEdge;
        steps.push(step);
        const list = rising.get(r.id);
        if (list) list.push(fp);
        else {
          rising.set(r.id, [fp]);
          risingPaths.set(r.id, r.path);
        }
        // The candidate is above today's version: so is every version of its path above it.
        const raises = step.raises;
        for (let j = 0; j < raises.length; j++) {
          const e = raises[j]!;
          if (visited.has(e)) continue;
          if (e.id === candidateId && compareModuleVersionKeys(e.key, candidateKey) <= 0) continue;
          visited.add(e);
          next.push(e);
        }
      }
      frontier = next;
    }
    return { rising, risingPaths, steps, goEdge };
  }
}

const NO_PROVIDERS: readonly number[] = [];

/** Whether every one of `providers` (root pathIds) is in `rising`. */
function allRising(providers: readonly number[], rising: ReadonlyMap<number, Footprint[]>): boolean {
  for (let i = 0; i < providers.length; i++) if (!rising.has(providers[i]!)) return false;
  return true;
}

/** Whether some provider's rising footprints all ask for pathId `id` at `today` or above. */
function someAsksAtLeast(
  providers: readonly number[],
  rising: ReadonlyMap<number, Footprint[]>,
  id: number,
  today: ModuleVersionKey,
): boolean {
  for (let i = 0; i < providers.length; i++) if (asksAtLeast(rising.get(providers[i]!)!, id, today)) return true;
  return false;
}

/** Whether the footprints of some rising root all ask for pathId `id` at `today` or above. */
function anyAsksAtLeast(risingFootprints: readonly Footprint[][], id: number, today: ModuleVersionKey): boolean {
  for (let i = 0; i < risingFootprints.length; i++) if (asksAtLeast(risingFootprints[i]!, id, today)) return true;
  return false;
}

/** Whether every one of `fps` asks for pathId `id` at `today` or above. */
function asksAtLeast(fps: readonly Footprint[], id: number, today: ModuleVersionKey): boolean {
  for (let i = 0; i < fps.length; i++) {
    const e = entryAt(fps[i]!, id);
    if (e === undefined || compareModuleVersionKeys(e.key, today) < 0) return false;
  }
  return true;
}
