/**
 * The parser against the Go toolchain: `go mod edit -json` / `go work edit -json` on real
 * go.mod files from the module proxy and on hand-written tricky files. Accepted files must
 * describe identically; rejected files must throw GoModSyntaxError on the line Go names (Go
 * gives the column only for lexical errors, so lines are compared). `go work edit -json` needs
 * no used directory to exist, and prints neither toolchain nor godebug: those share their code
 * with go.mod, where they are compared. Lax parsing is checked against how Go reads the go.mod
 * of a directory-replaced dependency.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import {
  describeGoMod,
  describeGoWork,
  type ModuleDescription,
  type WorkDescription,
} from '../../src/gomod/describe.js';
import { GoModSyntaxError, parseGoMod, parseGoWork } from '../../src/gomod/modfile/index.js';
import { goTestEnv, type RealGoMod, realGoMods } from '../setup/real-gomods.js';

const run = promisify(execFile);

interface Case {
  name: string;
  text: string;
}

const TRICKY_GO_MODS: Case[] = [
  {
    name: 'every directive',
    text: `// Deprecated: use example.com/new instead.
module example.com/all

go 1.23.0

toolchain go1.23.4

godebug default=go1.21
godebug (
	panicnil=1
	asynctimerchan=0 // comment
)

require example.com/single v1.0.0

require (
	example.com/a v1.2.3
	example.com/b/v2 v2.0.1 // indirect
	"example.com/quoted" "v0.1.0"
	example.com/inc v3.0.0+incompatible
	gopkg.in/yaml.v3 v3.0.1
	gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405
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

// Published by mistake.
retract v1.0.1

retract [v1.1.0, v1.1.5] // broken build

tool example.com/cmd/gen
tool (
	golang.org/x/tools/cmd/stringer
)

ignore ./node_modules
ignore (
	./third_party/big
)
`,
  },
  { name: 'deprecated on the module line', text: 'module example.com/m // Deprecated: use example.com/n\n\ngo 1.21\n' },
  {
    name: 'deprecated paragraph among others',
    text: '// Package m does things.\n//\n// Deprecated:   use example.com/n;\n// it is faster.\n//\n// Other notes.\nmodule example.com/m\n',
  },
  { name: 'deprecated needs its own paragraph', text: '// See also. Deprecated: not this\nmodule example.com/m\n' },
  { name: 'deprecated comment detached by a blank line', text: '// Deprecated: detached\n\nmodule example.com/m\n' },
  { name: 'deprecated inside a module block', text: 'module (\n\t// Deprecated: in block\n\texample.com/m\n)\n' },
  { name: 'deprecated above a module block', text: '// Deprecated: above block\nmodule (\n\texample.com/m\n)\n' },
  {
    name: 'indirect comment variants',
    text: `module example.com/m

require (
	example.com/a v1.0.0 // indirect
	example.com/b v1.0.0 //indirect
	example.com/c v1.0.0 // indirect; used by tests
	example.com/d v1.0.0 // indirect: no
	example.com/e v1.0.0 // indirect;
	example.com/f v1.0.0 // Indirect
	example.com/g v1.0.0 //   indirect
	example.com/h v1.0.0 // indirect ; spaced
	example.com/i v1.0.0 // not indirect
	example.com/j v1.0.0// indirect
)
require example.com/k v1.0.0 // indirect
`,
  },
  {
    name: 'retract rationale rules',
    text: `module example.com/m

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
// of rationale.
retract v1.3.0 // and a suffix
`,
  },
  {
    name: 'retract versions are not checked by go mod edit',
    text: 'module example.com/m\n\nretract latest\nretract [ v1 , v1.2 ]\n',
  },
  {
    name: 'quoted strings and escapes',
    text: 'module "example.com/q"\n\nrequire "example.com/\\x61b" "v1.0.0"\nrequire "example.com/\\u00e9t\\u00e9" v1.0.0\nreplace "example.com/sp ace" => "./with space"\ntool "example.com/\\x74ool"\n',
  },
  {
    name: 'non-canonical versions are canonicalized',
    text: 'module example.com/m\n\nrequire (\n\texample.com/a v1.2\n\texample.com/b v1\n\texample.com/c v1.2.3+build.5\n\texample.com/d v1.0.0-rc.1\n)\nexclude example.com/a v1.3\n',
  },
  {
    name: 'duplicates dropped like go mod edit',
    text: 'module example.com/m\n\nexclude example.com/a v1.0.0\nexclude example.com/a v1.0.0\nreplace example.com/a => ./one\nreplace example.com/b => ./b\nreplace example.com/a => ./two\ntool example.com/t\ntool example.com/t\nignore ./x\nignore ./x\nrequire example.com/a v1.0.0\nrequire example.com/a v1.1.0\n',
  },
  {
    name: 'CRLF line endings',
    text: [
      'module example.com/crlf',
      '',
      'go 1.22',
      'require (',
      '\texample.com/a v1.0.0 // indirect',
      ')',
      '// Deprecated?',
      'retract v1.0.0 // why',
      '',
    ].join('\r\n'),
  },
  {
    name: 'empty blocks and stray comments',
    text: 'module example.com/m\nrequire ()\nrequire (\n)\nexclude (\n\t// nothing here\n)\n// trailing comment\n',
  },
  { name: 'no module directive', text: 'go 1.21\n\nrequire example.com/a v1.0.0\n' },
  { name: 'godebug edge values', text: 'module example.com/m\ngodebug =x\ngodebug k=\ngodebug a=b=c\n' },
  {
    name: 'empty paths are cleaned away',
    text: 'module example.com/m\nrequire "" v1.0.0\nexclude "" v1.0.0\nreplace "" => ./x\nretract ""\ntool ""\nignore ""\ngodebug =1\n',
  },
  { name: 'go and toolchain forms', text: 'module example.com/m\ngo 1.21rc1\ntoolchain go1.21rc2-custom\n' },
  { name: 'toolchain default', text: 'module example.com/m\ngo 1.21\ntoolchain default\n' },
  {
    name: 'unicode in comments and paths',
    text: 'module example.com/ünï\n\n// Déprécié — no\nrequire example.com/日本 v1.0.0 // indirect; 理由\n',
  },
  {
    name: 'brackets and parens mid-line',
    text: 'module example.com/m\nretract [v1.0.0,v1.0.5]\nretract [ v1.1.0 , v1.1.5 ] // spaced\n',
  },
  {
    name: 'replace of a specific version to a directory',
    text: 'module example.com/m\nreplace example.com/a v1.0.0 => ../a\nreplace example.com/a v1.1.0 => .\nreplace example.com/a => ..\n',
  },
  {
    name: 'no trailing newline and a final comment',
    text: 'module example.com/m\nrequire example.com/a v1.0.0 // indirect',
  },
  { name: 'comment at end of file without newline', text: 'module example.com/m\n// last' },
  { name: 'empty deprecation message', text: '// Deprecated:\nmodule example.com/m // Deprecated: suffix wins?\n' },
  { name: 'parens as tokens on one line', text: 'module example.com/m\nrequire ( ) // empty\n' },
  {
    name: 'major suffix rules that pass',
    text: 'module example.com/m\nexclude example.com/a/v2 v2.0.0+incompatible\nrequire gopkg.in/yaml.v2 v2.4.0\nrequire gopkg.in/x.v1-unstable v1.0.0\nreplace example.com/a => example.com/b/v1 v1.0.0\nreplace example.com/c v1.0.0 => example.com/d v2.0.0\n',
  },
  { name: 'gopkg.in without major', text: 'module example.com/m\nrequire gopkg.in/yaml v1.0.0\n' },
  { name: 'gopkg.in wrong major', text: 'module example.com/m\nrequire gopkg.in/yaml.v2 v3.0.0\n' },
  { name: 'replace old path with v1 suffix', text: 'module example.com/m\nreplace example.com/a/v1 => ./x\n' },
  {
    name: 'replace with too many tokens',
    text: 'module example.com/m\nreplace example.com/a v1.0.0 => example.com/b v1.0.0 extra\n',
  },
  { name: 'single-line parens with a requirement', text: 'module example.com/m\nrequire ( example.com/a v1.0.0 )\n' },
  { name: 'no-break space', text: 'module example.com/m\nrequire\u00a0example.com/a v1.0.0\n' },
  { name: 'byte order mark', text: '\ufeffmodule example.com/m\n' },
  { name: 'backslash newline in string', text: 'module example.com/m\nrequire "example.com/a\\\nb" v1.0.0\n' },
  { name: 'go without version', text: 'module example.com/m\ngo\n' },
  {
    name: 'error after a valid block',
    text: 'module example.com/m\nrequire (\n\texample.com/a v1.0.0\n)\n\nexclude example.com/b v1.0\nexclude example.com/c bad\n',
  },
  // Rejections: the error must name the same line as Go.
  { name: 'unknown directive', text: 'module example.com/m\n\ngo 1.21\nrequires example.com/a v1.0.0\n' },
  {
    name: 'version latest',
    text: 'module example.com/m\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b latest\n)\n',
  },
  { name: 'unterminated block', text: 'module example.com/m\n\nrequire (\n\texample.com/a v1.0.0\n' },
  { name: 'unterminated string', text: 'module example.com/m\nrequire "example.com/a v1.0.0\n' },
  { name: 'slash-star comment', text: 'module example.com/m\n/* no */\n' },
  { name: 'major suffix mismatch', text: 'module example.com/m\nrequire example.com/a/v2 v1.0.0\n' },
  { name: 'v2 without incompatible', text: 'module example.com/m\nrequire example.com/a v2.0.0\n' },
  { name: 'v1 suffix', text: 'module example.com/m\nrequire example.com/a/v1 v1.0.0\n' },
  { name: 'repeated module', text: 'module example.com/m\nmodule example.com/n\n' },
  { name: 'repeated go', text: 'module example.com/m\ngo 1.21\ngo 1.22\n' },
  { name: 'bad go version', text: 'module example.com/m\ngo 1.21.x\n' },
  { name: 'go version with v', text: 'module example.com/m\ngo v1.21\n' },
  { name: 'bad toolchain', text: 'module example.com/m\ntoolchain 1.21.0\n' },
  { name: 'replace without arrow', text: 'module example.com/m\nreplace example.com/a v1.0.0 example.com/b v1.0.0\n' },
  { name: 'replace module without version', text: 'module example.com/m\nreplace example.com/a => example.com/b\n' },
  { name: 'replace path@version', text: 'module example.com/m\nreplace example.com/a => example.com/b@v1.0.0\n' },
  { name: 'replace directory with version', text: 'module example.com/m\nreplace example.com/a => ../b v1.0.0\n' },
  { name: 'replace windows directory', text: 'module example.com/m\nreplace example.com/a => ..\\b\n' },
  { name: 'retract missing comma', text: 'module example.com/m\nretract [v1.0.0 v1.1.0]\n' },
  { name: 'retract missing bracket', text: 'module example.com/m\nretract [v1.0.0, v1.1.0\n' },
  { name: 'retract trailing token', text: 'module example.com/m\nretract v1.0.0 v1.0.1\n' },
  { name: 'token after closing paren', text: 'module example.com/m\nrequire (\n\texample.com/a v1.0.0\n) x\n' },
  { name: 'raw string path', text: 'module `example.com/m`\n' },
  { name: 'unknown block', text: 'module example.com/m\nfoo (\n\tbar\n)\n' },
  { name: 'go block', text: 'module example.com/m\ngo (\n\t1.21\n)\n' },
  { name: 'two-word block', text: 'module example.com/m\nrequire x (\n\texample.com/a v1.0.0\n)\n' },
  { name: 'module with two paths', text: 'module example.com/m example.com/n\n' },
  { name: 'godebug without equals', text: 'module example.com/m\ngodebug panicnil\n' },
  { name: 'tool with two paths', text: 'module example.com/m\ntool a b\n' },
  { name: 'bad escape', text: 'module example.com/m\nrequire "example.com/\\q" v1.0.0\n' },
  { name: 'quote inside unquoted', text: "module example.com/m\nrequire example.com/a'b v1.0.0\n" },
  { name: 'control character', text: 'module example.com/m\n\u000bgo 1.21\n' },
  { name: 'several errors', text: 'module example.com/m\n\ngo 1.21\nfoo bar\nrequire example.com/a nope\n' },
  { name: 'require missing version', text: 'module example.com/m\nrequire example.com/a\n' },
];

