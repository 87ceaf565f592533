/** govulncheck's range rules: introduced "0", unsorted events, pseudo-versions, +incompatible, withdrawn. */
import { describe, expect, it } from '@jest/globals';
import {
  affectedVersion,
  firstFixedAbove,
  isWithdrawn,
  rangeContains,
  type OsvAffected,
} from '../../../src/gomod/vulndb/index.js';
import { osvEntrySchema } from '../../../src/gomod/vulndb/schema.js';

const semver = (...events: ({ introduced: string } | { fixed: string })[]) => ({ type: 'SEMVER', events });
const affected = (...ranges: ReturnType<typeof semver>[]): OsvAffected => ({ package: { name: 'm' }, ranges });

describe('vulnerability ranges', () => {
  it('reads introduced "0" as the beginning of time and ranges as left-closed, right-open', () => {
    const r = semver({ introduced: '0' }, { fixed: '1.11.0' });
    expect(rangeContains(r, 'v1.0.0')).toBe(true);
    expect(rangeContains(r, 'v1.10.9')).toBe(true);
    expect(rangeContains(r, 'v1.11.0')).toBe(false);
    const from = semver({ introduced: '1.2.0' }, { fixed: '1.3.0' });
    expect(rangeContains(from, 'v1.1.9')).toBe(false);
    expect(rangeContains(from, 'v1.2.0')).toBe(true);
  });

  it('sorts events before walking them and handles re-introduced flaws', () => {
    const r = semver({ fixed: '1.3.0' }, { introduced: '2.0.0' }, { introduced: '0' }, { fixed: '2.1.0' });
    expect(['v1.2.0', 'v1.3.0', 'v2.0.5', 'v2.1.0'].map((v) => rangeContains(r, v))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(firstFixedAbove([affected(r)], 'v1.2.0')).toBe('v1.3.0');
    expect(firstFixedAbove([affected(r)], 'v2.0.5')).toBe('v2.1.0');
  });

  it('orders a pseudo-version below the release it builds on', () => {
    const r = semver({ introduced: '0' }, { fixed: '0.0.0-20200901000000-aaaaaaaaaaaa' });
    expect(rangeContains(r, 'v0.0.0-20200823014737-9f7001d12a5f')).toBe(true);
    expect(rangeContains(r, 'v0.0.0-20200902000000-bbbbbbbbbbbb')).toBe(false);
    expect(rangeContains(semver({ introduced: '0' }, { fixed: '0.0.1' }), 'v0.0.1-0.20200101000000-aaaaaaaaaaaa')).toBe(
      true,
    );
  });

  it('ignores +incompatible when comparing, as semver build metadata', () => {
    const r = semver({ introduced: '3.0.0' }, { fixed: '3.2.2' });
    expect(rangeContains(r, 'v3.2.1+incompatible')).toBe(true);
    expect(rangeContains(r, 'v3.2.2+incompatible')).toBe(false);
    expect(rangeContains(semver({ introduced: '0' }, { fixed: '3.2.2+incompatible' }), 'v3.2.2+incompatible')).toBe(
      false,
    );
  });

  it('counts an affected entry without SEMVER ranges as affecting every version', () => {
    expect(affectedVersion({ package: { name: 'm' } }, 'v9.9.9')).toBe(true);
    expect(affectedVersion({ package: { name: 'm' }, ranges: [{ type: 'GIT', events: [] }] }, 'v1.0.0')).toBe(true);
    expect(firstFixedAbove([{ package: { name: 'm' } }], 'v1.0.0')).toBeNull();
  });

  it('drops withdrawn advisories from the moment of withdrawal', () => {
    const e = osvEntrySchema.parse({ id: 'GO-2099-0009', withdrawn: '2099-06-01T00:00:00Z', affected: [] });
    expect(isWithdrawn(e, new Date('2099-05-31T00:00:00Z'))).toBe(false);
    expect(isWithdrawn(e, new Date('2099-06-02T00:00:00Z'))).toBe(true);
  });
});
