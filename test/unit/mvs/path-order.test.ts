/**
 * Paths sorted through their ranks come out as sorting the strings does (the build list's order),
 * also when paths first seen later fall between, before and after those ranked already.
 */
import { describe, expect, it } from '@jest/globals';
import { sortByPath } from '../../../src/gomod/mvs/path-order.js';
import { rng } from '../../support/seeded-rng.js';

describe('sortByPath', () => {
  it('orders ids as their paths sort, while new paths keep arriving', () => {
    const r = rng(7);
    const parts = ['a', 'B', 'z', 'go', 'golang.org', 'x', '-', '.', '/', '~', 'é', '😀', 'v2', '0'];
    const paths: string[] = [];
    const seen = new Set<string>();
    while (paths.length < 400) {
      const p = Array.from({ length: 1 + Math.floor(r() * 5) }, () => parts[Math.floor(r() * parts.length)]).join('');
      if (!seen.has(p)) {
        seen.add(p);
        paths.push(p);
      }
    }
    const idOf = new Map(paths.map((p, i) => [p, i]));
    const pathOf = (id: number) => paths[id]!;
    for (let round = 0; round < 200; round++) {
      // Each round takes a random subset, in random order: early rounds rank few paths, later ones
      // mostly paths ranked already with a few new ones among them.
      const pick = paths.filter(() => r() < 0.1).sort(() => r() - 0.5);
      const got = sortByPath(
        pick.map((p) => idOf.get(p)!),
        pathOf,
      ).map(pathOf);
      expect(got).toEqual([...pick].sort());
    }
  });
});
