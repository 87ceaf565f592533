/**
 * A repository's files at a git ref, read with git itself (`ls-tree`, `cat-file`), for `check
 * --base`: what the base had, without touching the work tree. Paths are relative to `dir`, as
 * fsTree has them, also when `dir` is a subdirectory of the repository.
 */
import { execFile } from 'node:child_process';
import { InputError } from '../errors.js';
import type { RepoTree } from './tree.js';

function git(dir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', dir, ...args], { maxBuffer: 256 << 20 }, (err, out, errOut) => {
      if (err) reject(new Error(`git ${args[0]}: ${(errOut || err.message).trim()}`));
      else resolve(out);
    });
  });
}

export async function gitRefTree(dir: string, ref: string): Promise<RepoTree> {
  const commit = await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
  if (!commit.trim()) throw new InputError(`--base ${ref}: not a commit of the repository at ${dir}`);
  const sha = commit.trim();
  // Paths relative to `dir` (ls-tree's default inside a subdirectory), NUL-separated.
  const files = (await git(dir, ['ls-tree', '-r', '-z', '--name-only', sha, '--', '.'])).split('\0').filter(Boolean);
  const known = new Set(files);
  return {
    async files() {
      return [...files].sort();
    },
    async read(path) {
      if (!known.has(path)) return null;
      return git(dir, ['cat-file', 'blob', `${sha}:./${path}`]);
    },
  };
}
