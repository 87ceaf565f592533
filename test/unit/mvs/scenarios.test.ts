import { describe, expect, it } from '@jest/globals';
import { buildList } from '../../../src/gomod/mvs/index.js';
import { listLines, memoryMain } from '../../support/memory-source.js';
import { SCENARIOS, sourceFor } from './scenarios.js';

describe('build lists of hand-made graphs', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const { list } = await buildList(memoryMain(s.main, s.locals), sourceFor(s));
    expect(listLines(list)).toEqual(s.expect);
  });
});
