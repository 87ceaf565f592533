import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../src/errors.js';
import { GoModSyntaxError, parseGoMod, parseGoWork } from '../../../src/gomod/modfile/index.js';

interface Bad {
  name: string;
  text: string;
  line: number;
  column: number;
  /** A piece of the message. */
  says: string;
}

function syntaxError(parse: () => unknown): GoModSyntaxError {
  try {
    parse();
  } catch (e) {
    if (e instanceof GoModSyntaxError) return e;
    throw e;
  }
  throw new Error('parsed without error');
}

const BAD_GO_MODS: Bad[] = [
  {
    name: 'version that is not semver',
    text: 'module m\n\nrequire (\n\ta.com/x v1.0.0\n\ta.com/y latest\n)\n',
    line: 5,
    column: 10,
    says: 'expected a version like v1.2.3, found "latest"',
  },
  {
    name: 'unknown directive',
    text: 'module m\nrequires a.com/x v1.0.0\n',
    line: 2,
    column: 1,
    says: 'unknown directive "requires"',
  },
  {
    name: 'unterminated block (reported at end of file, like Go)',
    text: 'module m\nrequire (\n\ta.com/x v1.0.0\n',
    line: 4,
    column: 1,
    says: 'unterminated require block opened at line 2',
  },
  {
    name: 'unterminated string',
    text: 'module m\nrequire "a.com/x v1.0.0',
    line: 2,
    column: 9,
    says: 'unterminated string',
  },
  { name: 'newline in string', text: 'module m\nrequire "a.com/x\n', line: 2, column: 17, says: 'newline in string' },
  { name: 'block comment', text: 'module m\n  /* no */\n', line: 2, column: 3, says: '// comments' },
  { name: 'block comment inside a token', text: 'module m/*x*/\n', line: 1, column: 9, says: '// comments' },
  {
    name: 'token after the closing paren',
    text: 'module m\nrequire (\n\ta.com/x v1.0.0\n) x\n',
    line: 4,
    column: 3,
    says: 'expected a newline after ")"',
  },
  { name: 'unexpected character', text: 'module m\n\u000bgo 1.21\n', line: 2, column: 1, says: 'U+000B' },
  { name: 'no-break space', text: 'module m\nrequire\u00a0a.com/x v1.0.0\n', line: 2, column: 8, says: 'U+00A0' },
  {
    name: 'major suffix mismatch',
    text: 'module m\nrequire a.com/x/v2 v1.0.0\n',
    line: 2,
    column: 20,
    says: 'expected a v2 version for a.com/x/v2, found "v1.0.0"',
  },
  {
    name: 'v2 without +incompatible',
    text: 'module m\nrequire a.com/x v2.0.0\n',
    line: 2,
    column: 17,
    says: 'v2.0.0+incompatible',
  },
  {
    name: 'malformed major suffix',
    text: 'module m\nexclude a.com/x/v1 v1.0.0\n',
    line: 2,
    column: 9,
    says: 'invalid module path "a.com/x/v1"',
  },
  {
    name: 'repeated module',
    text: 'module m\nmodule n\n',
    line: 2,
    column: 1,
    says: 'repeated module directive (first at line 1)',
  },
  { name: 'repeated go', text: 'module m\ngo 1.21\ngo 1.22\n', line: 3, column: 1, says: 'repeated go directive' },
  { name: 'bad go version', text: 'module m\ngo 1.21.x\n', line: 2, column: 4, says: 'invalid go version "1.21.x"' },
  {
    name: 'bad toolchain',
    text: 'module m\ntoolchain 1.21.0\n',
    line: 2,
    column: 11,
    says: 'invalid toolchain "1.21.0"',
  },
  {
    name: 'replace without =>',
    text: 'module m\nreplace a.com/x v1.0.0 b.com/y v1.0.0\n',
    line: 2,
    column: 24,
    says: 'expected "=>", found "b.com/y"',
  },
  {
    name: 'replacement module without version',
    text: 'module m\nreplace a.com/x => b.com/y\n',
    line: 2,
    column: 20,
    says: 'needs a version, or must be a directory path',
  },
  {
    name: 'replacement path@version',
    text: 'module m\nreplace a.com/x => b.com/y@v1.0.0\n',
    line: 2,
    column: 20,
    says: 'not "path@version"',
  },
  {
    name: 'replacement directory with version',
    text: 'module m\nreplace a.com/x => ../y v1.0.0\n',
    line: 2,
    column: 25,
    says: 'cannot have a version',
  },
  {
    name: 'retract range without comma',
    text: 'module m\nretract [v1.0.0 v1.1.0]\n',
    line: 2,
    column: 17,
    says: 'expected "," after the version',
  },
  {
    name: 'retract range without closing bracket',
    text: 'module m\nretract [v1.0.0, v1.1.0\n',
    line: 2,
    column: 18,
    says: 'expected "]"',
  },
  {
    name: 'token after a retracted version',
    text: 'module m\nretract v1.0.0 v1.0.1\n',
    line: 2,
    column: 16,
    says: 'unexpected "v1.0.1"',
  },
  { name: 'raw string as path', text: 'module `m`\n', line: 1, column: 8, says: 'cannot contain a quote' },
  {
    name: 'bad escape',
    text: 'module m\nrequire "a.com/\\q" v1.0.0\n',
    line: 2,
    column: 9,
    says: 'invalid quoted string',
  },
  { name: 'unknown block', text: 'module m\nfoo (\n\tbar\n)\n', line: 2, column: 1, says: 'unknown block type "foo"' },
  { name: 'go block', text: 'module m\ngo (\n\t1.21\n)\n', line: 2, column: 1, says: 'unknown block type "go"' },
  {
    name: 'module with two paths',
    text: 'module m n\n',
    line: 1,
    column: 10,
    says: 'module expects exactly one argument',
  },
  {
    name: 'require without version',
    text: 'module m\nrequire a.com/x\n',
    line: 2,
    column: 9,
    says: 'require expects exactly 2 arguments',
  },
  {
    name: 'godebug without =',
    text: 'module m\ngodebug panicnil\n',
    line: 2,
    column: 9,
    says: 'expected godebug key=value',
  },
];

