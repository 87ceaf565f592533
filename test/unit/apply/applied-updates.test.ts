import { describe, expect, it } from '@jest/globals';
import { appliedUpdates } from '../../../src/toolchain/apply/applied-updates.js';

describe('appliedUpdates', () => {
  it("groups by module and target in module order, newest target first, with the plan's from", () => {
    const applied = new Map([
      [
        'svc',
        new Map([
          ['g', 'v1.70.0'],
          ['z', 'v1.28.0'],
        ]),
      ],
      [
        'lib',
        new Map([
          ['g', 'v1.72.2'],
          ['z', 'v1.28.0'],
        ]),
      ],
      ['nothing', new Map<string, string>()],
    ]);
    const from = (dir: string, path: string) => (path === 'g' ? 'v1.64.0' : dir === 'lib' ? 'v1.27.0' : 'v0.9.0');
    expect(appliedUpdates(applied, from, ['lib', 'svc', 'nothing'])).toEqual([
      { module: 'g', to: 'v1.72.2', kind: 'minor', dirs: [{ dir: 'lib', from: 'v1.64.0' }] },
      { module: 'g', to: 'v1.70.0', kind: 'minor', dirs: [{ dir: 'svc', from: 'v1.64.0' }] },
      {
        module: 'z',
        to: 'v1.28.0',
        kind: 'major',
        dirs: [
          { dir: 'lib', from: 'v1.27.0' },
          { dir: 'svc', from: 'v0.9.0' },
        ],
      },
    ]);
  });
});
