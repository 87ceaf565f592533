/** The kind of a step between two versions, and which minors on v0 may break. */
import { describe, expect, it } from '@jest/globals';
import { mayBreakOnV0, updateKind, updateStep } from '../../../src/gomod/update-kind.js';

const PSEUDO = 'v0.0.0-20230102150405-abcdefabcdef';

describe('updateKind and mayBreakOnV0', () => {
  it.each([
    // from, to, kind, mayBreak
    ['v0.30.0', 'v0.37.0', 'minor', true], // meilisearch-go: a v0 minor broke a call
    ['v0.3.1', 'v0.3.2', 'patch', false], // a v0 patch is not marked
    ['v0.9.0', 'v1.0.0', 'major', false], // v0 → v1 is a major already
    ['v1.2.0', 'v1.3.0', 'minor', false], // semver holds on v1
    ['v1.2.0', 'v1.2.1', 'patch', false],
    // Pseudo-versions count by their numbers, as Go's semver reads them.
    [PSEUDO, 'v0.3.0', 'minor', true],
    [PSEUDO, 'v0.0.1', 'patch', false],
    ['v0.3.1-0.20230102150405-abcdefabcdef', 'v0.3.1', 'patch', false],
    ['v0.3.1-0.20230102150405-abcdefabcdef', 'v0.4.0', 'minor', true],
    [PSEUDO, 'v1.0.0', 'major', false],
  ] as const)('%s → %s is %s, mayBreak %s', (from, to, kind, mayBreak) => {
    expect(updateKind(from, to)).toBe(kind);
    expect(mayBreakOnV0(from, to)).toBe(mayBreak);
  });
});

describe('updateStep', () => {
  it('adds mayBreak: true to a v0 minor and leaves the field out otherwise', () => {
    expect(updateStep(['v0.30.0'], 'v0.37.0')).toEqual({ kind: 'minor', mayBreak: true });
    expect(updateStep(['v0.3.1'], 'v0.3.2')).toStrictEqual({ kind: 'patch' });
    expect(updateStep(['v1.2.0'], 'v1.3.0')).toStrictEqual({ kind: 'minor' });
    expect(updateStep(['v0.9.0'], 'v1.0.0')).toStrictEqual({ kind: 'major' });
  });

  it('marks an update when any module dir makes a v0 minor step to the shared target', () => {
    expect(updateStep(['v0.37.0-0.20230102150405-abcdefabcdef', 'v0.30.0'], 'v0.37.0')).toEqual({
      kind: 'minor',
      mayBreak: true,
    });
    expect(updateStep(['v0.37.0', 'v0.37.1'], 'v0.37.2')).toStrictEqual({ kind: 'patch' });
  });
});
