/**
 * The original bytes of every file Go may write during apply: go.mod, go.sum and vendor/ of
 * each module, go.work, go.work.sum and vendor/ of the workspace. A failed module goes back to
 * exactly these bytes (files Go created are removed), and the changed-file list is a byte
 * comparison against them, not a guess from what we asked Go to do. Modules whose imports a major
 * move rewrites have their .go files in the snapshot too.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compareStrings, joinRepoPath } from '../../workspace/paths.js';
import { dirEntriesOrNone } from './dir-entries.js';
import { ApplyStateError } from './errors.js';
import { goSourceFiles } from './go-source-files.js';

export interface Scope {
  /** Repository-relative directory, "." for the root. */
  dir: string;
  kind: 'module' | 'workspace';
}

const NAMES: Record<Scope['kind'], readonly string[]> = {
  module: ['go.mod', 'go.sum'],
  workspace: ['go.work', 'go.work.sum'],
};

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw err;
  }
}

async function walk(root: string, rel: string, out: string[]): Promise<void> {
  const entries = await dirEntriesOrNone(join(root, rel));
  for (const e of entries) {
    const p = `${rel}/${e.name}`;
    if (e.isDirectory()) await walk(root, p, out);
    else out.push(p);
  }
}

/** The files of a scope as they are on disk now (repository-relative). */
async function filesOf(root: string, scope: Scope, sources: ReadonlySet<string>): Promise<string[]> {
  const out = NAMES[scope.kind].map((n) => joinRepoPath(scope.dir, n));
  await walk(root, joinRepoPath(scope.dir, 'vendor'), out);
  if (scope.kind === 'module' && sources.has(scope.dir)) out.push(...(await goSourceFiles(root, scope.dir)));
  return out;
}

export interface SnapshotOptions {
  /** Module dirs whose .go files are kept as well (their imports may be rewritten). */
  sources?: ReadonlySet<string>;
}

export class FileSnapshot {
  private constructor(
    private readonly root: string,
    private readonly scopes: readonly Scope[],
    /** null: the file did not exist. */
    private readonly bytes: ReadonlyMap<string, Buffer | null>,
    private readonly byScope: ReadonlyMap<string, readonly string[]>,
    private readonly sources: ReadonlySet<string>,
  ) {}

  static async take(root: string, scopes: readonly Scope[], opts: SnapshotOptions = {}): Promise<FileSnapshot> {
    const sources = opts.sources ?? new Set<string>();
    const bytes = new Map<string, Buffer | null>();
    const byScope = new Map<string, string[]>();
    for (const scope of scopes) {
      const files = await filesOf(root, scope, sources);
      byScope.set(key(scope), files);
      for (const f of files) if (!bytes.has(f)) bytes.set(f, await readOrNull(join(root, f)));
    }
    return new FileSnapshot(root, scopes, bytes, byScope, sources);
  }

  /** True when the scope's vendor/modules.txt existed: the repository vendors there. */
  vendors(scope: Scope): boolean {
    const f = joinRepoPath(scope.dir, 'vendor/modules.txt');
    return (this.bytes.get(f) ?? null) !== null;
  }

  /** The original text of a file, null when it did not exist. */
  text(file: string): string | null {
    return this.bytes.get(file)?.toString('utf8') ?? null;
  }

  /** Puts the scopes' files back to the snapshot's bytes; returns the files that had to be written or removed. */
  async restore(scopes: readonly Scope[] = this.scopes): Promise<string[]> {
    const touched: string[] = [];
    for (const scope of scopes) {
      const original = this.byScope.get(key(scope));
      if (!original) throw new ApplyStateError(`scope ${scope.kind} ${scope.dir} was not snapshotted`);
      const now = await filesOf(this.root, scope, this.sources);
      for (const f of new Set([...original, ...now])) {
        const want = this.bytes.get(f) ?? null;
        const have = await readOrNull(join(this.root, f));
        if (same(want, have)) continue;
        const abs = join(this.root, f);
        if (want === null) {
          await rm(abs, { force: true });
        } else {
          await mkdir(dirname(abs), { recursive: true });
          await writeFile(abs, want);
        }
        touched.push(f);
      }
    }
    return touched;
  }

  /** Files of the given scopes (default: all) whose bytes differ from the snapshot, sorted. */
  async changed(scopes: readonly Scope[] = this.scopes): Promise<string[]> {
    const out = new Set<string>();
    for (const scope of scopes) {
      const original = this.byScope.get(key(scope)) ?? [];
      const now = await filesOf(this.root, scope, this.sources);
      for (const f of new Set([...original, ...now])) {
        if (!same(this.bytes.get(f) ?? null, await readOrNull(join(this.root, f)))) out.add(f);
      }
    }
    return [...out].sort(compareStrings);
  }
}

function key(scope: Scope): string {
  return `${scope.kind}:${scope.dir}`;
}

function same(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

export const moduleScope = (dir: string): Scope => ({ dir, kind: 'module' });
export const workspaceScope: Scope = { dir: '.', kind: 'workspace' };
