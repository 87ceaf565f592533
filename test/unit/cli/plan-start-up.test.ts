/**
 * What `gomod-steward plan` loads before it plans a repository that has no config file. The
 * validator (zod, about a hundred files) costs a warm plan a fifth of its start-up, and such a
 * plan checks nothing with it: it may come in only behind an `import()` taken when there is
 * something to check (a config file, a vulnerability database's answer).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

const src = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Specifiers a file loads when it is loaded: value imports and re-exports, not types nor `import()`. */
function staticImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly && ts.isStringLiteral(s.moduleSpecifier))
      out.push(s.moduleSpecifier.text);
    if (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier))
      out.push(s.moduleSpecifier.text);
  }
  return out;
}

/** Every file and package a set of entry files loads; for a package, the chain of files that brings it in. */
function loaded(entries: string[]): { files: string[]; packages: Map<string, string[]> } {
  const parent = new Map<string, string | null>(entries.map((e) => [join(src, e), null]));
  const queue = [...parent.keys()];
  const packages = new Map<string, string[]>();
  const chain = (f: string): string[] => {
    const out: string[] = [];
    for (let at: string | null | undefined = f; at; at = parent.get(at)) out.unshift(relative(src, at));
    return out;
  };
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) {
        if (!spec.startsWith('node:') && !packages.has(spec)) packages.set(spec, chain(file));
        continue;
      }
      const target = join(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (parent.has(target)) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }
  return { files: queue.map((f) => relative(src, f)), packages };
}

describe('plan start-up', () => {
  // cli.ts's command switch, plan-command.ts's imports, and the modules planDir imports for a
  // repository without a config file.
  const entries = ['cli.ts', 'cli/plan-command.ts', 'planner/plan.ts', 'workspace/tree.ts', 'gomod/vulndb/index.ts'];

  it('loads no validator for a repository without a config file', () => {
    const { files, packages } = loaded(entries);
    // A walk that stopped early would find nothing: it must reach the engine and the proxy client.
    expect(files).toEqual(expect.arrayContaining(['gomod/mvs/pruned-read.ts', 'gomod/proxy/client.ts']));
    expect(packages.get('zod')).toBeUndefined();
  });

  it('finds the validator where a config file is read', () => {
    expect(loaded(['config/load.ts']).packages.get('zod')).toEqual(expect.arrayContaining(['config/load.ts']));
  });
});