/** Dependency go.mod files: Go reads a directory-replaced dependency with its lax parser. */
const LAX_GO_MODS: Case[] = [
  {
    name: 'unknown and main-module-only directives are skipped',
    text: 'module example.com/dep\ngo 1.21\nfuture directive\nfuture (\n\tblock\n)\ntoolchain bogus\nexclude example.com/x1 latest\nreplace example.com/x1 => example.com/y\ngodebug nokey\ntool a b\nretract v1.2.0 extra\nretract [v1 v2]\nrequire example.com/x1 v1.0.0 // indirect\n',
  },
  {
    name: 'beta go version',
    text: 'module example.com/dep\ngo 1.18beta\nrequire (\n\texample.com/x1 v1.0.0\n\texample.com/x2 v1.1\n)\n',
  },
  {
    name: 'go version with v and a suffix',
    text: 'module example.com/dep\ngo v1.21.x\nrequire example.com/x2 v1.2.0\n',
  },
  { name: 'no go directive', text: 'module example.com/dep\nrequire example.com/x3 v1.0.0\n' },
  { name: 'bad requirement', text: 'module example.com/dep\ngo 1.21\nrequire example.com/x1 latest\n' },
  { name: 'bad go version', text: 'module example.com/dep\ngo banana\n' },
  { name: 'repeated module', text: 'module example.com/dep\nmodule example.com/dep\n' },
  { name: 'unterminated block', text: 'module example.com/dep\nrequire (\n\texample.com/x1 v1.0.0\n' },
  { name: 'ignore with two paths', text: 'module example.com/dep\nignore ./a ./b\n' },
];