const BAD_GO_WORKS: Bad[] = [
  { name: 'module directive', text: 'go 1.21\nmodule m\n', line: 2, column: 1, says: 'unknown directive "module"' },
  {
    name: 'require block',
    text: 'go 1.21\nrequire (\n\ta.com/x v1.0.0\n)\n',
    line: 2,
    column: 1,
    says: 'unknown block type "require"',
  },
  {
    name: 'use with two paths',
    text: 'go 1.21\nuse ./a ./b\n',
    line: 2,
    column: 9,
    says: 'use expects exactly one argument',
  },
  { name: 'repeated go', text: 'go 1.21\ngo 1.22\n', line: 2, column: 1, says: 'repeated go directive' },
  {
    name: 'unterminated use block',
    text: 'go 1.21\nuse (\n\t./a\n',
    line: 4,
    column: 1,
    says: 'unterminated use block',
  },
  {
    name: 'bad replacement',
    text: 'go 1.21\nuse .\nreplace a.com/x v1 => b.com/y\n',
    line: 3,
    column: 23,
    says: 'needs a version',
  },
];

describe('malformed go.mod files', () => {
  it('has at least 20 cases', () => {
    expect(BAD_GO_MODS.length + BAD_GO_WORKS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(BAD_GO_MODS)('$name', ({ text, line, column, says }) => {
    const e = syntaxError(() => parseGoMod('dir/go.mod', text));
    expect(e).toBeInstanceOf(InputError);
    expect({ file: e.file, line: e.line, column: e.column }).toEqual({ file: 'dir/go.mod', line, column });
    expect(e.position).toEqual({ file: 'dir/go.mod', line, column });
    expect(e.message.startsWith(`dir/go.mod:${line}:${column}: `)).toBe(true);
    expect(e.message).toContain(says);
    expect(e.expected).toEqual(expect.any(String));
  });
});

describe('malformed go.work files', () => {
  it.each(BAD_GO_WORKS)('$name', ({ text, line, column, says }) => {
    const e = syntaxError(() => parseGoWork('go.work', text));
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
    expect(e.message).toContain(says);
  });
});

describe('error reporting', () => {
  it('collects every bad directive, reporting the first', () => {
    const e = syntaxError(() => parseGoMod('go.mod', 'module m\nfoo bar\nrequire a.com/x nope\ngo 1\n'));
    expect(e.line).toBe(2);
    expect(e.errors.map((x) => x.line)).toEqual([2, 3, 4]);
    expect(e.errors[0]).toBe(e);
  });

  it('formats the brief example exactly', () => {
    const e = syntaxError(() =>
      parseGoMod('go.mod', 'module m\n\ngo 1.22\n\nrequire (\n\ta.com/x v1.0.0\n\ta.com/y latest\n)\n'),
    );
    expect(e.message).toBe('go.mod:7:10: expected a version like v1.2.3, found "latest"');
    expect(e.expected).toBe('a version like v1.2.3');
    expect(e.code).toBe('gomod-syntax');
  });
});
