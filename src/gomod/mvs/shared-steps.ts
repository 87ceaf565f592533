/**
 * The guard's steps (go-line-bound.ts), shared by the modules of a repository. A step is how one
 * module sees one footprint: its entries above the module's build list, and those of them at a
 * root's path. That depends on the footprint and, at each of its entries' paths, on the module's
 * selected version and on whether the path is a root or the main module — nothing else. The
 * modules of one repository select most dependencies at the same versions, so a few views per
 * footprint serve them all (golang-samples: 13,498 judgments, 1,402 distinct steps), and the go
 * lines a step's entries declare are read once per view instead of once per module.
 */
import type { ModuleSource, ModuleVersion } from '../types.js';
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

/**
 * Where modules share steps: numbers for the selected versions (so a view compares as integers),
 * and the steps judged so far. One per source at a time: a step's go lines are read through the
 * source, and a source with a base may answer otherwise. A long-lived source starts a new table
 * once its numbers grow past MAX_NUMBERS; views numbered in the old one keep sharing there.
 */
export interface StepTable {
  readonly numbers: Map<string, number>;
  readonly judged: WeakMap<Footprint, Judged[]>;
}

/** What of a module a step depends on, by pathId (footprint.ts). */
export interface StepView {
  /** Each selected version; undefined: not selected. */
  readonly selectedById: readonly (string | undefined)[];
  /** 1 at the pathId of each root. */
  readonly rootById: Uint8Array;
  readonly mainId: number;
  readonly table: StepTable;
  /**
   * Per pathId, the selected version's number in `table` and the path's role, as one integer
   * (0: neither selected, a root nor the main module): equal signs, equal judgments.
   */
  readonly signById: Int32Array;
  /** The selected version of `path` with its compare key (made once per module). */
  todayKey(path: string, id: number): ModuleVersionKey | undefined;
}

/** A step with the signs it was judged under, at each entry of the footprint in order. */
interface Judged {
  hash: number;
  signs: Int32Array;
  step: Step;
}

/** Views kept per footprint: a repository's modules need a few; past this, steps stay per module. */
const MAX_VIEWS = 16;
const MAX_NUMBERS = 200_000;

const tables = new WeakMap<ModuleSource, StepTable>();

export function stepTable(source: ModuleSource): StepTable {
  let t = tables.get(source);
  if (!t || t.numbers.size > MAX_NUMBERS) {
    t = { numbers: new Map(), judged: new WeakMap() };
    tables.set(source, t);
  }
  return t;
}

/**
 * The sign of every pathId below `size`, from the selected versions (`selected`, at pathIds `ids`):
 * version number ×4, plus 1 for a root and 2 for the main module.
 */
export function viewSigns(
  table: StepTable,
  size: number,
  ids: readonly number[],
  selected: readonly ModuleVersion[],
  rootIds: readonly number[],
  mainId: number,
): Int32Array {
  const signs = new Int32Array(size);
  for (let i = 0; i < ids.length; i++) {
    const version = selected[i]!.version;
    let n = table.numbers.get(version);
    if (n === undefined) table.numbers.set(version, (n = table.numbers.size + 1));
    signs[ids[i]!] = n * 4;
  }
  for (const id of rootIds) signs[id]! |= 1;
  signs[mainId]! |= 2;
  return signs;
}

/** The signs of `fp`'s entries under one view, reused from call to call. */
let scratch = new Int32Array(256);

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
export function sharedStep(fp: Footprint, view: StepView): Step {
  const { judged: byFootprint } = view.table;
  let judged = byFootprint.get(fp);
  if (!judged) byFootprint.set(fp, (judged = []));
  const entries = fp.entries;
  const n = entries.length;
  if (scratch.length < n) scratch = new Int32Array(n * 2);
  const signById = view.signById;
  let hash = 0;
  for (let i = 0; i < n; i++) {
    const id = entries[i]!.id;
    const sign = id < signById.length ? signById[id]! : 0;
    scratch[i] = sign;
    hash = (Math.imul(hash, 31) + sign) | 0;
  }
  for (let i = 0; i < judged.length; i++) {
    const j = judged[i]!;
    if (j.hash === hash && sameSigns(j.signs, scratch, n)) return j.step;
  }
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
  if (judged.length < MAX_VIEWS) judged.push({ hash, signs: scratch.slice(0, n), step });
  return step;
}

function sameSigns(a: Int32Array, b: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
