/**
 * The import half of a major move in one module: after `go get new@version`, every .go file of the
 * module that imports the old path (or a package under it) imports the new one instead
 * (rewrite-imports.ts). Two things only Go knows are asked of Go:
 *  - a package's own name, when an unnamed import's name would change with the move (then the
 *    old name is kept as the spec's name, so the file's references still resolve);
 *  - gofmt's layout: a moved path can change how gofmt sorts an import group or aligns its
 *    comments, so a file that was gofmt-clean and is not after the rewrite is run through gofmt
 *    (the toolchain's own). A file that was not clean before is left as is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GoSession } from './go-session.js';
import { goSourceFiles } from './go-source-files.js';
import { ImportScanError, movedPath, rewriteImports, scanImports, type PathMove } from './rewrite-imports.js';

export interface ImportMoveOutcome {
  /** Repository-relative .go files whose imports moved. */
  files: string[];
  /** Files that name a moved path but whose import section could not be read: left as they were. */
  unreadable: { file: string; error: string }[];
}

/** Paths relative to the module dir, for go commands run there. */
function relativeTo(dir: string, file: string): string {
  return dir === '.' ? file : file.slice(dir.length + 1);
}

async function packageNames(go: GoSession, dir: string, paths: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (paths.length === 0) return names;
  const r = await go.run(dir, ['list', '-e', '-f', '{{.ImportPath}}\t{{.Name}}', ...paths]);
  for (const line of r.stdout.split('\n')) {
    const [path, name] = line.split('\t');
    if (path && name) names.set(path, name);
  }
  return names;
}

async function gofmtList(go: GoSession, dir: string, files: string[]): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  const r = await go.gofmt(dir, ['-l', ...files]);
  return new Set(
    r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

export async function moveModuleImports(
  go: GoSession,
  root: string,
  dir: string,
  moves: readonly PathMove[],
): Promise<ImportMoveOutcome> {
  const unreadable: ImportMoveOutcome['unreadable'] = [];
  const texts = new Map<string, string>();
  const unnamed = new Set<string>();
  for (const file of await goSourceFiles(root, dir)) {
    const text = await readFile(join(root, file), 'utf8');
    if (!moves.some((m) => text.includes(m.from))) continue;
    try {
      const specs = scanImports(text).filter((s) => movedPath(s.path, moves) !== null);
      if (specs.length === 0) continue;
      for (const s of specs) if (s.name === null) unnamed.add(s.path);
      texts.set(file, text);
    } catch (err) {
      if (!(err instanceof ImportScanError)) throw err;
      unreadable.push({ file, error: err.message });
    }
  }
  if (texts.size === 0) return { files: [], unreadable };

  const asked = [...unnamed].flatMap((p) => [p, movedPath(p, moves)!]);
  const names = await packageNames(go, dir, asked);
  const nameAfter = (from: string, to: string): string | null => {
    const before = names.get(from);
    const after = names.get(to);
    return before && after && before !== after ? before : null;
  };

  const rel = [...texts.keys()].map((f) => relativeTo(dir, f));
  const untidyBefore = await gofmtList(go, dir, rel);
  const files: string[] = [];
  for (const [file, text] of texts) {
    const out = rewriteImports(text, moves, nameAfter);
    if (out.text === text) continue;
    await writeFile(join(root, file), out.text);
    files.push(file);
  }
  const untidyAfter = await gofmtList(
    go,
    dir,
    files.map((f) => relativeTo(dir, f)),
  );
  const reformat = [...untidyAfter].filter((f) => !untidyBefore.has(f));
  if (reformat.length > 0) await go.gofmt(dir, ['-w', ...reformat]);
  return { files, unreadable };
}
