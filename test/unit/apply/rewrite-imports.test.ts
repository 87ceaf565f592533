/** The import rewriter of a major move: import specs only, by Go's lexical rules. */
import { describe, expect, it } from '@jest/globals';
import { ImportScanError, rewriteImports, scanImports } from '../../../src/toolchain/apply/rewrite-imports.js';

const YAML = [{ from: 'gopkg.in/yaml.v2', to: 'gopkg.in/yaml.v3' }];
const CLI = [{ from: 'github.com/urfave/cli/v2', to: 'github.com/urfave/cli/v3' }];

describe('rewriteImports', () => {
  it('moves a single unnamed import and keeps the file otherwise byte for byte', () => {
    const src = 'package p\n\nimport "gopkg.in/yaml.v2"\n\nvar _ = yaml.Marshal\n';
    expect(rewriteImports(src, YAML)).toEqual({
      text: 'package p\n\nimport "gopkg.in/yaml.v3"\n\nvar _ = yaml.Marshal\n',
      moved: [{ from: 'gopkg.in/yaml.v2', to: 'gopkg.in/yaml.v3' }],
    });
  });

  it('keeps aliases, dot and blank imports in a group', () => {
    const src = [
      'package p',
      '',
      'import (',
      '\t"fmt"',
      '',
      '\ty2 "gopkg.in/yaml.v2"',
      '\t. "github.com/urfave/cli/v2"',
      '\t_ "github.com/urfave/cli/v2/altsrc"',
      ')',
      '',
    ].join('\n');
    const out = rewriteImports(src, [...YAML, ...CLI]).text;
    expect(out).toBe(
      [
        'package p',
        '',
        'import (',
        '\t"fmt"',
        '',
        '\ty2 "gopkg.in/yaml.v3"',
        '\t. "github.com/urfave/cli/v3"',
        '\t_ "github.com/urfave/cli/v3/altsrc"',
        ')',
        '',
      ].join('\n'),
    );
  });

  it('moves subpackages, and never a path that merely shares a prefix', () => {
    const src = [
      'package p',
      'import (',
      '\t"gopkg.in/yaml.v2/sub/pkg"',
      '\t"gopkg.in/yaml.v2x"',
      '\t"gopkg.in/yaml.v2-extra/y"',
      '\t"github.com/urfave/cli/v20"',
      ')',
    ].join('\n');
    const out = rewriteImports(src, [...YAML, ...CLI]);
    expect(out.moved).toEqual([{ from: 'gopkg.in/yaml.v2/sub/pkg', to: 'gopkg.in/yaml.v3/sub/pkg' }]);
    expect(out.text).toContain('"gopkg.in/yaml.v2x"');
    expect(out.text).toContain('"gopkg.in/yaml.v2-extra/y"');
    expect(out.text).toContain('"github.com/urfave/cli/v20"');
  });

  it('leaves strings and comments that mention the old path alone, before and after the imports', () => {
    const src = [
      '// Copyright: uses "gopkg.in/yaml.v2" (see import "gopkg.in/yaml.v2")',
      '//go:build linux',
      '',
      '/* import "gopkg.in/yaml.v2" */',
      'package p // import "gopkg.in/yaml.v2"',
      '',
      'import (',
      '\t// "gopkg.in/yaml.v2" was here',
      '\t"gopkg.in/yaml.v2" /* "gopkg.in/yaml.v2" */ // "gopkg.in/yaml.v2"',
      ')',
      '',
      'const path = "gopkg.in/yaml.v2"',
      'const raw = `import "gopkg.in/yaml.v2"`',
      '',
      'import "not/an/import/section/any/more"',
      '',
    ].join('\n');
    const out = rewriteImports(src, YAML).text;
    const expected = src.replace(
      '\t"gopkg.in/yaml.v2" /* "gopkg.in/yaml.v2" */',
      '\t"gopkg.in/yaml.v3" /* "gopkg.in/yaml.v2" */',
    );
    expect(out).toBe(expected);
  });

  it('leaves a cgo preamble untouched', () => {
    const src = [
      'package p',
      '',
      '/*',
      '#include <stdio.h>',
      '// "gopkg.in/yaml.v2"',
      'static const char* p = "gopkg.in/yaml.v2";',
      '*/',
      'import "C"',
      '',
      'import "gopkg.in/yaml.v2"',
      '',
    ].join('\n');
    expect(rewriteImports(src, YAML).text).toBe(src.replace('import "gopkg.in/yaml.v2"', 'import "gopkg.in/yaml.v3"'));
  });

  it('reads raw-string and escaped import paths, and semicolon-separated declarations', () => {
    const src = 'package p; import `gopkg.in/yaml.v2`; import y "gopkg.in\\x2fyaml.v2/sub"\n';
    expect(rewriteImports(src, YAML).text).toBe(
      'package p; import "gopkg.in/yaml.v3"; import y "gopkg.in/yaml.v3/sub"\n',
    );
  });

  it('moves a path without a suffix to its /vN module, and the longest module path wins', () => {
    const moves = [
      { from: 'example.com/m', to: 'example.com/m/v2' },
      { from: 'example.com/m/sub', to: 'example.com/m/sub/v3' },
    ];
    const src = 'package p\n\nimport (\n\t"example.com/m"\n\t"example.com/m/a"\n\t"example.com/m/sub/b"\n)\n';
    expect(rewriteImports(src, moves).text).toBe(
      'package p\n\nimport (\n\t"example.com/m/v2"\n\t"example.com/m/v2/a"\n\t"example.com/m/sub/v3/b"\n)\n',
    );
  });

  it('names an unnamed import only when the package name changes with the move', () => {
    const src = 'package p\n\nimport (\n\t"example.com/m/v2"\n\tx "example.com/m/v2/x"\n)\n';
    const moves = [{ from: 'example.com/m/v2', to: 'example.com/m/v3' }];
    const renamed = (from: string) => (from === 'example.com/m/v2' ? 'm' : null);
    expect(rewriteImports(src, moves, renamed).text).toBe(
      'package p\n\nimport (\n\tm "example.com/m/v3"\n\tx "example.com/m/v3/x"\n)\n',
    );
    expect(rewriteImports(src, moves, () => null).text).toBe(
      'package p\n\nimport (\n\t"example.com/m/v3"\n\tx "example.com/m/v3/x"\n)\n',
    );
  });

  it('changes nothing in a file without the old path', () => {
    const src = 'package p\n\nimport "fmt"\n\nfunc f() { fmt.Println("gopkg.in/yaml.v2") }\n';
    expect(rewriteImports(src, YAML)).toEqual({ text: src, moved: [] });
  });

  it('refuses a file whose import section is not Go', () => {
    expect(() => scanImports('package p\nimport (\n\t"a"\n')).toThrow(ImportScanError);
    expect(() => scanImports('package p\nimport "a\n"')).toThrow(ImportScanError);
    expect(() => scanImports('/* open')).toThrow(ImportScanError);
    expect(() => scanImports('func main() {}')).toThrow(ImportScanError);
  });
});
