/**
 * The import rewriter held to Go: after apply's import move (toolchain/apply/major-imports.ts),
 * `go list -e -json` reads exactly the moved imports in every file of a package (plain, grouped,
 * named, dot, blank, cgo, build-tagged and test files), and gofmt finds every file still
 * formatted, also where a moved path sorts differently in its import group.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { movedPath } from '../../src/toolchain/apply/rewrite-imports.js';
import { moveModuleImports } from '../../src/toolchain/apply/major-imports.js';
import { GoSession } from '../../src/toolchain/apply/go-session.js';
import { resolveGoEnv } from '../../src/toolchain/go-env.js';
import { go } from '../support/go-cli.js';

const pexec = promisify(execFile);

const MOVES = [
  { from: 'gopkg.in/yaml.v2', to: 'gopkg.in/yaml.v3' },
  { from: 'example.com/lib/v2', to: 'example.com/lib/v3' },
];

const FILES: Record<string, string> = {
  'a.go': [
    '// Package p mentions "gopkg.in/yaml.v2" in its doc.',
    'package p',
    '',
    'import (',
    '\t"fmt" // fmt',
    '',
    '\t"example.com/lib/v2"     // the library',
    '\tsub "example.com/lib/v2/sub"',
    '\t"example.com/lib/v2x"',
    '\t"gopkg.in/yaml.v2"',
    ')',
    '',
    'var Path = "gopkg.in/yaml.v2"',
    '',
    'func F() { fmt.Println(lib.X, sub.Y, v2x.Z, yaml.Marshal) }',
    '',
  ].join('\n'),
  'b_linux.go': [
    '//go:build linux',
    '',
    'package p',
    '',
    'import . "example.com/lib/v2/dot"',
    'import _ "gopkg.in/yaml.v2/blank"',
    '',
    'var _ = Dot',
    '',
  ].join('\n'),
  'c.go': [
    'package p',
    '',
    '/*',
    '#define PATH "gopkg.in/yaml.v2"',
    '*/',
    'import "C"',
    '',
    'import y "gopkg.in/yaml.v2"',
    '',
    'var _ = y.Marshal',
    '',
  ].join('\n'),
  'p_test.go':
    'package p_test\n\nimport (\n\t"testing"\n\n\t"example.com/lib/v2"\n)\n\nfunc TestX(t *testing.T) { _ = lib.X }\n',
  'go.mod': 'module example.com/p\n\ngo 1.22\n',
};

interface Listed {
  Imports?: string[];
  TestImports?: string[];
  XTestImports?: string[];
}

async function listImports(dir: string): Promise<string[]> {
  const p = JSON.parse(await go(['list', '-e', '-json', '.'], dir, { CGO_ENABLED: '1', GOOS: 'linux' })) as Listed;
  return [...(p.Imports ?? []), ...(p.TestImports ?? []), ...(p.XTestImports ?? [])].sort();
}

describe('rewriteImports held to go list and gofmt', () => {
  it('moves exactly the imports of the moved modules and keeps every file gofmt-clean', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rewrite-imports-'));
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
    const goroot = (await go(['env', 'GOROOT'], dir)).trim();
    const gofmtList = async () => (await pexec(join(goroot, 'bin', 'gofmt'), ['-l', '.'], { cwd: dir })).stdout.trim();
    // The files as gofmt writes them, so that any change after the rewrite is the rewrite's.
    await pexec(join(goroot, 'bin', 'gofmt'), ['-w', '.'], { cwd: dir });
    const before = await listImports(dir);
    expect(before).toContain('gopkg.in/yaml.v2');

    const session = new GoSession({
      root: dir,
      env: await resolveGoEnv({ appEnv: process.env }),
      secrets: [],
      timeoutMs: 120_000,
      maxOutputBytes: 1 << 20,
    });
    const moved = await moveModuleImports(session, dir, '.', MOVES);
    await session.close();
    expect(moved).toEqual({ files: ['a.go', 'b_linux.go', 'c.go', 'p_test.go'], unreadable: [] });
    // "example.com/lib/v3" now sorts after "example.com/lib/v2x": gofmt's order, restored.
    expect(await readFile(join(dir, 'a.go'), 'utf8')).toMatch(/"example\.com\/lib\/v2x"\n\t"example\.com\/lib\/v3"/);

    const after = await listImports(dir);
    expect(after).toEqual(before.map((p) => movedPath(p, MOVES) ?? p).sort());
    expect(after.filter((p) => p === 'gopkg.in/yaml.v2' || p.startsWith('gopkg.in/yaml.v2/'))).toEqual([]);
    expect(after).toContain('example.com/lib/v2x');
    expect(await gofmtList()).toBe('');
    // Strings and comments kept the old path.
    expect(await readFile(join(dir, 'a.go'), 'utf8')).toContain('var Path = "gopkg.in/yaml.v2"');
    expect(await readFile(join(dir, 'c.go'), 'utf8')).toContain('#define PATH "gopkg.in/yaml.v2"');
  });
});
