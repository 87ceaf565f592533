/** The default NotesCache: an in-memory LRU bounded by entry count and by size. */
import type { CacheEntry, NotesCache } from './types.js';

export interface MemoryNotesCacheOptions {
  /** Default 2000 entries. */
  maxEntries?: number;
  /** Rough bound on the JSON size of what is kept. Default 32 MiB. */
  maxBytes?: number;
}

export function createMemoryNotesCache(opts: MemoryNotesCacheOptions = {}): NotesCache & { readonly size: number } {
  const maxEntries = opts.maxEntries ?? 2000;
  const maxBytes = opts.maxBytes ?? 32 << 20;
  const map = new Map<string, { entry: CacheEntry; size: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const e = map.get(key);
    if (e) {
      map.delete(key);
      bytes -= e.size;
    }
  };
  return {
    get(key) {
      const e = map.get(key);
      if (!e) return undefined;
      map.delete(key);
      map.set(key, e);
      // Callers may mutate what they read; the stored copy stays intact.
      return structuredClone(e.entry);
    },
    set(key, entry) {
      drop(key);
      const size = key.length + JSON.stringify(entry.value ?? null).length + (entry.etag?.length ?? 0);
      if (size > maxBytes) return;
      map.set(key, { entry: structuredClone(entry), size });
      bytes += size;
      for (const [k] of map) {
        if (map.size <= maxEntries && bytes <= maxBytes) break;
        drop(k);
      }
    },
    get size() {
      return map.size;
    },
  };
}
