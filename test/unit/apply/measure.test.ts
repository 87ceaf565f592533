import { describe, expect, it } from '@jest/globals';
import type { Warning } from '../../../src/planner/plan-schema.js';
import type { GoSession } from '../../../src/toolchain/apply/go-session.js';
import { measureChanges, type BuildLists } from '../../../src/toolchain/apply/measure.js';

/** No module here needs a package listing: unmeasured ones never get that far, `same` did not move. */
const noGo = {
  run: () => Promise.reject(new Error('no go command expected')),
} as unknown as GoSession;

const list = (version: string) => [{ path: 'example.com/x', version }];

describe('measureChanges when Go could not measure a module', () => {
  const before: BuildLists = {
    lists: new Map([
      ['same', list('v1.0.0')],
      ['after-failed', list('v1.0.0')],
    ]),
    unmeasured: new Map([
      ['before-failed', 'go: example.com/x@v1.0.0: missing go.sum entry for go.mod file'],
      ['both-failed', 'go.mod:3: unknown directive: requir'],
    ]),
  };
  const after: BuildLists = {
    lists: new Map([
      ['same', list('v1.0.0')],
      ['before-failed', list('v1.1.0')],
    ]),
    unmeasured: new Map([
      ['after-failed', 'go: example.com/y@v2.0.0: missing go.sum entry'],
      ['both-failed', 'go.mod:3: unknown directive: requir'],
    ]),
  };
  const dirs = ['same', 'before-failed', 'after-failed', 'both-failed'];

  it('counts every module it could not measure, before or after, as affected', async () => {
    const warnings: Warning[] = [];
    const m = await measureChanges(
      noGo,
      dirs,
      before,
      after,
      () => new Set(),
      warnings,
      (s) => s,
    );
    expect(m.affected).toEqual(['before-failed', 'after-failed', 'both-failed']);
    expect(m.carried).toEqual([]);
  });

  it('warns once per such module, naming it and saying why', async () => {
    const warnings: Warning[] = [];
    await measureChanges(
      noGo,
      dirs,
      before,
      after,
      () => new Set(),
      warnings,
      (s) => s,
    );
    expect(warnings).toEqual([
      {
        dir: 'before-failed',
        message:
          'cannot measure the build list before apply: go: example.com/x@v1.0.0: missing go.sum entry for go.mod file; counted as affected',
      },
      {
        dir: 'after-failed',
        message:
          'cannot measure the build list after apply: go: example.com/y@v2.0.0: missing go.sum entry; counted as affected',
      },
      {
        dir: 'both-failed',
        message:
          'cannot measure the build list before apply: go.mod:3: unknown directive: requir; after apply: go.mod:3: unknown directive: requir; counted as affected',
      },
    ]);
  });
});
