/**
 * An upstream upgrade guide for a major move: a file such as `MIGRATION.md`, `UPGRADING.md`,
 * `docs/migrate-v2-to-v3.md` or `doc/upgrade_guide.md`, looked for at the new version's tag in
 * the module's directory, the repository root, and their `docs/` and `doc/` folders. Among
 * several, one that names the new major (`v3`) wins, then the shortest path.
 */
import { RateLimitedError } from '../github/rate-limit.js';
import type { GitHubReader } from './github-api.js';
import type { GitHubSource } from './types.js';

const GUIDE_NAME = /^(?:migrat(?:e|ion|ions|ing)|upgrad(?:e|es|ing))(?:[-_.]?[\w.-]*)?\.(?:md|markdown|rst|txt)$/i;

export interface UpgradeGuide {
  /** Repository-relative path. */
  path: string;
  url: string;
}

/** The guide among repository-relative paths, or undefined. `major` is the new major (`v3`). */
export function pickGuide(paths: readonly string[], major: string): string | undefined {
  const named = (p: string) => new RegExp(`(^|[^0-9a-z])${major}([^0-9]|$)`, 'i').test(p.split('/').pop() ?? '');
  const guides = paths.filter((p) => GUIDE_NAME.test(p.split('/').pop() ?? ''));
  return guides.sort((a, b) => Number(named(b)) - Number(named(a)) || a.length - b.length || (a < b ? -1 : 1))[0];
}

function dirsToSearch(subdir: string): string[] {
  const roots = subdir ? [subdir, ''] : [''];
  return roots.flatMap((r) => [r, r ? `${r}/docs` : 'docs', r ? `${r}/doc` : 'doc']);
}

/** The guide at `ref` (a tag), or null; a rate limit says nothing found rather than failing the notes. */
export async function findUpgradeGuide(
  gh: GitHubReader,
  source: GitHubSource,
  ref: string,
  major: string,
): Promise<UpgradeGuide | null> {
  const paths: string[] = [];
  try {
    for (const dir of dirsToSearch(source.subdir)) {
      const entries = await gh.dir(source.owner, source.repo, dir, ref);
      for (const e of entries ?? []) if (e.type === 'file') paths.push(dir ? `${dir}/${e.name}` : e.name);
    }
  } catch (err) {
    if (err instanceof RateLimitedError) return null;
    throw err;
  }
  const path = pickGuide(paths, major);
  if (!path) return null;
  const encodedRef = ref.split('/').map(encodeURIComponent).join('/');
  return { path, url: `${source.url}/blob/${encodedRef}/${path.split('/').map(encodeURIComponent).join('/')}` };
}
