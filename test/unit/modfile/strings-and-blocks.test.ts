import { describe, expect, it } from '@jest/globals';
import { GoModSyntaxError, parseGoMod } from '../../../src/gomod/modfile/index.js';

describe('strings', () => {
  it('reads interpreted strings with every kind of escape', () => {
    const text = [
      'module "example.com/q"',
      'require "example.com/\\x61b" "v1.0.0"',
      'require "example.com/\\u00e9\\U0001F600" v1.0.0',
      'require "example.com/\\141\\t\\"x\\\\" v1.0.0',
      'require "example.com/\\xc3\\xa9" v1.0.0',
      '',
    ].join('\n');
    const mod = parseGoMod('go.mod', text);
    expect(mod.module?.path).toBe('example.com/q');
    expect(mod.require.map((r) => r.path)).toEqual([
      'example.com/ab',
      'example.com/é😀',
      'example.com/a\t"x\\',
      'example.com/é',
    ]);
  });

  it('keeps spaces inside quoted paths', () => {
    expect(parseGoMod('go.mod', 'module m\nreplace a.com/x => "./with space"\n').replace[0]?.new.path).toBe(
      './with space',
    );
  });

  it('lexes backquoted raw strings, then refuses them as arguments, like Go', () => {
    expect(() => parseGoMod('go.mod', 'module `example.com/m`\n')).toThrow(GoModSyntaxError);
    // A raw string may hold what an interpreted one may not; the lexer must still find its end.
    expect(() => parseGoMod('go.mod', 'module m\nfoo `a"b\\` x\n', { lax: true })).not.toThrow();
  });

  it('refuses invalid escapes', () => {
    for (const bad of ['"\\q"', '"\\x4"', '"\\400"', '"\\ud800"', '"\\\'"']) {
      expect(() => parseGoMod('go.mod', `module ${bad}\n`)).toThrow(GoModSyntaxError);
    }
  });
});

describe('blocks and line structure', () => {
  it('accepts empty blocks in both forms', () => {
    const mod = parseGoMod('go.mod', 'module m\nrequire ()\nrequire (\n)\nexclude (\n\t// nothing\n)\n');
    expect(mod.require).toEqual([]);
    expect(mod.exclude).toEqual([]);
  });

  it('reads a module block', () => {
    expect(parseGoMod('go.mod', 'module (\n\texample.com/m\n)\n').module?.path).toBe('example.com/m');
  });

  it('handles CRLF line endings', () => {
    const mod = parseGoMod('go.mod', ['module m', 'require (', '\ta.com/x v1.0.0 // indirect', ')', ''].join('\r\n'));
    expect(mod.require[0]).toMatchObject({ path: 'a.com/x', indirect: true, pos: { line: 3, column: 2 } });
  });

  it('needs no final newline', () => {
    expect(parseGoMod('go.mod', 'module m\nrequire a.com/x v1.0.0 // indirect').require[0]?.indirect).toBe(true);
  });

  it('splits tokens at brackets and commas', () => {
    expect(parseGoMod('go.mod', 'module m\nretract [v1.0.0,v1.0.5]\n').retract[0]).toMatchObject({
      low: 'v1.0.0',
      high: 'v1.0.5',
    });
  });

  it('counts columns in code points', () => {
    const mod = parseGoMod('go.mod', 'module m\nrequire (\n\t"a.com/😀" v1.0.0\n)\nfoo\n', { lax: true });
    expect(mod.require[0]?.pos).toEqual({ line: 3, column: 2 });
    try {
      parseGoMod('go.mod', 'module m // 😀😀\nrequire "😀" bad\n');
      throw new Error('expected a syntax error');
    } catch (e) {
      expect(e).toBeInstanceOf(GoModSyntaxError);
      expect((e as GoModSyntaxError).column).toBe(13);
    }
  });

  it('parses a large file quickly', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `\texample.com/m${i} v1.${i}.0 // indirect`);
    const text = `module m\n\ngo 1.22\n\nrequire (\n${lines.join('\n')}\n)\n`;
    const start = performance.now();
    const mod = parseGoMod('go.mod', text);
    expect(mod.require).toHaveLength(20_000);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
