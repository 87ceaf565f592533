import { describe, expect, it } from '@jest/globals';
import { parseGoMod } from '../../../src/gomod/modfile/index.js';

function indirect(comment: string): boolean {
  const mod = parseGoMod('go.mod', `module m\nrequire a.com/x v1.0.0 ${comment}\n`);
  return (mod.require[0] as { indirect: boolean }).indirect;
}

describe('// indirect', () => {
  it.each([
    ['// indirect', true],
    ['//indirect', true],
    ['//   indirect   ', true],
    ['// indirect; used by tests', true],
    ['// indirect ; spaced', false],
    ['// indirect;', false],
    ['// indirect: no', false],
    ['// Indirect', false],
    ['// not indirect', false],
    ['// indirect stuff', false],
    ['', false],
  ])('%j → %s', (comment, want) => {
    expect(indirect(comment)).toBe(want);
  });

  it('counts a comment glued to the version', () => {
    expect(parseGoMod('go.mod', 'module m\nrequire (\n\ta.com/x v1.0.0// indirect\n)\n').require[0]?.indirect).toBe(
      true,
    );
  });

  it('ignores a comment on the line above', () => {
    expect(parseGoMod('go.mod', 'module m\nrequire (\n\t// indirect\n\ta.com/x v1.0.0\n)\n').require[0]?.indirect).toBe(
      false,
    );
  });
});

describe('retract rationale', () => {
  const mod = parseGoMod(
    'go.mod',
    `module m

// Block rationale.
retract (
	v1.0.0
	// Own rationale.
	v1.0.1
	v1.0.2 // suffix rationale

	v1.0.3
	[v1.1.0, v1.2.0]
)

retract ( // on the paren
	v2.0.0
)

// Two lines
//
//   of rationale.
retract v1.3.0 // and a suffix

// Detached.

retract v1.4.0
`,
  );
  const rationale = (low: string): string | undefined => mod.retract.find((r) => r.low === low)?.rationale;

  it('falls back to the block comment for lines with no comment of their own', () => {
    expect(rationale('v1.0.0')).toBe('Block rationale.');
    expect(rationale('v1.1.0')).toBe('Block rationale.');
  });

  it('prefers the comments of the line itself, above or after it', () => {
    expect(rationale('v1.0.1')).toBe('Own rationale.');
    expect(rationale('v1.0.2')).toBe('suffix rationale');
  });

  it('treats a blank line before a block line as that line having a comment (an empty one)', () => {
    expect(rationale('v1.0.3')).toBe('');
  });

  it('does not take a comment after the opening parenthesis', () => {
    expect(rationale('v2.0.0')).toBe('');
  });

  it('joins trimmed comment lines, above then after', () => {
    expect(rationale('v1.3.0')).toBe('Two lines\n\nof rationale.\nand a suffix');
  });

  it('ignores comments separated by a blank line', () => {
    expect(rationale('v1.4.0')).toBe('');
  });
});

describe('module deprecation', () => {
  const deprecated = (text: string): string | undefined => parseGoMod('go.mod', text).module?.deprecated;

  it('reads the comment above the module line', () => {
    expect(deprecated('// Deprecated: use example.com/n instead.\nmodule example.com/m\n')).toBe(
      'use example.com/n instead.',
    );
  });

  it('reads the comment on the module line', () => {
    expect(deprecated('module example.com/m // Deprecated: use n\n')).toBe('use n');
  });

  it('reads one paragraph, keeping its line breaks and dropping the spaces after the colon', () => {
    const text =
      '// Package m.\n//\n// Deprecated:   use n;\n// it is faster.\n//\n// Other notes.\nmodule example.com/m\n';
    expect(deprecated(text)).toBe('use n;\nit is faster.');
  });

  it('needs "Deprecated:" at the start of a paragraph, case-sensitive', () => {
    expect(deprecated('// See also. Deprecated: no\nmodule m\n')).toBeUndefined();
    expect(deprecated('// deprecated: no\nmodule m\n')).toBeUndefined();
  });

  it('treats an empty message as not deprecated', () => {
    expect(deprecated('// Deprecated:\nmodule m\n')).toBeUndefined();
  });

  it('ignores a comment detached by a blank line', () => {
    expect(deprecated('// Deprecated: detached\n\nmodule m\n')).toBeUndefined();
  });

  it('reads comments inside and above a module block', () => {
    expect(deprecated('module (\n\t// Deprecated: inside\n\tm\n)\n')).toBe('inside');
    expect(deprecated('// Deprecated: above\nmodule (\n\tm\n)\n')).toBe('above');
  });

  it('takes the first Deprecated paragraph', () => {
    expect(deprecated('// Deprecated: first\n//\n// Deprecated: second\nmodule m\n')).toBe('first');
  });
});

describe('comments anywhere', () => {
  it('are allowed between, inside and after every kind of statement', () => {
    const text = `// head
module m // on module
// between
require ( // after paren
	// before line
	a.com/x v1.0.0 // after line
	// before paren
) // after paren
// tail`;
    const mod = parseGoMod('go.mod', text);
    expect(mod.module?.path).toBe('m');
    expect(mod.require.map((r) => r.path)).toEqual(['a.com/x']);
  });
});
