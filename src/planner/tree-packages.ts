/**
 * The packages of a module directory of the repository, read from its Go files through the
 * RepoTree: what `go mod tidy` loads from the main module (and from a module replaced by a
 * directory of the repository). A package is a directory under the module's that holds a .go
 * file Go does not ignore, outside directories Go skips and nested modules; its imports are
 * read with every build tag but `ignore`, split into those of its files and of its tests.
 * Read once per tree and module dir: the prediction asks again after go get and after sync.
 */
import { lowerBound } from '../gomod/lower-bound.js';
import { goFileHeader } from '../gomod/packages/go-source.js';
import type { ModulePackages } from '../gomod/packages/module-packages.js';
import { isSkippedDir, type RepoTree } from '../workspace/tree.js';

export interface TreePackages {
  /** Package dirs relative to the module ("" for its root), sorted. */
  dirs: string[];
  packages: ModulePackages;
}

const cache = new WeakMap<RepoTree, Map<string, Promise<TreePackages>>>();

export function treePackages(tree: RepoTree, moduleDir: string): Promise<TreePackages> {
  let byDir = cache.get(tree);
  if (!byDir) {
    byDir = new Map();
    cache.set(tree, byDir);
  }
  let p = byDir.get(moduleDir);
  if (!p) {
    p = read(tree, moduleDir);
    // A failed read is not kept: the next plan may read the file.
    p.catch(() => byDir.delete(moduleDir));
    byDir.set(moduleDir, p);
  }
  return p;
}

const listings = new WeakMap<RepoTree, Promise<string[]>>();

/** The tree's files in code-unit order, listed once per tree. */
function sortedFiles(tree: RepoTree): Promise<string[]> {
  let p = listings.get(tree);
  if (!p) {
    p = tree.files().then((files) => [...files].sort());
    p.catch(() => listings.delete(tree));
    listings.set(tree, p);
  }
  return p;
}

/**
 * The files under `moduleDir`. Where no directory on the way is one the walk skips, they are a
 * contiguous run of the whole tree's sorted listing, which a local tree walks once per plan
 * rather than once per module.
 */
async function filesUnder(tree: RepoTree, moduleDir: string, prefix: string): Promise<string[]> {
  const inSkipped = moduleDir !== '.' && moduleDir.split('/').some(isSkippedDir);
  if (tree.filesIn && inSkipped) return (await tree.filesIn(moduleDir)).filter((f) => f.startsWith(prefix));
  const all = await sortedFiles(tree);
  const lo = lowerBound(0, all.length, (i) => all[i]! < prefix);
  let end = lo;
  while (end < all.length && all[end]!.startsWith(prefix)) end++;
  return all.slice(lo, end);
}

async function read(tree: RepoTree, moduleDir: string): Promise<TreePackages> {
  const prefix = moduleDir === '.' ? '' : `${moduleDir}/`;
  const files = (await filesUnder(tree, moduleDir, prefix)).map((f) => f.slice(prefix.length));
  // A directory below with its own go.mod is another module, with everything under it.
  const nested = new Set(
    files
      .filter((f) => f.endsWith('/go.mod'))
      .map((f) => f.slice(0, -'/go.mod'.length))
      .filter((d) => d !== ''),
  );
  const inNested = (rel: string): boolean => {
    for (let at = rel.lastIndexOf('/'); at > 0; at = rel.lastIndexOf('/', at - 1)) {
      if (nested.has(rel.slice(0, at))) return true;
    }
    return false;
  };
  const sources = files.filter((rel) => {
    if (!rel.endsWith('.go') || inNested(rel)) return false;
    const parts = rel.split('/');
    const base = parts.pop()!;
    return !base.startsWith('_') && !base.startsWith('.') && !parts.some(isSkippedDir);
  });
  const byDir = new Map<string, { imports: Set<string>; tests: Set<string> }>();
  await Promise.all(
    sources.map(async (rel) => {
      const slash = rel.lastIndexOf('/');
      const dir = slash < 0 ? '' : rel.slice(0, slash);
      const text = await tree.read(prefix + rel);
      if (text === null) return;
      const h = goFileHeader(text);
      // A directory whose every file needs `ignore` holds no package.
      if (!h.builds) return;
      const entry = byDir.get(dir) ?? { imports: new Set<string>(), tests: new Set<string>() };
      byDir.set(dir, entry);
      for (const i of h.imports) (rel.endsWith('_test.go') ? entry.tests : entry.imports).add(i);
    }),
  );
  const dirs = [...byDir.keys()].sort();
  // Sorted once: the loaders ask for the same package's imports many times.
  const lists = new Map(
    [...byDir].map(([dir, e]) => [dir, { imports: [...e.imports].sort(), tests: [...e.tests].sort() }]),
  );
  const none: string[] = [];
  return {
    dirs,
    packages: {
      has: (dir) => lists.has(dir),
      imports: (dir) => lists.get(dir)?.imports ?? none,
      testImports: (dir) => lists.get(dir)?.tests ?? none,
    },
  };
}
