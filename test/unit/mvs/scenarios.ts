/**
 * Module graphs small enough to reason about by hand. The unit tests run the engine on them with
 * an in-memory proxy; test/integration/mvs-oracle.test.ts serves the same modules to the real go
 * command from a file-system proxy, so every expected list here is also Go's answer.
 */
import { MemorySource, type GoModSpec } from '../../support/memory-source.js';

export interface Scenario {
  name: string;
  /** [path, version, go.mod spec (null: no go.mod)] */
  modules: [string, string, GoModSpec | null][];
  /** The main module's go.mod text (module example.com/main). */
  main: string;
  /** go.mod texts of directory replacements, keyed by the directory as written (e.g. ../local). */
  locals?: Record<string, string>;
  /** `go list -m all`, GOWORK=off. */
  expect: string[];
}

const M = 'module example.com/main\n\n';

/** A chain main → a → b → c → d whose shape depends on go lines. */
const chain = (aGo: string, bGo: string): [string, string, GoModSpec | null][] => [
  ['example.com/a', 'v1.0.0', { go: aGo, require: ['example.com/b v1.1.0'] }],
  ['example.com/b', 'v1.1.0', { go: bGo, require: ['example.com/c v1.0.0'] }],
  ['example.com/c', 'v1.0.0', { go: '1.20', require: ['example.com/d v1.0.0'] }],
  ['example.com/d', 'v1.0.0', { go: '1.20' }],
];

export const SCENARIOS: Scenario[] = [
  {
    name: 'pruned main, pruned root: the root’s requirements are nodes, their go.mod files are not read',
    modules: chain('1.20', '1.20'),
    main: `${M}go 1.21\n\nrequire example.com/a v1.0.0\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/b v1.1.0'],
  },
  {
    name: 'unpruned main (go 1.16): everything, transitively',
    modules: chain('1.20', '1.20'),
    main: `${M}go 1.16\n\nrequire example.com/a v1.0.0\n`,
    expect: [
      'example.com/main',
      'example.com/a v1.0.0',
      'example.com/b v1.1.0',
      'example.com/c v1.0.0',
      'example.com/d v1.0.0',
    ],
  },
  {
    name: 'pruned main, unpruned root: below it everything is loaded, even pruned modules',
    modules: chain('1.16', '1.20'),
    main: `${M}go 1.21\n\nrequire example.com/a v1.0.0\n`,
    expect: [
      'example.com/main',
      'example.com/a v1.0.0',
      'example.com/b v1.1.0',
      'example.com/c v1.0.0',
      'example.com/d v1.0.0',
    ],
  },
  {
    name: 'a root without a go line is unpruned',
    modules: [
      ['example.com/a', 'v1.0.0', { require: ['example.com/b v1.1.0'] }],
      ['example.com/b', 'v1.1.0', { go: '1.20', require: ['example.com/c v1.0.0'] }],
      ['example.com/c', 'v1.0.0', { go: '1.20' }],
    ],
    main: `${M}go 1.21\n\nrequire example.com/a v1.0.0\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/b v1.1.0', 'example.com/c v1.0.0'],
  },
  {
    name: 'diamond: the higher of two requirements wins',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/c v1.1.0'] }],
      ['example.com/b', 'v1.0.0', { go: '1.20', require: ['example.com/c v1.2.0'] }],
      ['example.com/c', 'v1.1.0', { go: '1.20' }],
      ['example.com/c', 'v1.2.0', { go: '1.20' }],
    ],
    main: `${M}go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/c v1.2.0 // indirect\n)\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/b v1.0.0', 'example.com/c v1.2.0'],
  },
  {
    name: 'unpruned diamond with an older version’s requirements still counting',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.16', require: ['example.com/c v1.1.0'] }],
      ['example.com/b', 'v1.0.0', { go: '1.16', require: ['example.com/c v1.2.0'] }],
      ['example.com/c', 'v1.1.0', { go: '1.16', require: ['example.com/e v1.5.0'] }],
      ['example.com/c', 'v1.2.0', { go: '1.16', require: ['example.com/e v1.0.0'] }],
      ['example.com/e', 'v1.0.0', { go: '1.16' }],
      ['example.com/e', 'v1.5.0', { go: '1.16' }],
    ],
    main: `${M}go 1.16\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n`,
    expect: [
      'example.com/main',
      'example.com/a v1.0.0',
      'example.com/b v1.0.0',
      'example.com/c v1.2.0',
      'example.com/e v1.5.0',
    ],
  },
  {
    name: 'inconsistent roots are raised and the graph loaded again',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/b v1.1.0'] }],
      ['example.com/b', 'v1.0.0', { go: '1.20' }],
      ['example.com/b', 'v1.1.0', { go: '1.20', require: ['example.com/c v1.0.0'] }],
      ['example.com/c', 'v1.0.0', { go: '1.20' }],
    ],
    main: `${M}go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/b v1.1.0', 'example.com/c v1.0.0'],
  },
  {
    name: 'remote replacement: the node keeps its version, requirements come from the fork',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/b v1.0.0'] }],
      ['example.com/b', 'v1.0.0', { go: '1.20' }],
      ['example.com/fork', 'v1.5.0', { go: '1.20', require: ['example.com/c v1.0.0'] }],
      ['example.com/c', 'v1.0.0', { go: '1.20' }],
    ],
    main: `${M}go 1.21\n\nrequire example.com/a v1.0.0\n\nreplace example.com/a v1.0.0 => example.com/fork v1.5.0\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/c v1.0.0'],
  },
  {
    name: 'path-only remote replacement applies to every version',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/b v1.0.0'] }],
      ['example.com/b', 'v1.0.0', { go: '1.20' }],
      ['example.com/b', 'v1.3.0', { go: '1.20' }],
      ['example.com/fork', 'v0.1.0', { go: '1.20', require: ['example.com/b v1.3.0'] }],
    ],
    main: `${M}go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.3.0\n)\n\nreplace example.com/a => example.com/fork v0.1.0\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/b v1.3.0'],
  },
  {
    name: 'directory replacement: requirements come from the local go.mod',
    modules: [
      ['example.com/b', 'v1.0.0', { go: '1.20', require: ['example.com/c v1.0.0'] }],
      ['example.com/c', 'v1.0.0', { go: '1.20' }],
    ],
    main: `${M}go 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/local v0.0.0-00010101000000-000000000000\n)\n\nreplace example.com/local => ../local\n`,
    locals: { '../local': 'module example.com/local\n\ngo 1.16\n\nrequire example.com/b v1.0.0\n' },
    expect: [
      'example.com/main',
      'example.com/b v1.0.0',
      'example.com/c v1.0.0',
      'example.com/local v0.0.0-00010101000000-000000000000',
    ],
  },
  {
    name: 'exclude drops the requirement edge, not the module',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/c v1.2.0'] }],
      ['example.com/b', 'v1.0.0', { go: '1.20', require: ['example.com/c v1.1.0'] }],
      ['example.com/c', 'v1.1.0', { go: '1.20' }],
      ['example.com/c', 'v1.2.0', { go: '1.20' }],
    ],
    main: `${M}go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/c v1.1.0 // indirect\n)\n\nexclude example.com/c v1.2.0\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/b v1.0.0', 'example.com/c v1.1.0'],
  },
  {
    name: 'unpruned graph with a cycle back to an older main module version',
    modules: [
      ['example.com/a', 'v1.0.0', { go: '1.16', require: ['example.com/main v0.9.0'] }],
      ['example.com/main', 'v0.9.0', { go: '1.16', require: ['example.com/e v1.0.0'] }],
      ['example.com/e', 'v1.0.0', { go: '1.16' }],
    ],
    main: `${M}go 1.16\n\nrequire example.com/a v1.0.0\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/e v1.0.0'],
  },
  {
    name: 'a +incompatible version and a module without go.mod',
    modules: [
      ['example.com/old', 'v2.1.0+incompatible', null],
      ['example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/old v2.0.0+incompatible'] }],
      ['example.com/old', 'v2.0.0+incompatible', null],
    ],
    main: `${M}go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/old v2.1.0+incompatible\n)\n`,
    expect: ['example.com/main', 'example.com/a v1.0.0', 'example.com/old v2.1.0+incompatible'],
  },
];

