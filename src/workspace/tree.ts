/**
 * A read-only view of a repository's files. The CLI walks the file system; the bot lists the
 * git tree and reads blobs through the API, so the planner never needs a clone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RepoTree {
  /** Every file path, repository-relative, `/`-separated. */
  files(): Promise<string[]>;
  /** Text of a file; null when there is no such file. */
  read(path: string): Promise<string | null>;
  /**
   * Reading every file costs no request (a checkout on disk): the planner then reads all Go
   * sources to predict `go mod tidy`. Absent for trees read through an API.
   */
  local?: boolean;
  /**
   * Every file under `dir`, also where `dir` itself lies in a directory files() skips (a module
   * under testdata/ that another module replaces itself with); skipped names below `dir` are
   * still skipped. Local trees only.
   */
  filesIn?(dir: string): Promise<string[]>;
}

/** Directories Go itself never treats as part of a module's package tree. */
export function isSkippedDir(name: string): boolean {
  return (
    name === 'vendor' || name === 'testdata' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_')
  );
}

export function fsTree(root: string): RepoTree {
  let cached: Promise<string[]> | undefined;
  // Synchronous, as read() is: a directory listing is small, and a walk of a few hundred
  // directories cost twice the CPU through the thread pool and a promise per directory.
  function walk(rel: string, out: string[]): void {
    const entries = readdirSync(join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!isSkippedDir(e.name)) walk(p, out);
      } else if (e.isFile()) {
        out.push(p);
      }
    }
  }
  return {
    local: true,
    async filesIn(dir) {
      const out: string[] = [];
      try {
        walk(dir === '.' ? '' : dir, out);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
          return [];
        throw err;
      }
      return out.sort();
    },
    files() {
      cached ??= (async () => {
        const out: string[] = [];
        walk('', out);
        return out.sort();
      })();
      return cached;
    },
    // Synchronous on purpose: a plan that predicts tidy reads every Go file of the checkout, each
    // a few kilobytes; four thread-pool round trips per file cost more than the reads.
    async read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR')
          return null;
        throw err;
      }
    },
  };
}

/** An in-memory tree, for tests and for plans over files fetched from elsewhere. */
export function memoryTree(files: Record<string, string>): RepoTree {
  return {
    async files() {
      return Object.keys(files).sort();
    },
    async read(path) {
      return files[path] ?? null;
    },
  };
}
