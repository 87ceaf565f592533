/**
 * The object store of the test stand-in's repositories: a real bare git repository, so blobs,
 * trees and commits have GitHub's shas and the app's shallow clone is a real `git fetch`.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const pexec = promisify(execFile);

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'GitHub',
  GIT_COMMITTER_EMAIL: 'noreply@example.com',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export interface TreeItem {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export class GitStore {
  private constructor(readonly dir: string) {}

  /** A bare repository whose `branch` holds one commit with the files of `sourceDir`. */
  static async fromDir(sourceDir: string, branch = 'main', extra: Record<string, string> = {}): Promise<GitStore> {
    const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-fakegh-'));
    const store = new GitStore(dir);
    await store.git(['init', '-q', '--bare', `--initial-branch=${branch}`]);
    await store.git(['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    const work = await mkdtemp(join(tmpdir(), 'gomod-steward-fakegh-src-'));
    try {
      await cp(sourceDir, work, { recursive: true });
      for (const [rel, text] of Object.entries(extra)) {
        await mkdir(dirname(join(work, rel)), { recursive: true });
        await writeFile(join(work, rel), text);
      }
      const env = { GIT_DIR: dir, GIT_WORK_TREE: work };
      await store.git(['add', '-A'], env);
      await store.git(['commit', '-q', '-m', 'initial import'], env);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return store;
  }

  async git(args: string[], extraEnv: Record<string, string> = {}, input?: Buffer): Promise<string> {
    const env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      ...IDENTITY,
      ...extraEnv,
    };
    const child = pexec('git', args, { cwd: this.dir, env, maxBuffer: 256 << 20, encoding: 'buffer' });
    if (input) {
      child.child.stdin?.end(input);
    }
    const { stdout } = await child;
    return stdout.toString('utf8');
  }

  async revParse(ref: string): Promise<string | undefined> {
    try {
      return (await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async objectType(sha: string): Promise<string | undefined> {
    try {
      return (await this.git(['cat-file', '-t', sha])).trim();
    } catch {
      return undefined;
    }
  }

  async writeBlob(content: Buffer): Promise<string> {
    return (await this.git(['hash-object', '-w', '--stdin'], {}, content)).trim();
  }

  async readBlob(sha: string): Promise<Buffer> {
    const { stdout } = await pexec('git', ['cat-file', 'blob', sha], {
      cwd: this.dir,
      encoding: 'buffer',
      maxBuffer: 256 << 20,
    });
    return stdout;
  }

  /** Entries of a tree-ish, recursively (with the trees themselves, as GitHub lists them). */
  async listTree(treeish: string, recursive: boolean): Promise<{ sha: string; items: TreeItem[] }> {
    const sha = (await this.git(['rev-parse', `${treeish}^{tree}`])).trim();
    const out = await this.git(['ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), sha]);
    const items = out
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = line.split('\t') as [string, string];
        const [mode, type, objSha, size] = meta.split(/\s+/) as [string, TreeItem['type'], string, string];
        return { path, mode, type, sha: objSha, ...(type === 'blob' ? { size: Number(size) } : {}) };
      });
    return { sha, items };
  }

  /** A new tree: `base` with entries set (sha) or removed (null). */
  async writeTree(
    base: string | undefined,
    entries: { path: string; mode: string; sha: string | null }[],
  ): Promise<string> {
    const index = join(this.dir, `index-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      if (base) await this.git(['read-tree', base], env);
      else await this.git(['read-tree', '--empty'], env);
      for (const e of entries) {
        if (e.sha === null) await this.git(['update-index', '--force-remove', '--', e.path], env);
        else await this.git(['update-index', '--add', '--cacheinfo', `${e.mode},${e.sha},${e.path}`], env);
      }
      return (await this.git(['write-tree'], env)).trim();
    } finally {
      await rm(index, { force: true });
    }
  }

  /** A commit on top of `parent` that sets (text) or removes (null) the given files; the ref is not moved. */
  async commitFiles(
    parent: string,
    files: Record<string, string | null>,
    message: string,
    date?: string,
  ): Promise<{ sha: string; tree: string }> {
    const base = await this.readCommit(parent);
    if (!base) throw new Error(`no commit ${parent}`);
    const entries = [];
    for (const [path, text] of Object.entries(files))
      entries.push({ path, mode: '100644', sha: text === null ? null : await this.writeBlob(Buffer.from(text)) });
    const tree = await this.writeTree(base.tree, entries);
    return { sha: await this.writeCommit(tree, [parent], message, date), tree };
  }

  /** `date`: author and committer date (default the fixed one of every commit here). */
  async writeCommit(tree: string, parents: string[], message: string, date?: string): Promise<string> {
    const when: Record<string, string> = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
    return (
      await this.git(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'], when, Buffer.from(message))
    ).trim();
  }

  async readCommit(sha: string): Promise<CommitInfo | undefined> {
    if ((await this.objectType(sha)) !== 'commit') return undefined;
    const raw = await this.git(['cat-file', 'commit', sha]);
    const [head, ...rest] = raw.split('\n\n');
    const lines = (head ?? '').split('\n');
    return {
      sha,
      tree: lines.find((l) => l.startsWith('tree '))!.slice(5),
      parents: lines.filter((l) => l.startsWith('parent ')).map((l) => l.slice(7)),
      message: rest.join('\n\n'),
    };
  }

  async setRef(ref: string, sha: string): Promise<void> {
    await this.git(['update-ref', ref, sha]);
  }

  async deleteRef(ref: string): Promise<void> {
    await this.git(['update-ref', '-d', ref]);
  }

  /** Commits reachable from `ref` (first-parent), newest first. */
  async log(ref: string): Promise<string[]> {
    return (await this.git(['rev-list', '--first-parent', ref])).trim().split('\n').filter(Boolean);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
