/**
 * A fixed set of small non-negative ids, each with a position: what a graph read keeps to answer
 * "which entry of my build list has this path" (pruned-read.ts). A plan reads about a thousand
 * graphs of some two hundred paths each; a Map per read was ~20 MB of garbage per plan, where
 * two typed arrays per read are a few kilobytes and no object per entry.
 */
export class IdTable {
  /** Open addressing with linear probing; -1 marks a free slot. */
  private readonly ids: Int32Array;
  private readonly positions: Int32Array;
  private readonly mask: number;

  /** `ids` must be distinct and ≥ 0; each one's position is its index in `ids`. */
  constructor(ids: readonly number[]) {
    let size = 8;
    while (size < ids.length * 2) size *= 2;
    this.mask = size - 1;
    this.ids = new Int32Array(size).fill(-1);
    this.positions = new Int32Array(size);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      let slot = hash(id) & this.mask;
      while (this.ids[slot] !== -1) slot = (slot + 1) & this.mask;
      this.ids[slot] = id;
      this.positions[slot] = i;
    }
  }

  /** The position of `id`, or -1 when it is not in the table. */
  positionOf(id: number): number {
    let slot = hash(id) & this.mask;
    for (;;) {
      const at = this.ids[slot]!;
      if (at === id) return this.positions[slot]!;
      if (at === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Ids are handed out in sequence: spread them so neighbours do not form long probe runs. */
function hash(id: number): number {
  return Math.imul(id, 0x9e3779b1) >>> 16;
}
