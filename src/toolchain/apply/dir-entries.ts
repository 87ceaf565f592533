import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';

/** A directory's entries; none when it is gone or is not a directory (a walk simply skips it). */
export async function dirEntriesOrNone(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}
