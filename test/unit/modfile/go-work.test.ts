import { describe, expect, it } from '@jest/globals';
import { GoModSyntaxError, parseGoWork } from '../../../src/gomod/modfile/index.js';

describe('parseGoWork', () => {
  it('reads go, toolchain, godebug, use and replace in line and block form', () => {
    const text = `go 1.23.0

toolchain go1.23.4

godebug (
	panicnil=1
)

use ./libs/a
use (
	./services/b // a comment
	"./with space"
	../outside
)

replace example.com/x v1.0.0 => ./x
replace (
	example.com/y => example.com/y2 v1.2.0
)
`;
    const work = parseGoWork('go.work', text);
    expect(work.file).toBe('go.work');
    expect(work.go).toBe('1.23.0');
    expect(work.toolchain).toBe('go1.23.4');
    expect(work.godebug).toEqual([{ key: 'panicnil', value: '1', pos: { line: 6, column: 2 } }]);
    expect(work.use).toEqual([
      { diskPath: './libs/a', pos: { line: 9, column: 1 } },
      { diskPath: './services/b', pos: { line: 11, column: 2 } },
      { diskPath: './with space', pos: { line: 12, column: 2 } },
      { diskPath: '../outside', pos: { line: 13, column: 2 } },
    ]);
    expect(work.replace.map(({ old, new: n }) => ({ old, new: n }))).toEqual([
      { old: { path: 'example.com/x', version: 'v1.0.0' }, new: { path: './x' } },
      { old: { path: 'example.com/y' }, new: { path: 'example.com/y2', version: 'v1.2.0' } },
    ]);
  });

  it('leaves go and toolchain null when absent', () => {
    expect(parseGoWork('go.work', 'use .\n')).toEqual({
      file: 'go.work',
      go: null,
      toolchain: null,
      godebug: [],
      use: [{ diskPath: '.', pos: { line: 1, column: 1 } }],
      replace: [],
    });
  });

  it('refuses go.mod-only directives', () => {
    for (const text of [
      'module m\n',
      'require a.com/x v1.0.0\n',
      'exclude a.com/x v1.0.0\n',
      'retract v1.0.0\n',
      'tool a.com/t\n',
    ]) {
      expect(() => parseGoWork('go.work', text)).toThrow(GoModSyntaxError);
    }
  });
});
