/**
 * goFileHeader: the imports and the any-tags build decision the module loader uses for go get
 * and go mod tidy (cmd/go/internal/imports: every tag but `ignore` counts as set and unset).
 */
import { describe, expect, it } from '@jest/globals';
import { goFileHeader, isStandardImport } from '../../../src/gomod/packages/go-source.js';

describe('goFileHeader', () => {
  it('reads single, grouped, named, dot, blank and raw-string imports, skipping comments', () => {
    const src = [
      '// Copyright notice',
      '/* block',
      '   comment */',
      'package x // trailing',
      '',
      'import "a.example/one"',
      'import alias "a.example/two"',
      'import (',
      '\t. "a.example/three" // why',
      '\t_ `a.example/four`',
      '\t/* "not/an/import" */',
      '\t"fmt"; "a.example/five"',
      ')',
      'import "C"',
      '',
      'var s = "a.example/not-an-import"',
      'import "late/is/not/scanned"',
    ].join('\n');
    expect(goFileHeader(src)).toEqual({
      imports: ['a.example/one', 'a.example/two', 'a.example/three', 'a.example/four', 'fmt', 'a.example/five', 'C'],
      builds: true,
      complete: true,
    });
  });

  it('reads escaped quotes, non-ASCII names, CRLF lines and semicolons as Go tokenizes them', () => {
    const src = 'package π /* c */ ; import (\r\n\tx "a.example/c\\"d"\r\n\tñ "a.example/é"; `raw`\r\n)\r\nfunc f() {}';
    expect(goFileHeader(src)).toEqual({
      imports: ['a.example/c"d', 'a.example/é', 'raw'],
      builds: true,
      complete: true,
    });
    // A name of several non-ASCII letters is one token, as the path after it is.
    expect(goFileHeader('package x\nimport ñé "a.example/n"\nvar v = 1')).toEqual({
      imports: ['a.example/n'],
      builds: true,
      complete: true,
    });
    // A string cut by a newline ends there: the next line is read as its own import.
    expect(goFileHeader('package x\nimport "a.example/open\nimport "a.example/next"\ntype t int').imports).toEqual([
      'a.example/next',
    ]);
  });

  it('says whether the text reached past the imports, so a cut file is read again whole', () => {
    expect(goFileHeader('package x\n\nimport "a.example/y"\n\nfunc f() {}\n').complete).toBe(true);
    expect(goFileHeader('package x\n\nimport "a.example/y"\nimp').complete).toBe(false);
    expect(goFileHeader('package x\n\nimport (\n\t`a.example/y').complete).toBe(false);
  });

  it.each([
    ['//go:build linux', true],
    ['//go:build linux && !linux', true],
    ['//go:build ignore', false],
    ['//go:build !ignore', true],
    ['//go:build tools && ignore', false],
    ['//go:build (ignore || linux) && !windows', true],
    ['// +build ignore', false],
    ['// +build linux,ignore darwin', true],
    ['// +build linux,ignore', false],
  ])('%s builds with any tags: %s', (line, builds) => {
    expect(goFileHeader(`${line}\n\npackage x\n\nimport "a.example/y"\n`).builds).toBe(builds);
  });

  it('reads a //go:build line only before the package clause', () => {
    expect(goFileHeader('package x\n\n//go:build ignore\n').builds).toBe(true);
  });

  it('prefers //go:build over // +build lines', () => {
    expect(goFileHeader('//go:build linux\n// +build ignore\n\npackage x\n').builds).toBe(true);
  });
});

describe('isStandardImport', () => {
  it('takes a path as standard exactly when its first element has no dot (cmd/go search.IsStandardImportPath)', () => {
    for (const p of ['fmt', 'net/http', 'internal/x.y', 'cmd/go.sum', 'a/b.c/d'])
      expect(isStandardImport(p)).toBe(true);
    for (const p of ['example.com', 'example.com/x', 'gopkg.in/yaml.v3', 'a.b/c', '.x/y'])
      expect(isStandardImport(p)).toBe(false);
  });
});