const TRICKY_GO_WORKS: Case[] = [
  {
    name: 'every directive',
    text: 'go 1.23.0\n\ntoolchain go1.23.4\n\ngodebug panicnil=1\n\nuse ./a\nuse (\n\t./services/b // comment\n\t"./with space"\n\t../outside\n)\n\nreplace example.com/x v1.0.0 => ./x\nreplace (\n\texample.com/y => example.com/y2 v1.2.0\n)\n',
  },
  {
    name: 'duplicate replaces keep the last',
    text: 'go 1.22\nuse .\nreplace example.com/x => ./one\nreplace example.com/x => ./two\n',
  },
  { name: 'no directives', text: '// just a comment\n' },
  { name: 'use dot', text: 'go 1.21\nuse .\n' },
  { name: 'empty use and replace paths are cleaned away', text: 'go 1.21\nuse ""\nuse ./a\nreplace "" => ./x\n' },
  { name: 'module directive is not allowed', text: 'go 1.21\nmodule example.com/m\n' },
  { name: 'require is not allowed', text: 'go 1.21\nrequire example.com/a v1.0.0\n' },
  { name: 'require block is not allowed', text: 'go 1.21\nrequire (\n\texample.com/a v1.0.0\n)\n' },
  { name: 'use with two paths', text: 'go 1.21\nuse ./a ./b\n' },
  { name: 'repeated go', text: 'go 1.21\ngo 1.22\nuse .\n' },
  { name: 'bad replace', text: 'go 1.21\nuse .\nreplace example.com/a => example.com/b\n' },
  { name: 'unterminated use block', text: 'go 1.21\nuse (\n\t./a\n' },
];

