/**
 * Keys for lists of graph roots: two lists share a key only when they are the same list under the
 * same head, also across the restarts that keep the numbering bounded; the same list keeps its key
 * until a restart.
 */
import { describe, expect, it } from '@jest/globals';
import { RootsKeys } from '../../../src/gomod/mvs/roots-key.js';
import { rng } from '../../support/seeded-rng.js';

type Root = { path: string; version: string };

const text = (head: string, roots: readonly Root[]) =>
  `${head}|${roots.map((r) => `${r.path}@${r.version}`).join(' ')}`;

describe('RootsKeys', () => {
  it('gives equal keys to equal lists only, while the numbering restarts', () => {
    const r = rng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const paths = ['a', 'b', 'a/b', 'go', 'toolchain', 'ab', 'example.com/m'];
    const versions = ['v1.0.0', 'v1.0.1', 'v0.0.0-20240101000000-abcdefabcdef', '1.21', 'go1.22.0', ''];
    const heads = ['m 1.21', 'm 1.22', 'm2 1.21', 'm 1.21 ', ''];
    const keys = new RootsKeys(12);
    const seen = new Map<string, string>();
    let restarts = 0;
    let last = 0;
    for (let i = 0; i < 3000; i++) {
      const head = pick(heads);
      const roots = Array.from({ length: Math.floor(r() * 5) }, () => ({ path: pick(paths), version: pick(versions) }));
      const k = keys.key(head, roots);
      const want = text(head, roots);
      const had = seen.get(k);
      if (had !== undefined) expect(had).toBe(want);
      seen.set(k, want);
      // Asked again before anything else is numbered: the same key.
      expect(keys.key(head, roots)).toBe(k);
      expect(keys.size).toBeLessThanOrEqual(12);
      if (keys.size < last) restarts++;
      last = keys.size;
    }
    expect(restarts).toBeGreaterThan(10);
    expect(new Set(seen.values()).size).toBeGreaterThan(100);
  });

  it('numbers thousands of roots without two sharing a key', () => {
    const keys = new RootsKeys(1_000_000);
    const out = new Set<string>();
    for (let i = 0; i < 70_000; i++) out.add(keys.key('m 1.21', [{ path: `p${i % 300}`, version: `v1.0.${i}` }]));
    expect(out.size).toBe(70_000);
  });

  it('keys lists longer than one string-building step apart', () => {
    // Past 4,096 roots a key is written in more than one piece: every piece must count.
    const keys = new RootsKeys(1_000_000);
    const long = Array.from({ length: 9000 }, (_, i) => ({ path: `p${i}`, version: 'v1.0.0' }));
    const k = keys.key('m 1.21', long);
    for (const at of [0, 4095, 4096, 8191, 8192, 8999]) {
      const other = long.map((r, i) => (i === at ? { path: r.path, version: 'v1.0.1' } : r));
      expect(keys.key('m 1.21', other)).not.toBe(k);
    }
    expect(keys.key('m 1.21', [...long])).toBe(k);
    expect(keys.key('m 1.21', long.slice(0, 8999))).not.toBe(k);
  });
});
