/**
 * The id table behind a graph read's selected(): every id it was given at its own position, and
 * no position for any other id, whatever the ids (sequential, sparse, colliding under the hash).
 */
import { describe, expect, it } from '@jest/globals';
import { IdTable } from '../../../src/gomod/mvs/id-table.js';
import { rng } from '../../support/seeded-rng.js';

describe('IdTable', () => {
  it('finds each id at its position and nothing else', () => {
    const r = rng(7);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(r() * 300);
      const spread = [10, 1000, 100_000][round % 3]!;
      const ids = [...new Set(Array.from({ length: n }, () => Math.floor(r() * spread)))];
      const table = new IdTable(ids);
      ids.forEach((id, i) => expect(table.positionOf(id)).toBe(i));
      const given = new Set(ids);
      for (let k = 0; k < 50; k++) {
        const other = Math.floor(r() * spread * 2);
        if (!given.has(other)) expect(table.positionOf(other)).toBe(-1);
      }
    }
  });

  it('answers for an empty table and for ids that share a slot', () => {
    expect(new IdTable([]).positionOf(0)).toBe(-1);
    // Multiples of the table size land near one another: the probe must walk past them.
    const ids = Array.from({ length: 60 }, (_, i) => i * 65_536);
    const table = new IdTable(ids);
    ids.forEach((id, i) => expect(table.positionOf(id)).toBe(i));
    expect(table.positionOf(61 * 65_536)).toBe(-1);
    expect(table.positionOf(1)).toBe(-1);
  });
});
