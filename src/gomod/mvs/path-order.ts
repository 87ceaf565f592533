/**
 * Module paths in build-list order (UTF-16 code units, as compareModules' `<`), by pathId: a graph
 * read merges a few hundred paths and lists them in path order, and sorting their ranks as numbers
 * costs a fraction of sorting the strings anew for every graph. The table grows with the paths a
 * process has seen, as the pathId table does; ranks move as paths are added, so sortByPath ranks
 * every path it is given first, and only then reads ranks.
 */
import { lowerBound } from '../lower-bound.js';

/** pathIds in path order. */
const ordered: number[] = [];
/** The path of each entry of `ordered`. */
const orderedPaths: string[] = [];
/** The index in `ordered` of each pathId ranked so far; -1 for one not ranked yet. */
const rankById: number[] = [];

function insert(id: number, path: string): void {
  const lo = lowerBound(0, orderedPaths.length, (i) => orderedPaths[i]! < path);
  ordered.splice(lo, 0, id);
  orderedPaths.splice(lo, 0, path);
  for (let i = lo; i < ordered.length; i++) rankById[ordered[i]!] = i;
}

/**
 * `ids` (pathIds of distinct paths, `pathOf(id)` the path of each) sorted by path. Each id must
 * always be given with the same path (pathId's promise).
 */
export function sortByPath(ids: readonly number[], pathOf: (id: number) => string): number[] {
  for (const id of ids) {
    while (rankById.length <= id) rankById.push(-1);
    if (rankById[id] === -1) insert(id, pathOf(id));
  }
  const ranks = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) ranks[i] = rankById[ids[i]!]!;
  ranks.sort();
  const out = new Array<number>(ranks.length);
  for (let i = 0; i < ranks.length; i++) out[i] = ordered[ranks[i]!]!;
  return out;
}
