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

  /** The key, or null when it needs a number past `limit`: then no key of this generation holds it. */
  private numbered(head: string, roots: readonly { path: string; version: string }[], limit: number): string | null {
    let k = `${this.generation} ${head.length} ${head}`;
    for (const r of roots) {
      let versions = this.ids.get(r.path);
      if (versions === undefined) this.ids.set(r.path, (versions = new Map()));
      let id = versions.get(r.version);
      if (id === undefined) {
        if (this.count >= limit) return null;
        versions.set(r.version, (id = this.count++));
      }
      k += String.fromCharCode(id & 0xffff, id >>> 16);
    }
    return k;
  }
}
