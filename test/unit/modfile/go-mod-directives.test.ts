import { describe, expect, it } from '@jest/globals';
import { parseGoMod } from '../../../src/gomod/modfile/index.js';

const ALL = `module example.com/all

go 1.23.0

toolchain go1.23.4

godebug default=go1.21
godebug (
	panicnil=1
	asynctimerchan=0
)

require example.com/single v1.0.0

require (
	example.com/a v1.2.3
	example.com/b/v2 v2.0.1 // indirect
	example.com/inc v3.0.0+incompatible
	gopkg.in/yaml.v3 v3.0.1
)

exclude example.com/a v1.2.2
exclude (
	example.com/a v1.2.1
)

replace example.com/a => ../a
replace example.com/b/v2 v2.0.1 => example.com/fork/b/v2 v2.0.2
replace (
	example.com/c => /abs/c
	example.com/d v1.0.0 => ./d
)

retract v1.0.1
retract [v1.1.0, v1.1.5]

tool example.com/cmd/gen
tool (
	golang.org/x/tools/cmd/stringer
)

ignore ./node_modules
ignore (
	"./third party"
)
`;

describe('parseGoMod: every directive', () => {
  const mod = parseGoMod('services/a/go.mod', ALL);

  it('reads module, go and toolchain', () => {
    expect(mod.file).toBe('services/a/go.mod');
    expect(mod.module).toEqual({ path: 'example.com/all', pos: { line: 1, column: 1 } });
    expect(mod.go).toBe('1.23.0');
    expect(mod.toolchain).toBe('go1.23.4');
  });

  it('reads godebug lines and blocks', () => {
    expect(mod.godebug).toEqual([
      { key: 'default', value: 'go1.21', pos: { line: 7, column: 1 } },
      { key: 'panicnil', value: '1', pos: { line: 9, column: 2 } },
      { key: 'asynctimerchan', value: '0', pos: { line: 10, column: 2 } },
    ]);
  });

  it('reads require lines with their positions and indirect marks', () => {
    expect(mod.require).toEqual([
      { path: 'example.com/single', version: 'v1.0.0', indirect: false, pos: { line: 13, column: 1 } },
      { path: 'example.com/a', version: 'v1.2.3', indirect: false, pos: { line: 16, column: 2 } },
      { path: 'example.com/b/v2', version: 'v2.0.1', indirect: true, pos: { line: 17, column: 2 } },
      { path: 'example.com/inc', version: 'v3.0.0+incompatible', indirect: false, pos: { line: 18, column: 2 } },
      { path: 'gopkg.in/yaml.v3', version: 'v3.0.1', indirect: false, pos: { line: 19, column: 2 } },
    ]);
  });

  it('reads exclude', () => {
    expect(mod.exclude.map(({ path, version }) => `${path}@${version}`)).toEqual([
      'example.com/a@v1.2.2',
      'example.com/a@v1.2.1',
    ]);
  });

  it('reads every form of replace', () => {
    expect(mod.replace.map(({ old, new: n }) => ({ old, new: n }))).toEqual([
      { old: { path: 'example.com/a' }, new: { path: '../a' } },
      {
        old: { path: 'example.com/b/v2', version: 'v2.0.1' },
        new: { path: 'example.com/fork/b/v2', version: 'v2.0.2' },
      },
      { old: { path: 'example.com/c' }, new: { path: '/abs/c' } },
      { old: { path: 'example.com/d', version: 'v1.0.0' }, new: { path: './d' } },
    ]);
    expect(mod.replace[1]?.pos).toEqual({ line: 28, column: 1 });
  });

  it('reads single retractions and ranges', () => {
    expect(mod.retract).toEqual([
      { low: 'v1.0.1', high: 'v1.0.1', rationale: '', pos: { line: 34, column: 1 } },
      { low: 'v1.1.0', high: 'v1.1.5', rationale: '', pos: { line: 35, column: 1 } },
    ]);
  });

  it('reads tool and ignore', () => {
    expect(mod.tool.map((t) => t.path)).toEqual(['example.com/cmd/gen', 'golang.org/x/tools/cmd/stringer']);
    expect(mod.ignore.map((t) => t.path)).toEqual(['./node_modules', './third party']);
  });
});

describe('parseGoMod: values Go normalises or allows', () => {
  it('canonicalises shorthand versions and drops build metadata, keeping +incompatible', () => {
    const mod = parseGoMod(
      'go.mod',
      'module m\nrequire (\n\ta.com/x v1.2\n\ta.com/y v1\n\ta.com/z v1.2.3+meta\n\ta.com/w v2.0.0+incompatible\n)\n',
    );
    expect(mod.require.map((r) => r.version)).toEqual(['v1.2.0', 'v1.0.0', 'v1.2.3', 'v2.0.0+incompatible']);
  });

  it('accepts every go version form of the go directive', () => {
    for (const v of ['1.21', '1.21.0', '1.21rc1', '1.21.0rc1', '1.9', '2.0', '1.21beta2']) {
      expect(parseGoMod('go.mod', `module m\ngo ${v}\n`).go).toBe(v);
    }
  });

  it('accepts toolchain names starting with go1 and default', () => {
    for (const t of ['go1.21.0', 'go1.22rc1', 'go1', 'go1.21.0-custom', 'default']) {
      expect(parseGoMod('go.mod', `module m\ntoolchain ${t}\n`).toolchain).toBe(t);
    }
  });

  it('leaves go, toolchain and module null when absent', () => {
    const mod = parseGoMod('go.mod', '');
    expect(mod).toEqual({
      file: 'go.mod',
      module: null,
      go: null,
      toolchain: null,
      godebug: [],
      require: [],
      exclude: [],
      replace: [],
      retract: [],
      tool: [],
      ignore: [],
    });
  });

  it('splits godebug at the first =, allowing empty values', () => {
    expect(
      parseGoMod('go.mod', 'module m\ngodebug a=b=c\ngodebug k=\n').godebug.map(({ key, value }) => [key, value]),
    ).toEqual([
      ['a', 'b=c'],
      ['k', ''],
    ]);
  });

  it('does not validate retracted versions, as go mod edit does not', () => {
    expect(parseGoMod('go.mod', 'module m\nretract v1.2\n').retract[0]).toMatchObject({ low: 'v1.2', high: 'v1.2' });
  });

  it('accepts replacement directories of every form Go knows', () => {
    const text =
      'module m\nreplace (\n\ta.com/a => .\n\ta.com/b => ..\n\ta.com/c => ../c\n\ta.com/d => /d\n\ta.com/e => C:/e\n)\n';
    expect(parseGoMod('go.mod', text).replace.map((r) => r.new.path)).toEqual(['.', '..', '../c', '/d', 'C:/e']);
  });
});
