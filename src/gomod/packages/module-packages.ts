/**
 * The packages of one module version, read from its zip: which directories hold Go files, and
 * what each package imports when loaded for `go get` (non-test files, any build tags). A zip is
 * immutable, so its reading is kept per `path@version` for the life of the process; a package's
 * files are inflated only when its imports are first asked for.
 */
import type { ModuleSource } from '../types.js';
import { goFileHeader } from './go-source.js';
import { zipEntries } from './zip-entries.js';

/** Compressed bytes of a file read first, for its header. */
const HEAD_BYTES = 4096;

export interface ModulePackages {
  /** Whether `dir` ("" for the module root) holds any .go file: a package lives there. */
  has(dir: string): boolean;
  /** Imports of the package's non-test files that build with any tags ([] when only tests). */
  imports(dir: string): string[];
}

/** A module source that can also hand out module zips (the proxy client can). */
export type ZipSource = ModuleSource & { zip(path: string, version: string): Promise<Uint8Array> };

export function canReadZips(source: ModuleSource): source is ZipSource {
  return typeof (source as Partial<ZipSource>).zip === 'function';
}

function readModulePackages(buf: Uint8Array, path: string, version: string): ModulePackages {
  const zip = zipEntries(buf);
  const prefix = `${path}@${version}/`;
  const files = new Map<string, string[]>();
  const withGo = new Set<string>();
  for (const name of zip.names()) {
    if (!name.startsWith(prefix) || !name.endsWith('.go')) continue;
    const rel = name.slice(prefix.length);
    const slash = rel.lastIndexOf('/');
    const dir = slash < 0 ? '' : rel.slice(0, slash);
    const base = rel.slice(slash + 1);
    if (base.startsWith('_') || base.startsWith('.')) continue;
    withGo.add(dir);
    if (base.endsWith('_test.go')) continue;
    const list = files.get(dir);
    if (list) list.push(name);
    else files.set(dir, [name]);
  }
  const imports = new Map<string, string[]>();
  return {
    has: (dir) => withGo.has(dir),
    imports(dir) {
      let out = imports.get(dir);
      if (!out) {
        const set = new Set<string>();
        for (const name of files.get(dir) ?? []) {
          // Most files' imports sit in their first few kilobytes: inflate those, and the whole
          // file only when the import declarations run past them.
          const head = zip.head(name, HEAD_BYTES);
          let h = goFileHeader(head.text);
          if (!h.complete && !head.whole) h = goFileHeader(zip.text(name));
          if (h.builds) for (const p of h.imports) set.add(p);
        }
        out = [...set].sort();
        imports.set(dir, out);
      }
      return out;
    },
  };
}

const cache = new WeakMap<ZipSource, Map<string, Promise<ModulePackages>>>();

export function modulePackages(source: ZipSource, path: string, version: string): Promise<ModulePackages> {
  let bySource = cache.get(source);
  if (!bySource) {
    bySource = new Map();
    cache.set(source, bySource);
  }
  const key = `${path}@${version}`;
  let p = bySource.get(key);
  if (!p) {
    p = source.zip(path, version).then((buf) => readModulePackages(buf, path, version));
    // A failed download is not kept: the proxy may recover.
    p.catch(() => bySource.delete(key));
    bySource.set(key, p);
  }
  return p;
}
