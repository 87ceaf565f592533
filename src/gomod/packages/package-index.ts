/**
 * The package index of one module version: every directory of its zip that holds a package, with
 * what that package imports when `go get` loads it (non-test files, any build tags). It is all a
 * plan needs from a zip, and a few kilobytes where the zip is megabytes, so the proxy client keeps
 * it on disk beside the zip: a warm plan then never opens a zip. Like the zip it is immutable
 * (keyed by path@version); a stored index is checked against the schema (package-index-schema.ts)
 * when read back, and one that fails (corrupt, or written by an older reader) is built again from the zip.
 */
import type { z } from 'zod';
import type { PackageIndexSchema } from './package-index-schema.js';
import { goFileHeader } from './go-source.js';
import { scanPackageIndex, type LazyPackages } from './lazy-package-index.js';
import { zipEntries } from './zip-entries.js';

/**
 * Bump when what is read from a zip changes (go-source.ts rules, which files count): indexes
 * written under another number are then rebuilt rather than trusted.
 */
export const PACKAGE_INDEX_FORMAT = 2;

/** Compressed bytes of a file read first, for its header. */
const HEAD_BYTES = 4096;

export type PackageIndex = z.infer<typeof PackageIndexSchema>;

/** Reads every package of the zip; a package's imports come from the headers of its files. */
export function buildPackageIndex(buf: Uint8Array, path: string, version: string): PackageIndex {
  const zip = zipEntries(buf);
  const prefix = `${path}@${version}/`;
  const files = new Map<string, string[]>();
  for (const name of zip.names()) {
    if (!name.startsWith(prefix) || !name.endsWith('.go')) continue;
    const rel = name.slice(prefix.length);
    const slash = rel.lastIndexOf('/');
    const dir = slash < 0 ? '' : rel.slice(0, slash);
    const base = rel.slice(slash + 1);
    if (base.startsWith('_') || base.startsWith('.')) continue;
    // A directory of test files only is still a package (go get finds it, and imports nothing).
    const list = files.get(dir) ?? [];
    files.set(dir, list);
    list.push(name);
  }
  const packages: PackageIndex['packages'] = [];
  for (const [dir, names] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const set = new Set<string>();
    const tests = new Set<string>();
    for (const name of names) {
      // Most files' imports sit in their first few kilobytes: inflate those, and the whole file
      // only when the import declarations run past them.
      const head = zip.head(name, HEAD_BYTES);
      let h = goFileHeader(head.text);
      if (!h.complete && !head.whole) h = goFileHeader(zip.text(name));
      if (h.builds) for (const p of h.imports) (name.endsWith('_test.go') ? tests : set).add(p);
    }
    packages.push([dir, [...set].sort(), [...tests].sort()]);
  }
  return { format: PACKAGE_INDEX_FORMAT, path, version, packages };
}

export function encodePackageIndex(index: PackageIndex): string {
  return JSON.stringify(index);
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/**
 * PackageIndexSchema's own rules, checked by hand: a plan reads a few hundred stored indexes of
 * about 15 KB each, and the schema's walk over every string of them cost more than parsing the
 * JSON. Extra keys are left out, as the schema strips them; the unit test holds the two to the
 * same answers.
 */
export function checkPackageIndex(json: unknown): PackageIndex | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { format, path, version, packages } = json as Record<string, unknown>;
  if (format !== PACKAGE_INDEX_FORMAT || typeof path !== 'string' || typeof version !== 'string') return undefined;
  if (!Array.isArray(packages)) return undefined;
  for (const p of packages as unknown[]) {
    if (!Array.isArray(p) || p.length !== 3 || typeof p[0] !== 'string' || !isStrings(p[1]) || !isStrings(p[2]))
      return undefined;
  }
  return { format, path, version, packages: packages as PackageIndex['packages'] };
}

/** The packages of indexes decoded lazily (lazy-package-index.ts), by index. */
const lazyPackages = new WeakMap<PackageIndex, LazyPackages>();

/** The packages of `index` decoded only as asked for, where it was read so. */
export function lazyPackagesOf(index: PackageIndex): LazyPackages | undefined {
  return lazyPackages.get(index);
}

/**
 * The stored index, or undefined when it is not one for path@version in this format. Laid out as
 * encodePackageIndex writes it, its packages are decoded only as asked for (lazyPackagesOf);
 * `packages` itself decodes them all.
 */
export function decodePackageIndex(body: Buffer, path: string, version: string): PackageIndex | undefined {
  const text = body.toString('utf8');
  const scanned = scanPackageIndex(text, PACKAGE_INDEX_FORMAT);
  if (scanned !== undefined) {
    if (scanned.path !== path || scanned.version !== version) return undefined;
    const lazy = scanned.packages;
    let packages: PackageIndex['packages'] | undefined;
    const index = { format: PACKAGE_INDEX_FORMAT, path, version } as PackageIndex;
    Object.defineProperty(index, 'packages', {
      enumerable: true,
      get: () => (packages ??= lazy.dirs.map((_, i) => lazy.at(i))),
    });
    lazyPackages.set(index, lazy);
    return index;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const index = checkPackageIndex(json);
  if (index === undefined || index.path !== path || index.version !== version) return undefined;
  return index;
}
