import { describe, expect, it } from '@jest/globals';
import { GoModSyntaxError, parseGoMod } from '../../../src/gomod/modfile/index.js';

describe('parseGoMod lax (a dependency go.mod from the proxy)', () => {
  it('skips unknown directives and blocks that strict mode refuses', () => {
    const text = 'module m\ngo 1.21\nfuture directive here\nfuture (\n\tstuff\n)\nrequire a.com/x v1.0.0\n';
    expect(() => parseGoMod('go.mod', text)).toThrow(GoModSyntaxError);
    const mod = parseGoMod('go.mod', text, { lax: true });
    expect(mod.module?.path).toBe('m');
    expect(mod.go).toBe('1.21');
    expect(mod.require.map((r) => r.path)).toEqual(['a.com/x']);
  });

  it('reads module, go, toolchain, require, exclude, replace and retract', () => {
    const text = [
      '// Deprecated: gone',
      'module example.com/dep',
      'go 1.22',
      'toolchain go1.22.3',
      'require a.com/x v1.0.0 // indirect',
      'exclude a.com/x v0.9.0',
      'replace a.com/y => ../y',
      'retract v1.0.0 // oops',
      '',
    ].join('\n');
    const mod = parseGoMod('go.mod', text, { lax: true });
    expect(mod.module).toMatchObject({ path: 'example.com/dep', deprecated: 'gone' });
    expect(mod.toolchain).toBe('go1.22.3');
    expect(mod.require[0]).toMatchObject({ path: 'a.com/x', version: 'v1.0.0', indirect: true });
    expect(mod.exclude).toHaveLength(1);
    expect(mod.replace).toHaveLength(1);
    expect(mod.retract[0]).toMatchObject({ low: 'v1.0.0', rationale: 'oops' });
  });

  it('does not fail on malformed main-module-only directives, which Go ignores there', () => {
    const text =
      'module m\ntoolchain bogus\nexclude a.com/x latest\nreplace a.com/y => a.com/z\ngodebug nokey\ntool a b\n';
    const mod = parseGoMod('go.mod', text, { lax: true });
    expect(mod.toolchain).toBeNull();
    expect(mod.exclude).toEqual([]);
    expect(mod.replace).toEqual([]);
    expect(mod.godebug).toEqual([]);
    expect(mod.tool).toEqual([]);
  });

  it('shortens go versions only a dependency may use to major.minor', () => {
    expect(parseGoMod('go.mod', 'module m\ngo 1.18beta\n', { lax: true }).go).toBe('1.18');
    expect(parseGoMod('go.mod', 'module m\ngo v1.21.x\n', { lax: true }).go).toBe('1.21');
    expect(() => parseGoMod('go.mod', 'module m\ngo v1.21.x\n')).toThrow(GoModSyntaxError);
    expect(() => parseGoMod('go.mod', 'module m\ngo banana\n', { lax: true })).toThrow(GoModSyntaxError);
  });

  it('skips retractions it cannot read and tolerates tokens after them', () => {
    const mod = parseGoMod(
      'go.mod',
      'module m\nretract (v1.0.0)\nretract [v1.0.0 v1.1.0]\nretract v1.2.0 future-syntax\n',
      { lax: true },
    );
    expect(mod.retract.map((r) => r.low)).toEqual(['v1.2.0']);
  });

  it('still fails on bad requirements and broken syntax', () => {
    expect(() => parseGoMod('go.mod', 'module m\nrequire a.com/x latest\n', { lax: true })).toThrow(GoModSyntaxError);
    expect(() => parseGoMod('go.mod', 'module m\nrequire (\n', { lax: true })).toThrow(GoModSyntaxError);
    expect(() => parseGoMod('go.mod', 'module m\nmodule n\n', { lax: true })).toThrow(GoModSyntaxError);
  });
});
