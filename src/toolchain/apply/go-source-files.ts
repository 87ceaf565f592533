/**
 * The .go files of one module as Go's `./...` sees them: the module directory and its
 * subdirectories, less nested modules (a directory with its own go.mod), vendor/ and testdata/
 * trees, and directories whose name starts with `.` or `_`, which Go ignores.
 */
import { join } from 'node:path';
import { dirEntriesOrNone } from './dir-entries.js';
import { compareStrings, joinRepoPath } from '../../workspace/paths.js';

async function walk(root: string, rel: string, top: boolean, out: string[]): Promise<void> {
  const entries = await dirEntriesOrNone(join(root, rel));
  if (!top && entries.some((e) => e.name === 'go.mod' && e.isFile())) return;
  for (const e of entries) {
    const p = joinRepoPath(rel, e.name);
    if (e.isDirectory()) {
      if (e.name === 'vendor' || e.name === 'testdata' || e.name.startsWith('.') || e.name.startsWith('_')) continue;
      await walk(root, p, false, out);
    } else if (e.isFile() && e.name.endsWith('.go')) {
      out.push(p);
    }
  }
}

/** Repository-relative paths of the module's .go files, sorted. */
export async function goSourceFiles(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  await walk(root, dir, true, out);
  return out.sort(compareStrings);
}
