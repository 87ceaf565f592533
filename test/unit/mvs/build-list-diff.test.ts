/**
 * diffBuildLists against the plainest reading of its contract (each list as a map from path to
 * its last version, compared path by path) on random lists: build lists whose versions moved,
 * lists that gain or lose modules, and lists that are no build list at all (unsorted, a path twice).
 */
import { describe, expect, it } from '@jest/globals';
import { diffBuildLists } from '../../../src/gomod/mvs/build-list-diff.js';
import type { ModuleVersion } from '../../../src/gomod/types.js';
import { rng } from '../../support/seeded-rng.js';

function byMaps(before: readonly ModuleVersion[], after: readonly ModuleVersion[], skip: ReadonlySet<string>) {
  const b = new Map(before.map((m) => [m.path, m.version]));
  const a = new Map(after.map((m) => [m.path, m.version]));
  return [...new Set([...b.keys(), ...a.keys()])]
    .filter((p) => (b.get(p) ?? null) !== (a.get(p) ?? null) && !skip.has(p))
    .sort()
    .map((p) => ({ module: p, from: b.get(p) ?? null, to: a.get(p) ?? null }));
}

const PATHS = ['a.example/x', 'a.example/x/v2', 'b.example/y', 'example.com/main', 'z.example/w', 'Z.example/w'];
const VERSIONS = ['v1.0.0', 'v1.1.0', 'v2.0.0'];

describe('diffBuildLists', () => {
  it('agrees with a path-by-path comparison on 3000 random pairs of lists', () => {
    const r = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const moved = (m: ModuleVersion) => (r() < 0.3 ? { ...m, version: pick(VERSIONS) } : m);
    for (let n = 0; n < 3000; n++) {
      // A build list: its main module first, every other path once and in order after it.
      const first = { path: pick(PATHS), version: r() < 0.5 ? '' : pick(VERSIONS) };
      const before: ModuleVersion[] = [
        first,
        ...PATHS.filter((p) => p !== first.path && r() < 0.7)
          .sort()
          .map((path) => ({ path, version: pick(VERSIONS) })),
      ];
      let after = before.map(moved);
      const shape = r();
      if (shape < 0.15) after = after.filter(() => r() < 0.8);
      else if (shape < 0.3) after = [...after, { path: pick(PATHS), version: pick(VERSIONS) }];
      else if (shape < 0.55) {
        // Not a build list: a path twice, at the same place in both lists, each copy moved or not.
        const copy = pick(before);
        const at = 1 + Math.floor(r() * before.length);
        before.splice(at, 0, copy);
        after.splice(at, 0, moved(copy));
      } else if (shape < 0.65) {
        before.reverse();
        after.reverse();
      }
      const skip = new Set(PATHS.filter(() => r() < 0.1));
      expect({ n, changes: diffBuildLists(before, after, skip) }).toEqual({ n, changes: byMaps(before, after, skip) });
    }
  });
});