interface GoSide {
  Path: string;
  Version?: string;
}
interface GoModJson {
  Module: { Path: string; Deprecated?: string };
  Go?: string;
  Toolchain?: string;
  GoDebug?: { Key: string; Value: string }[];
  Require: { Path: string; Version?: string; Indirect?: boolean }[] | null;
  Exclude: { Path: string; Version: string }[] | null;
  Replace: { Old: GoSide; New: GoSide }[] | null;
  Retract: { Low?: string; High?: string; Rationale?: string }[] | null;
  Tool: { Path: string }[] | null;
  Ignore: { Path: string }[] | null;
}
interface GoWorkJson {
  Go?: string;
  Use: { DiskPath: string }[] | null;
  Replace: { Old: GoSide; New: GoSide }[] | null;
}

type GoAnswer<T> = { ok: true; json: T } | { ok: false; line: number | null; message: string };

async function goEditJson<T>(kind: 'mod' | 'work', file: string, cwd: string): Promise<GoAnswer<T>> {
  try {
    const { stdout } = await run('go', [kind, 'edit', '-json', file], { cwd, env: goTestEnv(), maxBuffer: 16 << 20 });
    return { ok: true, json: JSON.parse(stdout) as T };
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    if (!stderr.includes('errors parsing')) throw e;
    // "go: errors parsing go.mod:\n<file>:<line>[:<col>]: <message>"
    const m = /^\S[^\n]*?:(\d+)(?::\d+)?: /m.exec(stderr.split('\n').slice(1).join('\n'));
    return { ok: false, line: m ? Number(m[1]) : null, message: stderr.trim() };
  }
}

