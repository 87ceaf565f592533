/**
 * The store of parsed go.mod files: what it hands back is exactly what the parser gives, across
 * processes (a new store on the same file), and a torn or foreign line only costs a parse.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDependencyGoMod } from '../../../src/gomod/modfile/index.js';
import { ParsedModStore, parserFingerprint } from '../../../src/gomod/proxy/parsed-mod-store.js';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'gomod-steward-parsed-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const TEXT = `// Deprecated: use example.org/b/v2.
module example.org/b

go 1.22.1

toolchain go1.23.0

require (
\texample.org/c v1.2.3 // indirect
\texample.org/d v0.0.0-20240101000000-abcdefabcdef
)

exclude example.org/c v1.0.0

replace example.org/e => ../e

retract [v1.0.0, v1.0.5] // broken
retract v1.1.0
`;

const wait = () => new Promise((r) => setTimeout(r, 60));

describe('ParsedModStore', () => {
  it('has a fingerprint of the parser code it runs with', () => {
    expect(parserFingerprint()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads back text beyond ASCII as it was written, beside ASCII-only lines', async () => {
    const dir = fresh();
    const plain = parseDependencyGoMod('example.org/b', 'v1.1.0', TEXT);
    const accented = parseDependencyGoMod(
      'example.org/b',
      'v1.2.0',
      TEXT.replace('use example.org/b/v2.', 'utilisez example.org/b/v2 — déprécié 🚫.'),
    );
    const first = ParsedModStore.under(dir, 'k')!;
    first.add('example.org/b@v1.1.0', plain);
    first.add('example.org/b@v1.2.0', accented);
    await wait();
    const second = ParsedModStore.under(dir, 'k')!;
    expect(second.get('example.org/b@v1.2.0')).toStrictEqual(accented);
    expect(second.get('example.org/b@v1.2.0')?.module?.deprecated).toContain('déprécié 🚫');
    expect(second.get('example.org/b@v1.1.0')).toStrictEqual(plain);
  });

  it('gives a later store on the same file what the parser gave, field for field', async () => {
    const dir = fresh();
    const goMod = parseDependencyGoMod('example.org/b', 'v1.1.0', TEXT);
    const first = ParsedModStore.under(dir, 'k')!;
    expect(first.get('example.org/b@v1.1.0')).toBeUndefined();
    first.add('example.org/b@v1.1.0', goMod);
    expect(first.get('example.org/b@v1.1.0')).toStrictEqual(goMod);
    await wait();
    const second = ParsedModStore.under(dir, 'k')!;
    expect(second.get('example.org/b@v1.1.0')).toStrictEqual(goMod);
    expect(second.get('example.org/b@v1.0.0')).toBeUndefined();
  });

  it('keeps every directive and position through the lean stored shape, and shares what it decoded', async () => {
    const dir = fresh();
    const bare = parseDependencyGoMod('example.org/bare', 'v0.1.0', 'go 1.16\n');
    const tools = parseDependencyGoMod(
      'example.org/t',
      'v1.0.0',
      'module example.org/t\n\ngo 1.24\n\ngodebug default=go1.21\n\ntool example.org/t/cmd/x\n\nignore ./testdata\n\nrequire example.org/c v1.2.3\n',
    );
    const store = ParsedModStore.under(dir, 'k')!;
    store.add('example.org/bare@v0.1.0', bare);
    store.add('example.org/t@v1.0.0', tools);
    await wait();
    const again = ParsedModStore.under(dir, 'k')!;
    expect(again.get('example.org/bare@v0.1.0')).toStrictEqual(bare);
    const decoded = again.get('example.org/t@v1.0.0');
    expect(decoded).toStrictEqual(tools);
    expect(again.get('example.org/t@v1.0.0')).toBe(decoded);
    const file = readFileSync(join(dir, 'parsed-go-mod', parserFingerprint()!, 'k.jsonl'), 'utf8');
    expect(file).not.toContain('"indirect"');
    expect(file).not.toContain('"exclude"');
  });

  it('skips a torn last line, a line that is not JSON and an entry filed under another key', async () => {
    const dir = fresh();
    const goMod = parseDependencyGoMod('example.org/b', 'v1.1.0', TEXT);
    const store = ParsedModStore.under(dir, 'k')!;
    store.add('example.org/b@v1.1.0', goMod);
    await wait();
    const file = join(dir, 'parsed-go-mod', parserFingerprint()!, 'k.jsonl');
    const line = readFileSync(file, 'utf8');
    appendFileSync(file, `example.org/x@v1.0.0\t{"broken\n`);
    appendFileSync(file, line.replace('example.org/b@v1.1.0\t', 'example.org/y@v1.0.0\t'));
    appendFileSync(file, line.replace('example.org/b@v1.1.0\t', 'example.org/z@v1.0.0\t').slice(0, 40));
    const again = ParsedModStore.under(dir, 'k')!;
    expect(again.get('example.org/b@v1.1.0')).toStrictEqual(goMod);
    expect(again.get('example.org/x@v1.0.0')).toBeUndefined();
    expect(again.get('example.org/y@v1.0.0')).toBeUndefined();
    expect(again.get('example.org/z@v1.0.0')).toBeUndefined();
  });

  it('a missing or unreadable file is an empty store, and writing into an unwritable place is harmless', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'parsed-go-mod'), 'a file where the directory should be');
    const store = ParsedModStore.under(dir, 'k')!;
    expect(store.get('example.org/b@v1.1.0')).toBeUndefined();
    store.add('example.org/b@v1.1.0', parseDependencyGoMod('example.org/b', 'v1.1.0', TEXT));
    await wait();
    expect(ParsedModStore.under(dir, 'k')!.get('example.org/b@v1.1.0')).toBeUndefined();
  });
});