export function sourceFor(s: Pick<Scenario, 'modules'>): MemorySource {
  const source = new MemorySource();
  for (const [path, version, spec] of s.modules) source.add(path, version, spec);
  return source;
}

export interface WorkspaceScenario {
  modules: [string, string, GoModSpec | null][];
  work: string;
  /** go.mod text by directory (relative to the go.work directory, as `use` names it). */
  mains: Record<string, string>;
  expect: string[];
}

export const WORKSPACE_SCENARIO: WorkspaceScenario = {
  modules: [
    ['example.com/x', 'v1.0.0', { go: '1.20' }],
    ['example.com/x', 'v1.2.0', { go: '1.20' }],
    ['example.com/fork', 'v1.0.0', { go: '1.20', require: ['example.com/y v1.0.0'] }],
    ['example.com/y', 'v1.0.0', { go: '1.20' }],
    ['example.com/other', 'v1.0.0', { go: '1.20', require: ['example.com/z v1.0.0'] }],
    ['example.com/z', 'v1.0.0', { go: '1.20' }],
  ],
  work: 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n\nreplace example.com/r v1.0.0 => example.com/fork v1.0.0\n',
  mains: {
    a: 'module example.com/a\n\ngo 1.22\n\nrequire (\n\texample.com/x v1.0.0\n\texample.com/r v1.0.0\n)\n\nreplace example.com/r => example.com/other v1.0.0\n',
    b: 'module example.com/b\n\ngo 1.22\n\nrequire example.com/x v1.2.0\n',
  },
  expect: ['example.com/a', 'example.com/b', 'example.com/r v1.0.0', 'example.com/x v1.2.0', 'example.com/y v1.0.0'],
};
