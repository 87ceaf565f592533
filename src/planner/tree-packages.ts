/**
 * The packages of a module directory of the repository, read from its Go files through the
 * RepoTree: what `go mod tidy` loads from the main module (and from a module replaced by a
 * directory of the repository). A package is a directory under the module's that holds a .go
 * file Go does not ignore, outside directories Go skips and nested modules; its imports are
 * read with every build tag but `ignore`, split into those of its files and of its tests.
 * Read once per tree and module dir: the prediction asks again after go get and after sync.
 */
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

async function read(tree: RepoTree, moduleDir: string): Promise<TreePackages> {
  const prefix = moduleDir === '.' ? '' : `${moduleDir}/`;
  const all = tree.filesIn ? await tree.filesIn(moduleDir) : await tree.files();
  const files = all.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  // A directory below with its own go.mod is another module, with everything under it.
  const nested = files
    .filter((f) => f.endsWith('/go.mod'))
    .map((f) => f.slice(0, -'/go.mod'.length))
    .filter((d) => d !== '');
  const inNested = (rel: string) => nested.some((d) => rel.startsWith(`${d}/`));
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
  return {
    dirs,
    packages: {
      has: (dir) => byDir.has(dir),
      imports: (dir) => [...(byDir.get(dir)?.imports ?? [])].sort(),
      testImports: (dir) => [...(byDir.get(dir)?.tests ?? [])].sort(),
    },
  };
}
