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

describe('appliedUpdates on v0', () => {
  it('keeps mayBreak on a v0 minor that apply made, and leaves it off a v0 patch', () => {
    const applied = new Map([
      [
        'svc',
        new Map([
          ['m', 'v0.37.0'],
          ['p', 'v0.3.2'],
        ]),
      ],
    ]);
    const from = (_dir: string, path: string) => (path === 'm' ? 'v0.30.0' : 'v0.3.1');
    expect(appliedUpdates(applied, from, ['svc'])).toStrictEqual([
      { module: 'm', to: 'v0.37.0', kind: 'minor', mayBreak: true, dirs: [{ dir: 'svc', from: 'v0.30.0' }] },
      { module: 'p', to: 'v0.3.2', kind: 'patch', dirs: [{ dir: 'svc', from: 'v0.3.1' }] },
    ]);
  });
});
