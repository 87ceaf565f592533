/**
 * The packages of one module version: which directories hold Go files, and what each package
 * imports when loaded for `go get` (non-test files, any build tags). Read from the module's
 * package index (package-index.ts); a source that keeps indexes (the proxy client: in memory and
 * on disk beside the zip) hands them out, and for any other source the index is built from the
 * zip and kept per `path@version` for the life of the process.
 */
import type { ModuleSource } from '../types.js';
import { buildPackageIndex, type PackageIndex } from './package-index.js';

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
    const byDir = new Map(index.packages.map(([dir, imports, tests]) => [dir, { imports, tests }]));
    v = {
      has: (dir) => byDir.has(dir),
      imports: (dir) => byDir.get(dir)?.imports ?? [],
      testImports: (dir) => byDir.get(dir)?.tests ?? [],
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
 * The packages read so far, per source: a load resolves most of its imports synchronously from
 * these rather than through a promise per module. Cleared past MAX_KNOWN (a long-lived worker).
 */
const known = new WeakMap<ZipSource, Map<string, ModulePackages>>();
const MAX_KNOWN = 50_000;

export async function modulePackages(source: ZipSource, path: string, version: string): Promise<ModulePackages> {
  const index =
    typeof source.packageIndex === 'function'
      ? await source.packageIndex(path, version)
      : await indexFromZip(source, path, version);
  const v = view(index);
  let bySource = known.get(source);
  if (!bySource) {
    bySource = new Map();
    known.set(source, bySource);
  }
  if (bySource.size >= MAX_KNOWN) bySource.clear();
  bySource.set(`${path}@${version}`, v);
  return v;
}

/** What modulePackages answered for path@version from this source, if it has been asked already. */
export function knownPackages(source: ZipSource, path: string, version: string): ModulePackages | undefined {
  return known.get(source)?.get(`${path}@${version}`);
}