const side = (s: GoSide): { path: string; version?: string } =>
  s.Version ? { path: s.Path, version: s.Version } : { path: s.Path };

function expectedModule(j: GoModJson, dir: string): ModuleDescription {
  const out: ModuleDescription = {
    dir,
    path: j.Module.Path === '' ? null : j.Module.Path,
    go: j.Go ?? null,
    toolchain: j.Toolchain ?? null,
    require: (j.Require ?? []).map((r) => ({ path: r.Path, version: r.Version ?? '', indirect: r.Indirect ?? false })),
    replace: (j.Replace ?? []).map((r) => ({ old: side(r.Old), new: side(r.New) })),
    exclude: (j.Exclude ?? []).map((x) => ({ path: x.Path, version: x.Version })),
    retract: (j.Retract ?? []).map((r) => ({ low: r.Low ?? '', high: r.High ?? '', rationale: r.Rationale ?? '' })),
    godebug: (j.GoDebug ?? []).map((g) => ({ key: g.Key, value: g.Value })),
    tool: (j.Tool ?? []).map((t) => ({ path: t.Path })),
    ignore: (j.Ignore ?? []).map((t) => ({ path: t.Path })),
  };
  if (j.Module.Deprecated) out.deprecated = j.Module.Deprecated;
  return out;
}

/** `go work edit -json` prints no toolchain or godebug; those are compared through go.mod cases. */
function expectedWork(j: GoWorkJson): Omit<WorkDescription, 'toolchain' | 'godebug'> {
  return {
    go: j.Go ?? null,
    use: (j.Use ?? []).map((u) => u.DiskPath),
    replace: (j.Replace ?? []).map((r) => ({ old: side(r.Old), new: side(r.New) })),
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: GoModSyntaxError };

function attempt(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof GoModSyntaxError) return { ok: false, error: e };
    throw e;
  }
}

/** Runs `f` over `items` with at most `n` in flight, keeping order. */
async function mapLimit<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i] as T);
      }
    }),
  );
  return out;
}

/** One disagreement, described for the failure message; null when ours and Go's agree. */
function compare(
  name: string,
  ours: Outcome,
  go: GoAnswer<unknown>,
  expected: (json: never) => unknown,
): string | null {
  if (go.ok && ours.ok) {
    const want = expected(go.json as never);
    return isDeepStrictEqual(ours.value, want)
      ? null
      : `${name}: differs\n ours: ${JSON.stringify(ours.value)}\n  go: ${JSON.stringify(want)}`;
  }
  if (go.ok && !ours.ok) return `${name}: we reject (${ours.error.message}), go accepts`;
  if (!go.ok && ours.ok) return `${name}: we accept, go rejects: ${go.message}`;
  if (!go.ok && !ours.ok && go.line !== ours.error.line) {
    return `${name}: error on line ${ours.error.line} (${ours.error.message}), go says line ${go.line}: ${go.message}`;
  }
  return null;
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gomod-steward-modfile-oracle-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('go.mod files from the module proxy', () => {
  let corpus: RealGoMod[];
  beforeAll(async () => {
    corpus = await realGoMods();
  }, 180_000);

  it('describe like `go mod edit -json` on at least 300 of them, and also parse in lax mode', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const problems: string[] = [];
    let rejectedByGo = 0;
    let lineAgreement = 0;
    await mapLimit(corpus, 4, async (m) => {
      const text = readFileSync(m.file, 'utf8');
      const name = `${m.path}@${m.version}`;
      const go = await goEditJson<GoModJson>('mod', m.file, scratch);
      const ours = attempt(() => describeGoMod(parseGoMod(m.file, text), m.path));
      const diff = compare(name, ours, go, (j: GoModJson) => expectedModule(j, m.path));
      if (diff) problems.push(diff);
      if (!go.ok) {
        rejectedByGo++;
        if (!ours.ok && ours.error.line === go.line) lineAgreement++;
      }
      const lax = attempt(() => parseGoMod(m.file, text, { lax: true }));
      if (!lax.ok) problems.push(`${name}: lax parse failed: ${lax.error.message}`);
    });
    // Rejections are rare among published go.mod files; report how ours lined up with Go's.
    console.log(
      `modfile oracle: ${corpus.length} real go.mod files, ${rejectedByGo} rejected by go (same line: ${lineAgreement})`,
    );
    expect(problems).toEqual([]);
  });
});

