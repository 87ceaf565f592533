/**
 * The packages of one module version: which directories hold Go files, and what each package
 * imports when loaded for `go get` (non-test files, any build tags). Read from the module's
 * package index (package-index.ts); a source that keeps indexes (the proxy client: in memory and
 * on disk beside the zip) hands them out, and for any other source the index is built from the
 * zip and kept per `path@version` for the life of the process.
 */
import type { ModuleSource } from '../types.js';
import { buildPackageIndex, lazyPackagesOf, type PackageIndex } from './package-index.js';

export interface ModulePackages {
  /** Whether `dir` ("" for the module root) holds any .go file: a package lives there. */
  has(dir: string): boolean;
  /** Imports of the package's non-test files that build with any tags ([] when only tests). */
  imports(dir: string): string[];
  /** Imports of the package's test files (`_test.go`, either package name) with any tags. */
  testImports(dir: string): string[];
}

/** A module source that can also hand out module zips (the proxy client can). */
export type ZipSource = ModuleSource & {
  zip(path: string, version: string): Promise<Uint8Array>;
  /** The module's package index, kept by the source so a zip is read once, ever. */
  packageIndex?(path: string, version: string): Promise<PackageIndex>;
};

export function canReadZips(source: ModuleSource): source is ZipSource {
  return typeof (source as Partial<ZipSource>).zip === 'function';
}

const views = new WeakMap<PackageIndex, ModulePackages>();

function view(index: PackageIndex): ModulePackages {
  let v = views.get(index);
  if (!v) {
    // By position in the index: no object per package, and most packages are never asked for
    // (nor, in an index read lazily, decoded).
    const lazy = lazyPackagesOf(index);
    const entry: (i: number) => PackageIndex['packages'][number] = lazy ? (i) => lazy.at(i) : (i) => index.packages[i]!;
    const dirs = lazy ? lazy.dirs : index.packages.map((p) => p[0]);
    const at = new Map<string, number>();
    for (let i = 0; i < dirs.length; i++) at.set(dirs[i]!, i);
    v = {
      has: (dir) => at.has(dir),
      imports: (dir) => {
        const i = at.get(dir);
        return i === undefined ? [] : entry(i)[1];
      },
      testImports: (dir) => {
        const i = at.get(dir);
        return i === undefined ? [] : entry(i)[2];
      },
    };
    views.set(index, v);
  }
  return v;
}

const cache = new WeakMap<ZipSource, Map<string, Promise<PackageIndex>>>();

function indexFromZip(source: ZipSource, path: string, version: string): Promise<PackageIndex> {
  let bySource = cache.get(source);
  if (!bySource) {
    bySource = new Map();
    cache.set(source, bySource);
  }
  const key = `${path}@${version}`;
  let p = bySource.get(key);
  if (!p) {
    p = source.zip(path, version).then((buf) => buildPackageIndex(buf, path, version));
    // A failed download is not kept: the proxy may recover.
    p.catch(() => bySource.delete(key));
    bySource.set(key, p);
  }
  return p;
}

/**
 * The packages read so far, per source, by module path and then version: a load resolves most of
 * its imports synchronously from these rather than through a promise per module, and looks each
 * up by the graph's own strings (their hashes kept) instead of a key built per lookup. Cleared
 * past MAX_KNOWN versions (a long-lived worker).
 */
interface Known {
  byPath: Map<string, Map<string, ModulePackages>>;
  size: number;
}
const known = new WeakMap<ZipSource, Known>();
const MAX_KNOWN = 50_000;

export async function modulePackages(source: ZipSource, path: string, version: string): Promise<ModulePackages> {
  const index =
    typeof source.packageIndex === 'function'
      ? await source.packageIndex(path, version)
      : await indexFromZip(source, path, version);
  const v = view(index);
  let k = known.get(source);
  if (!k) {
    k = { byPath: new Map(), size: 0 };
    known.set(source, k);
  }
  if (k.size >= MAX_KNOWN) {
    k.byPath.clear();
    k.size = 0;
  }
  let byVersion = k.byPath.get(path);
  if (!byVersion) {
    byVersion = new Map();
    k.byPath.set(path, byVersion);
  }
  if (!byVersion.has(version)) k.size++;
  byVersion.set(version, v);
  return v;
}

/** What modulePackages answered for path@version from this source, if it has been asked already. */
export function knownPackages(source: ZipSource, path: string, version: string): ModulePackages | undefined {
  return known.get(source)?.byPath.get(path)?.get(version);
}
