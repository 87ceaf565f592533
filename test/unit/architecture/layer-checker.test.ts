/** The import-layer checker on small made-up source trees: what it finds and what it says. */
import { describe, expect, it } from '@jest/globals';
import {
  assertLayers,
  checkLayers,
  findImports,
  rankDrift,
  ranksFromDoc,
  unitOf,
} from '../../support/import-layers.js';

const ranks = { 'errors.ts': 0, 'gomod/': 1, 'config/': 1, 'github/': 2, 'planner/': 3, 'queues/': 4 };

const tree = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files));

describe('findImports', () => {
  it('finds static, type-only, re-export, require and literal dynamic imports, with their lines', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      '// import { no } from "./comment.js";',
      'const s = "import { no } from \'./string.js\'";',
      "const e = await import('./e.js');",
      'const f = await import(`./f.js`);',
      'const g = await import(name);',
      "type H = import('./h.js').H;",
      "import i = require('./i.js');",
      "import './side-effect.js';",
    ].join('\n');
    expect(findImports('x.ts', text)).toEqual([
      { specifier: './a.js', line: 1 },
      { specifier: '../b.js', line: 2 },
      { specifier: './c.js', line: 3 },
      { specifier: './d.js', line: 4 },
      { specifier: './e.js', line: 7 },
      { specifier: './f.js', line: 8 },
      { specifier: './h.js', line: 10 },
      { specifier: './i.js', line: 11 },
      { specifier: './side-effect.js', line: 12 },
    ]);
  });
});

describe('unitOf', () => {
  it('maps a file to its top-level folder, or to itself at the top', () => {
    expect(unitOf('src/gomod/mvs/graph.ts')).toBe('gomod/');
    expect(unitOf('src/errors.ts')).toBe('errors.ts');
    expect(unitOf('src/errors.js')).toBe('errors.ts');
    expect(unitOf('test/x.ts')).toBeUndefined();
    expect(unitOf('package.json')).toBeUndefined();
  });
});

describe('checkLayers', () => {
  it('passes imports downward and within one rank when the graph has no cycle', () => {
    const report = checkLayers(
      tree({
        'src/errors.ts': 'export class E extends Error {}',
        'src/gomod/a.ts': "import { E } from '../errors.js';\nimport { c } from '../config/c.js';",
        'src/config/c.ts': "import { readFile } from 'node:fs/promises';\nimport { z } from 'zod';",
        'src/github/g.ts': "import { a } from '../gomod/a.js';\nimport { x } from './x.js';",
        'src/planner/p.ts': "import { g } from '../github/g.js';\nimport type { A } from '../gomod/a.js';",
      }),
      ranks,
    );
    expect(report.problems).toEqual([]);
    expect(() => assertLayers(report)).not.toThrow();
  });

  it('fails an upward import, naming the file, the line, the path and both ranks', () => {
    const report = checkLayers(
      tree({
        'src/gomod/upgrade.ts': "import { x } from './x.js';\n\nimport type { Pull } from '../github/pulls.js';\n",
        'src/github/pulls.ts': 'export type Pull = { n: number };',
      }),
      ranks,
    );
    expect(report.problems).toEqual([
      "upward import: src/gomod/upgrade.ts:3 imports '../github/pulls.js': gomod/ (rank 1) may not import " +
        'github/ (rank 2); a folder imports only its own rank or lower',
    ]);
    expect(() => assertLayers(report)).toThrow(/1 layer problem\(s\)[\s\S]*upgrade\.ts:3/);
  });

  it('fails a cycle between two folders of one rank, with one file:line per edge', () => {
    const report = checkLayers(
      tree({
        'src/gomod/a.ts': "import { c } from '../config/c.js';",
        'src/gomod/b.ts': "\nimport { d } from '../config/d.js';",
        'src/config/c.ts': "// c\n// c\nexport { a } from '../gomod/a.js';",
      }),
      ranks,
    );
    expect(report.upward).toEqual([]);
    expect(report.problems).toEqual([
      'import cycle: config/ → gomod/ → config/\n' +
        "    config/ → gomod/: src/config/c.ts:3 imports '../gomod/a.js'\n" +
        "    gomod/ → config/: src/gomod/a.ts:1 imports '../config/c.js'",
    ]);
  });

  it('fails a three-folder cycle once, whichever folder it is entered from', () => {
    const report = checkLayers(
      tree({
        'src/gomod/a.ts': "import { g } from '../github/g.js';",
        'src/github/g.ts': "import { p } from '../planner/p.js';",
        'src/planner/p.ts': "const a = await import('../gomod/a.js');",
      }),
      ranks,
    );
    expect(report.cycles).toHaveLength(1);
    expect(report.problems).toContain(
      'import cycle: github/ → planner/ → gomod/ → github/\n' +
        "    github/ → planner/: src/github/g.ts:1 imports '../planner/p.js'\n" +
        "    planner/ → gomod/: src/planner/p.ts:1 imports '../gomod/a.js'\n" +
        "    gomod/ → github/: src/gomod/a.ts:1 imports '../github/g.js'",
    );
    // The two upward steps are reported as well.
    expect(report.upward.map((e) => `${e.from}→${e.to}`)).toEqual(['github/→planner/', 'gomod/→github/']);
  });

  it('fails a folder or a top-level file that has no rank, saying where to add it', () => {
    const report = checkLayers(
      tree({
        'src/metrics/m.ts': "import { a } from '../gomod/a.js';",
        'src/util.ts': 'export const u = 1;',
        'src/gomod/a.ts': "import { w } from '../widgets/w.js';",
      }),
      ranks,
    );
    expect(report.unranked).toEqual(['metrics/', 'util.ts', 'widgets/']);
    expect(report.problems).toEqual([
      'src/metrics/ has no rank: add it to docs/architecture.md (a `rank N` line) and to LAYER_RANKS in test/support/layers.ts',
      'src/util.ts has no rank: add it to docs/architecture.md (a `rank N` line) and to LAYER_RANKS in ' +
        'test/support/layers.ts (or move the file into a folder that has one)',
      'src/widgets/ has no rank: add it to docs/architecture.md (a `rank N` line) and to LAYER_RANKS in test/support/layers.ts',
    ]);
  });
});