describe('dependency go.mod files read lax', () => {
  it.each(LAX_GO_MODS)('$name', async ({ name, text }) => {
    const dir = join(scratch, `lax-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    const replaces: string[] = [];
    for (const dep of ['dep', 'x1', 'x2', 'x3']) {
      mkdirSync(join(dir, dep), { recursive: true });
      if (dep !== 'dep') writeFileSync(join(dir, dep, 'go.mod'), `module example.com/${dep}\n`);
      replaces.push(`replace example.com/${dep} => ./${dep}\n`);
    }
    writeFileSync(join(dir, 'dep', 'go.mod'), text);
    writeFileSync(
      join(dir, 'go.mod'),
      `module example.com/main\ngo 1.21\nrequire example.com/dep v1.0.0\n${replaces.join('')}`,
    );

    let go: { ok: true; go: string | null; require: string[] } | { ok: false; line: number | null; message: string };
    try {
      const opts = { cwd: dir, env: goTestEnv() };
      const { stdout: graph } = await run('go', ['mod', 'graph'], opts);
      const { stdout: listed } = await run('go', ['list', '-m', '-json', 'example.com/dep'], opts);
      const require = graph
        .split('\n')
        .filter((l) => l.startsWith('example.com/dep@'))
        .map((l) => l.split(' ')[1] as string)
        .filter((m) => !m.startsWith('go@') && !m.startsWith('toolchain@'));
      go = { ok: true, go: (JSON.parse(listed) as { GoVersion?: string }).GoVersion ?? null, require };
    } catch (e) {
      const message = String((e as { stderr?: string }).stderr ?? e);
      const m = /dep\/go\.mod:(\d+)(?::\d+)?: /.exec(message);
      go = { ok: false, line: m ? Number(m[1]) : null, message };
    }

    const ours = attempt(() => {
      const mod = parseGoMod('go.mod', text, { lax: true });
      return { go: mod.go, require: mod.require.map((r) => `${r.path}@${r.version}`).sort() };
    });
    if (go.ok) {
      expect(ours).toEqual({ ok: true, value: { go: go.go, require: go.require } });
    } else {
      expect(ours.ok ? 'accepted' : ours.error.line).toBe(go.line);
    }
  });
});

describe('hand-written tricky files', () => {
  it(`has at least 20 go.mod and a set of go.work cases`, () => {
    expect(TRICKY_GO_MODS.length).toBeGreaterThanOrEqual(20);
    expect(TRICKY_GO_WORKS.length).toBeGreaterThanOrEqual(8);
  });

  it.each(TRICKY_GO_MODS)('go.mod: $name', async ({ name, text }) => {
    const dir = join(scratch, `mod-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'go.mod');
    writeFileSync(file, text);
    const go = await goEditJson<GoModJson>('mod', file, dir);
    const ours = attempt(() => describeGoMod(parseGoMod('go.mod', text), '.'));
    expect(compare(name, ours, go, (j: GoModJson) => expectedModule(j, '.'))).toBeNull();
  });

  it.each(TRICKY_GO_WORKS)('go.work: $name', async ({ name, text }) => {
    const dir = join(scratch, `work-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'go.work');
    writeFileSync(file, text);
    const go = await goEditJson<GoWorkJson>('work', file, dir);
    const ours = attempt(() => {
      const { toolchain: _t, godebug: _g, ...rest } = describeGoWork(parseGoWork('go.work', text));
      return rest;
    });
    expect(compare(name, ours, go, (j: GoWorkJson) => expectedWork(j))).toBeNull();
  });
});
