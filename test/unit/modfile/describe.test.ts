import { describe, expect, it } from '@jest/globals';
import { describeGoMod, describeGoWork } from '../../../src/gomod/describe.js';
import { parseGoMod, parseGoWork } from '../../../src/gomod/modfile/index.js';

describe('describeGoMod', () => {
  it('gives the inspect entry without positions, omitting absent replace versions', () => {
    const mod = parseGoMod(
      'libs/x/go.mod',
      `// Deprecated: use y
module example.com/x
go 1.22
require (
	a.com/a v1.0.0
	a.com/b v1.1.0 // indirect
)
exclude a.com/a v0.9.0
replace a.com/a => ../a
replace a.com/b v1.1.0 => b.com/b v1.2.0
// broken
retract [v1.0.0, v1.0.3]
godebug panicnil=1
tool a.com/tool
ignore ./vendor-like
`,
    );
    expect(describeGoMod(mod, 'libs/x')).toEqual({
      dir: 'libs/x',
      path: 'example.com/x',
      go: '1.22',
      toolchain: null,
      require: [
        { path: 'a.com/a', version: 'v1.0.0', indirect: false },
        { path: 'a.com/b', version: 'v1.1.0', indirect: true },
      ],
      replace: [
        { old: { path: 'a.com/a' }, new: { path: '../a' } },
        { old: { path: 'a.com/b', version: 'v1.1.0' }, new: { path: 'b.com/b', version: 'v1.2.0' } },
      ],
      exclude: [{ path: 'a.com/a', version: 'v0.9.0' }],
      retract: [{ low: 'v1.0.0', high: 'v1.0.3', rationale: 'broken' }],
      godebug: [{ key: 'panicnil', value: '1' }],
      tool: [{ path: 'a.com/tool' }],
      ignore: [{ path: './vendor-like' }],
      deprecated: 'use y',
    });
  });

  it('drops duplicates like go mod edit: first exclude, tool and ignore, last replace; keeps every require', () => {
    const mod = parseGoMod(
      'go.mod',
      'module m\nexclude a.com/a v1.0.0\nexclude a.com/a v1.0.0\nreplace a.com/a => ./one\nreplace a.com/b => ./b\nreplace a.com/a => ./two\ntool t.com/t\ntool t.com/t\nignore ./x\nignore ./x\nrequire a.com/a v1.0.0\nrequire a.com/a v1.1.0\n',
    );
    const d = describeGoMod(mod, '.');
    expect(d.exclude).toHaveLength(1);
    expect(d.replace.map((r) => r.new.path)).toEqual(['./b', './two']);
    expect(d.tool).toHaveLength(1);
    expect(d.ignore).toHaveLength(1);
    expect(d.require.map((r) => r.version)).toEqual(['v1.0.0', 'v1.1.0']);
    expect(mod.replace).toHaveLength(3);
  });

  it('gives null for an absent module path, go and toolchain, and no deprecated key', () => {
    const d = describeGoMod(parseGoMod('go.mod', ''), '.');
    expect(d.path).toBeNull();
    expect(d.go).toBeNull();
    expect(d.toolchain).toBeNull();
    expect('deprecated' in d).toBe(false);
  });
});

describe('describeGoWork', () => {
  it('lists use paths as written', () => {
    const work = parseGoWork(
      'go.work',
      'go 1.22\ntoolchain go1.22.1\ngodebug a=b\nuse (\n\t.\n\t./libs/a\n)\nreplace a.com/a => ./one\nreplace a.com/a => ./two\n',
    );
    expect(describeGoWork(work)).toEqual({
      go: '1.22',
      toolchain: 'go1.22.1',
      use: ['.', './libs/a'],
      replace: [{ old: { path: 'a.com/a' }, new: { path: './two' } }],
      godebug: [{ key: 'a', value: 'b' }],
    });
  });
});