describe('ranksFromDoc', () => {
  it('reads the units of each `rank N` line, leaving out labels, arrows and parenthesised notes', () => {
    const doc = [
      '# Layers',
      '```',
      'rank 2  adapters   github/ (Octokit calls returning plain data)    workspace/ (module discovery)',
      '                        │',
      'rank 1  base       gomod/ (pure Go module engine)  config/  env.ts',
      'rank 0             errors.ts',
      '```',
      'A line that mentions rank 1 in passing is not a rank line.',
    ].join('\n');
    expect(ranksFromDoc(doc)).toEqual({
      'github/': 2,
      'workspace/': 2,
      'gomod/': 1,
      'config/': 1,
      'env.ts': 1,
      'errors.ts': 0,
    });
  });
});

describe('findCycles through checkLayers', () => {
  it('names every pair of folders that import each other, even inside a larger tangle', () => {
    const report = checkLayers(
      tree({
        'src/gomod/a.ts': "import { c } from '../config/c.js';\nimport { g } from '../github/g.js';",
        'src/config/c.ts': "import { a } from '../gomod/a.js';\nimport { g } from '../github/g.js';",
        'src/github/g.ts': "import { a } from '../gomod/a.js';\nimport { c } from '../config/c.js';",
      }),
      ranks,
    );
    expect(report.cycles.map((c) => c.units.join(' → '))).toEqual([
      'config/ → github/ → config/',
      'config/ → gomod/ → config/',
      'github/ → gomod/ → github/',
    ]);
  });
});

describe('rankDrift', () => {
  it('names each unit whose rank differs between the table and the doc, or is in only one', () => {
    expect(rankDrift({ 'a/': 1, 'b/': 2 }, { 'a/': 1, 'b/': 2 })).toEqual([]);
    expect(rankDrift({ 'a/': 1, 'b/': 2, 'redis/': 1 }, { 'a/': 1, 'b/': 3, 'c.ts': 0 })).toEqual([
      'b/: rank 2 in test/support/layers.ts, rank 3 in docs/architecture.md',
      'c.ts: rank 0 in docs/architecture.md, missing from test/support/layers.ts',
      'redis/: rank 1 in test/support/layers.ts, missing from docs/architecture.md',
    ]);
  });
});
