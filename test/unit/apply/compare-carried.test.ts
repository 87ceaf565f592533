import { describe, expect, it } from '@jest/globals';
import { compareCarried } from '../../../src/toolchain/apply/compare-carried.js';

describe('compareCarried', () => {
  const predicted = [
    { dir: 'a', module: 'same', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'a', module: 'other-target', from: 'v1.0.0', to: 'v1.2.0' },
    { dir: 'a', module: 'did-not-happen', from: null, to: 'v0.1.0' },
    { dir: 'b', module: 'unmeasured', from: 'v1.0.0', to: 'v1.1.0' },
  ];
  const actual = [
    { dir: 'a', module: 'same', from: 'v1.0.0', to: 'v1.1.0' },
    { dir: 'a', module: 'other-target', from: 'v1.0.0', to: 'v1.3.0' },
    { dir: 'a', module: 'surprise', from: 'v0.0.0-2016', to: null },
  ];

  it('warns once per dir, in the measured dirs only, naming every differing module and the cause', () => {
    expect(compareCarried(predicted, actual, ['a'])).toEqual([
      {
        dir: 'a',
        message:
          'carried differs from the plan in 3 module(s): did-not-happen (predicted (none) → v0.1.0, Go left it); ' +
          'other-target (predicted v1.0.0 → v1.2.0, Go v1.0.0 → v1.3.0); surprise (not predicted, Go v0.0.0-2016 → (none))' +
          ' — go mod tidy removed modules no package needs any more (1); versions went higher than predicted' +
          ' (go work sync raises to the workspace’s versions) (1); Go left predicted changes undone (1)',
      },
    ]);
  });

  it('names the plan’s own warning as the cause, and counts what it does not show', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ dir: 'c', module: `m${i}`, from: null, to: 'v1.0.0' }));
    const [w, ...rest] = compareCarried([], many, ['c'], [{ dir: 'c', message: 'carried may differ in 7 module(s)' }]);
    expect(rest).toEqual([]);
    expect(w?.dir).toBe('c');
    expect(w?.message).toMatch(
      /^carried differs from the plan in 7 module\(s\): m0 .*m4 \(not predicted, Go \(none\) → v1\.0\.0\); and 2 more — as the plan warned; modules joined that the plan did not predict .* \(7\)$/,
    );
  });

  it('tells a version that stayed lower than predicted from one that went higher', () => {
    const [w] = compareCarried(
      [{ dir: 'd', module: 'x', from: 'v1.0.0', to: 'v1.5.0' }],
      [{ dir: 'd', module: 'x', from: 'v1.0.0', to: 'v1.2.0' }],
      ['d'],
    );
    expect(w?.message).toMatch(/— versions stayed lower than predicted .* \(1\)$/);
  });

  it('is silent when prediction and measurement agree', () => {
    expect(compareCarried(actual, actual, ['a', 'b'])).toEqual([]);
  });
});
