/**
 * Keys for lists of graph roots (load-graph.ts memoises graphs by main module and roots). A plan
 * asks for a graph a few thousand times, each with some forty roots: written out as
 * `path@version` text, the keys cost more to build and hash than the lookups they serve. Each
 * distinct root gets a number instead, written as two UTF-16 code units, so a key is a short
 * string of fixed-width parts.
 *
 * The numbering grows with the distinct roots a process sees; past `max` it starts afresh. Every
 * key carries the numbering's generation, so a key written before a restart never equals one
 * written after it: an old memo entry is then missed, never mistaken for another list.
 */
export class RootsKeys {
  private ids = new Map<string, Map<string, number>>();
  private count = 0;
  private generation = 0;

  constructor(private readonly max: number) {}

  /** Distinct roots numbered in the current generation. */
  get size(): number {
    return this.count;
  }

  /** A key for `head` and the list of roots, in order: equal keys only for equal inputs. */
  key(head: string, roots: readonly { path: string; version: string }[]): string {
    const k = this.numbered(head, roots, this.max);
    if (k !== null) return k;
    this.ids = new Map();
    this.count = 0;
    this.generation++;
    // A list longer than the bound is numbered whole all the same.
    return this.numbered(head, roots, Infinity)!;
  }

  /**
   * Code units of the key being written: the key is made in one step from them, since appending a
   * character at a time makes a chain of partial strings that hashing must flatten again.
   */
  private units = new Uint16Array(128);

  /** The key, or null when it needs a number past `limit`: then no key of this generation holds it. */
  private numbered(head: string, roots: readonly { path: string; version: string }[], limit: number): string | null {
    if (this.units.length < 2 * roots.length) this.units = new Uint16Array(4 * roots.length);
    const units = this.units;
    let n = 0;
    for (const r of roots) {
      let versions = this.ids.get(r.path);
      if (versions === undefined) this.ids.set(r.path, (versions = new Map()));
      let id = versions.get(r.version);
      if (id === undefined) {
        if (this.count >= limit) return null;
        versions.set(r.version, (id = this.count++));
      }
      units[n++] = id & 0xffff;
      units[n++] = id >>> 16;
    }
    return `${this.generation} ${head.length} ${head}` + unitsToString(units, n);
  }
}

/** Below the engines' limits on the number of arguments to one call. */
const CHUNK = 8192;

function unitsToString(units: Uint16Array, n: number): string {
  if (n <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += CHUNK)
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  return out;
}
