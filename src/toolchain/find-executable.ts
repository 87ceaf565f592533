import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The directory of the first executable `name` on a PATH string. Relative entries are skipped:
 * they would resolve against the repository being updated.
 */
export function findExecutableDir(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return dir;
    } catch {
      // not here
    }
  }
  return undefined;
}
