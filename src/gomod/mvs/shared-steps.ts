/**
 * The guard's steps (go-line-bound.ts), shared by the modules of a repository. A step is how one
 * module sees one footprint: its entries above the module's build list, and those of them at a
 * root's path. That depends on the footprint and, at each of its entries' paths, on the module's
 * selected version and on whether the path is a root or the main module — nothing else. The
 * modules of one repository select most dependencies at the same versions, so a few views per
 * footprint serve them all (golang-samples: 13,498 judgments, 1,402 distinct steps), and the go
 * lines a step's entries declare are read once per view instead of once per module.
 */
import type { ModuleSource } from '../types.js';
import { compareModuleVersionKeys, type ModuleVersionKey } from '../version.js';
import type { Footprint, FootprintEntry } from './footprint.js';
import { isToolchainModule } from './module-key.js';

export interface Step {
  /** Entries above today's selected version; toolchain paths and the main module's own left out. */
  above: FootprintEntry[];
  /** Those of `above` at a root's path: the versions a get may raise the root to. */
  raises: FootprintEntry[];
  /**
   * PathIds the footprint asks for at the selected version or above (toolchain paths and the main
   * module's left out): the paths it keeps from falling when the root it belongs to rises.
   */
  atLeast: Set<number>;
  /** The highest go line the go.mod files of `above` declare (null: none declares one), or its read. */
  aboveGo?: string | null | Promise<string | null>;
}

/** What of a module a step depends on, by pathId (footprint.ts). */
export interface StepView {
  /** Each selected version; undefined: not selected. */
  readonly selectedById: readonly (string | undefined)[];
  /** 1 at the pathId of each root. */
  readonly rootById: Uint8Array;
  readonly mainId: number;
  /** The selected version of `path` with its compare key (made once per module). */
  todayKey(path: string, id: number): ModuleVersionKey | undefined;
}

/** A step with the view it was judged under, at each entry of the footprint in order. */
interface Judged {
  selected: (string | undefined)[];
  /** 2: the main module's path, 1: a root's, 0: neither. */
  role: Uint8Array;
  step: Step;
}

/** Views kept per footprint: a repository's modules need a few; past this, steps stay per module. */
const MAX_VIEWS = 16;

/** Per source: a step's go lines are read through it (a source with a base may answer otherwise). */
const judgedBySource = new WeakMap<ModuleSource, WeakMap<Footprint, Judged[]>>();

function roleOf(view: StepView, id: number): number {
  return id === view.mainId ? 2 : view.rootById[id] === 1 ? 1 : 0;
}

function sameView(j: Judged, entries: readonly FootprintEntry[], view: StepView): boolean {
  const { selected, role } = j;
  const { selectedById } = view;
  for (let i = 0; i < entries.length; i++) {
    const id = entries[i]!.id;
    if (selected[i] !== selectedById[id] || role[i] !== roleOf(view, id)) return false;
  }
  return true;
}

function sameEntries(a: readonly FootprintEntry[], b: readonly FootprintEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameIds(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

function judge(fp: Footprint, view: StepView): Step {
  const { selectedById, mainId, rootById } = view;
  const above: FootprintEntry[] = [];
  const raises: FootprintEntry[] = [];
  const atLeast = new Set<number>();
  const entries = fp.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.id === mainId || isToolchainModule(e.path)) continue;
    const today = selectedById[e.id];
    if (today === undefined) {
      above.push(e);
      if (rootById[e.id] === 1) raises.push(e);
      continue;
    }
    if (e.key.version === today) {
      atLeast.add(e.id);
      continue;
    }
    if (compareModuleVersionKeys(e.key, view.todayKey(e.path, e.id)!) > 0) {
      above.push(e);
      if (rootById[e.id] === 1) raises.push(e);
      atLeast.add(e.id);
    }
  }
  return { above, raises, atLeast };
}

/** How a module with `view` sees `fp`: the step another module with the same view judged, or a new one. */
export function sharedStep(source: ModuleSource, fp: Footprint, view: StepView): Step {
  let byFootprint = judgedBySource.get(source);
  if (!byFootprint) judgedBySource.set(source, (byFootprint = new WeakMap()));
  let judged = byFootprint.get(fp);
  if (!judged) byFootprint.set(fp, (judged = []));
  const entries = fp.entries;
  for (let i = 0; i < judged.length; i++) if (sameView(judged[i]!, entries, view)) return judged[i]!.step;
  let step = judge(fp, view);
  // Views that differ only at entries below both build lists judge alike: one step (and one read
  // of its go lines) serves them.
  for (let i = 0; i < judged.length; i++) {
    const other = judged[i]!.step;
    if (
      sameEntries(other.above, step.above) &&
      sameEntries(other.raises, step.raises) &&
      sameIds(other.atLeast, step.atLeast)
    ) {
      step = other;
      break;
    }
  }
  if (judged.length < MAX_VIEWS) {
    const selected = new Array<string | undefined>(entries.length);
    const role = new Uint8Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const id = entries[i]!.id;
      selected[i] = view.selectedById[id];
      role[i] = roleOf(view, id);
    }
    judged.push({ selected, role, step });
  }
  return step;
}
