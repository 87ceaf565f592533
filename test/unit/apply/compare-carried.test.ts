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

  it('warns once per disagreement, in the measured dirs only, naming dir and module', () => {
    expect(compareCarried(predicted, actual, ['a'])).toEqual([
      {
        dir: 'a',
        module: 'did-not-happen',
        message: 'did-not-happen: predicted (none) → v0.1.0, Go left it unchanged',
      },
      {
        dir: 'a',
        module: 'other-target',
        message: 'other-target: predicted v1.0.0 → v1.2.0, Go selected v1.0.0 → v1.3.0',
      },
      { dir: 'a', module: 'surprise', message: 'surprise: not predicted, Go changed it v0.0.0-2016 → (none)' },
    ]);
  });

  it('is silent when prediction and measurement agree', () => {
    expect(compareCarried(actual, actual, ['a', 'b'])).toEqual([]);
  });
});
