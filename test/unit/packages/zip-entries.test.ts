/**
 * zipEntries and modulePackages on zips laid out as the module proxy serves them: stored and
 * deflated entries, packages by directory, test files and `_`/`.` files left out of imports.
 */
import { describe, expect, it } from '@jest/globals';
import { deflateRawSync } from 'node:zlib';
import { modulePackages, type ZipSource } from '../../../src/gomod/packages/module-packages.js';
import { zipEntries } from '../../../src/gomod/packages/zip-entries.js';
import { makeZip } from '../../support/local-proxy.js';

/** makeZip's layout with every entry deflated (method 8). */
function deflatedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = deflateRawSync(Buffer.from(text));
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(text.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(text.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const files = {
  'a.example/m@v1.0.0/go.mod': 'module a.example/m\n',
  'a.example/m@v1.0.0/m.go': 'package m\n\nimport "b.example/x"\n',
  'a.example/m@v1.0.0/m_test.go': 'package m\n\nimport "c.example/testonly"\n',
  'a.example/m@v1.0.0/gen.go': '//go:build ignore\n\npackage main\n\nimport "d.example/generator"\n',
  'a.example/m@v1.0.0/_skip.go': 'package m\n\nimport "e.example/skipped"\n',
  'a.example/m@v1.0.0/sub/sub.go': 'package sub\n\nimport (\n\t"fmt"\n\t"f.example/y"\n)\n',
  'a.example/m@v1.0.0/onlytests/t_test.go': 'package onlytests\n',
};

describe.each([
  ['stored', () => makeZip(files)],
  ['deflated', () => deflatedZip(files)],
])('a %s module zip', (kind, zip) => {
  it('lists and reads its entries', () => {
    const z = zipEntries(zip());
    expect(z.names().sort()).toEqual(Object.keys(files).sort());
    expect(z.text('a.example/m@v1.0.0/m.go')).toBe(files['a.example/m@v1.0.0/m.go']);
  });

  it('inflates the start of a long entry without the rest', () => {
    const long = `package big\n\nimport "b.example/x"\n\n${Array.from({ length: 5000 }, (_, i) => `var v${i} = ${(i * 7919) % 10007}\n`).join('')}`;
    const z = zipEntries(kind === 'stored' ? makeZip({ 'm@v1/big.go': long }) : deflatedZip({ 'm@v1/big.go': long }));
    const head = z.head('m@v1/big.go', 200);
    expect(head.whole).toBe(false);
    expect(long.startsWith(head.text)).toBe(true);
    expect(head.text.length).toBeGreaterThan(40);
    expect(z.head('m@v1/big.go', 1 << 20)).toEqual({ text: long, whole: true });
  });

  it('knows its packages and what they import for go get', async () => {
    const bytes = zip();
    const source = { zip: async () => bytes } as unknown as ZipSource;
    const pkgs = await modulePackages(source, 'a.example/m', 'v1.0.0');
    expect(['', 'sub', 'onlytests', 'nope'].map((d) => pkgs.has(d))).toEqual([true, true, true, false]);
    expect(pkgs.imports('')).toEqual(['b.example/x']);
    expect(pkgs.imports('sub')).toEqual(['f.example/y', 'fmt']);
    expect(pkgs.imports('onlytests')).toEqual([]);
  });
});
