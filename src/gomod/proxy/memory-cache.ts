/**
 * A byte-bounded LRU with optional per-entry expiry. Map iteration order is insertion order, so
 * re-inserting on every hit keeps the least recently used entry first.
 */
interface Entry<V> {
  value: V;
  size: number;
  expiresAt: number;
}

export class MemoryCache<V> {
  private readonly map = new Map<string, Entry<V>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    if (e.expiresAt <= this.now()) {
      this.bytes -= e.size;
      return undefined;
    }
    this.map.set(key, e);
    return e.value;
  }

  /** `ttlMs` undefined: kept until evicted. Entries larger than the whole budget are not kept. */
  set(key: string, value: V, size: number, ttlMs?: number): void {
    this.delete(key);
    if (size > this.maxBytes) return;
    this.map.set(key, { value, size, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
    this.bytes += size;
    for (const [k, e] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= e.size;
    }
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.bytes -= e.size;
    }
  }

  get size(): number {
    return this.map.size;
  }
}
