/** Repository-relative path arithmetic; always `/`-separated, "." for the root. */
import { posix } from 'node:path';

export function dirOf(file: string): string {
  const d = posix.dirname(file);
  return d === '' ? '.' : d;
}

/** Resolves `rel` (as written in a replace or use directive) against module dir `from`; null if it leaves the repository. */
export function resolveRepoPath(from: string, rel: string): string | null {
  const joined = posix.normalize(posix.join(from, rel));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return null;
  return joined === '' ? '.' : joined.replace(/\/$/, '');
}

export function joinRepoPath(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** True when a replacement target is a directory rather than a module path (Go's rule: starts with ./ or ../ or is absolute). */
export function isLocalReplacement(path: string): boolean {
  return (
    path.startsWith('./') ||
    path.startsWith('../') ||
    path === '.' ||
    path === '..' ||
    path.startsWith('/') ||
    /^[A-Za-z]:[\\/]/.test(path)
  );
}

/** Byte-order comparison, as Go sorts module paths (locale order would put "GoogleCloud…" after "golang.org"). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** go.mod, go.sum or go.work anywhere in the tree: the files the governance check reads. */
export function isModuleFile(path: string): boolean {
  return /(?:^|\/)(?:go\.mod|go\.sum|go\.work)$/.test(path);
}
