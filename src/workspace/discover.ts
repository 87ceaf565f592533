/**
 * Finds every Go module of a repository: the `use` entries of the root go.work first, then
 * every other go.mod in the tree. A file that does not parse is reported, not fatal, so the
 * rest of the repository still gets its run.
 */
import { InputError } from '../errors.js';
import { parseGoMod, parseGoWork } from '../gomod/modfile/index.js';
import type { GoMod, GoWork } from '../gomod/types.js';
import { compareStrings, dirOf, joinRepoPath, resolveRepoPath } from './paths.js';
import { isSkippedDir, type RepoTree } from './tree.js';

export interface DiscoveredModule {
  dir: string;
  file: string;
  goMod: GoMod;
  /** Listed by the root go.work. */
  inWorkspace: boolean;
}

export interface DiscoveryProblem {
  file: string;
  dir: string;
  error: InputError;
}

export interface Discovery {
  goWork: GoWork | null;
  modules: DiscoveredModule[];
  problems: DiscoveryProblem[];
}

function underSkippedDir(file: string): boolean {
  return file.split('/').slice(0, -1).some(isSkippedDir);
}

function asInputError(file: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  return new InputError(`cannot parse: ${(err as Error).message ?? String(err)}`, { file, line: 1 });
}

export async function discoverModules(tree: RepoTree): Promise<Discovery> {
  const files = await tree.files();
  const problems: DiscoveryProblem[] = [];
  let goWork: GoWork | null = null;
  const workDirs = new Set<string>();

  const workText = files.includes('go.work') ? await tree.read('go.work') : null;
  if (workText !== null) {
    try {
      goWork = parseGoWork('go.work', workText);
      for (const u of goWork.use) {
        const d = resolveRepoPath('.', u.diskPath);
        if (d === null) {
          problems.push({
            file: 'go.work',
            dir: '.',
            error: new InputError(`use ${u.diskPath}: directory is outside the repository; it is not planned`, {
              file: 'go.work',
              line: u.pos.line,
              column: u.pos.column,
            }),
          });
        } else {
          workDirs.add(d);
        }
      }
    } catch (err) {
      problems.push({ file: 'go.work', dir: '.', error: asInputError('go.work', err) });
    }
  }

  const modFiles = files.filter((f) => (f === 'go.mod' || f.endsWith('/go.mod')) && !underSkippedDir(f));
  // A go.work may use a module the scan skips (pdata/testdata): Go honours an explicit use, so do we.
  const unlisted = [...workDirs].map((d) => joinRepoPath(d, 'go.mod')).filter((f) => !modFiles.includes(f));
  const found = await Promise.all(unlisted.map(async (f) => ((await tree.read(f)) === null ? null : f)));
  modFiles.push(...found.filter((f): f is string => f !== null));
  for (const d of workDirs) {
    const f = joinRepoPath(d, 'go.mod');
    if (!modFiles.includes(f)) {
      problems.push({
        file: 'go.work',
        dir: d,
        error: new InputError(`use ${d}: no go.mod in that directory`, { file: 'go.work', line: lineOfUse(goWork, d) }),
      });
    }
  }

  const modules: DiscoveredModule[] = [];
  const texts = await Promise.all(modFiles.map((f) => tree.read(f)));
  modFiles.forEach((file, i) => {
    const text = texts[i];
    const dir = dirOf(file);
    if (text == null) return;
    try {
      const goMod = parseGoMod(file, text);
      if (!goMod.module) {
        throw new InputError('no module directive', { file, line: 1 }, 'module <path>');
      }
      modules.push({ dir, file, goMod, inWorkspace: workDirs.has(dir) });
    } catch (err) {
      problems.push({ file, dir, error: asInputError(file, err) });
    }
  });
  // Workspace modules first, in go.work order, then the rest by path: the order users read them in.
  const workOrder = [...workDirs];
  modules.sort((a, b) => {
    const ia = workOrder.indexOf(a.dir);
    const ib = workOrder.indexOf(b.dir);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || compareStrings(a.dir, b.dir);
    return compareStrings(a.dir, b.dir);
  });
  return { goWork, modules, problems };
}

function lineOfUse(work: GoWork | null, dir: string): number {
  const u = work?.use.find((x) => resolveRepoPath('.', x.diskPath) === dir);
  return u?.pos.line ?? 1;
}
