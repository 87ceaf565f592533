import { describe, expect, it } from '@jest/globals';
import { applyCaps, capCandidates, type BumpTable } from '../../../src/toolchain/apply/caps.js';

const table = (): BumpTable =>
  new Map([
    [
      'svc/a',
      new Map([
        ['g', 'v1.72.2'],
        ['chi', 'v5.3.2'],
        ['zap', 'v1.28.0'],
      ]),
    ],
    ['svc/b', new Map([['g', 'v1.64.5']])],
    ['lib', new Map([['g', 'v1.70.0']])],
  ]);
const from = (dir: string, path: string) => (path === 'g' ? (dir === 'svc/b' ? 'v1.64.0' : 'v1.64.0') : 'v0.0.1');

describe('capCandidates', () => {
  it('finds targets above the version the raised module had, only in the given dirs', () => {
    const c = capCandidates(table(), ['svc/a', 'svc/b'], [{ path: 'g', from: 'v1.70.0', to: 'v1.72.2' }]);
    expect(c).toEqual([{ dir: 'svc/a', path: 'g', target: 'v1.72.2', limit: 'v1.70.0' }]);
  });

  it('treats a requirement the module did not have as a limit of none', () => {
    const c = capCandidates(table(), ['svc/a'], [{ path: 'chi', from: null, to: 'v5.3.2' }]);
    expect(c).toEqual([{ dir: 'svc/a', path: 'chi', target: 'v5.3.2', limit: null }]);
  });
});

describe('applyCaps', () => {
  it('holds a target at the limit when that is still an upgrade, and says so', () => {
    const bumps = table();
    const r = applyCaps(
      bumps,
      [{ dir: 'svc/a', path: 'g', target: 'v1.72.2', limit: 'v1.70.0' }],
      from,
      'would raise x',
    );
    expect(bumps.get('svc/a')?.get('g')).toBe('v1.70.0');
    expect(r).toEqual({
      changed: ['svc/a'],
      skipped: [
        { module: 'g', dir: 'svc/a', reason: 'needs-newer-go', detail: 'v1.72.2 would raise x; held at v1.70.0' },
      ],
    });
  });

  it('drops the bump when the limit is not above where the module started', () => {
    const bumps = table();
    const r = applyCaps(bumps, [{ dir: 'svc/a', path: 'chi', target: 'v5.3.2', limit: null }], from, 'would raise x');
    expect(bumps.get('svc/a')?.has('chi')).toBe(false);
    expect(r.skipped[0]?.detail).toBe('v5.3.2 would raise x; not upgraded');
  });

  it('ignores a candidate whose target already moved', () => {
    const bumps = table();
    const r = applyCaps(bumps, [{ dir: 'svc/a', path: 'g', target: 'v1.99.0', limit: 'v1.70.0' }], from, 'x');
    expect(r.changed).toEqual([]);
    expect(bumps.get('svc/a')?.get('g')).toBe('v1.72.2');
  });
});
