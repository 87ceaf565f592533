/** `governance.license`: a level, or `{level, allow}` with SPDX ids; off by default. */
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../src/config/load.js';

const FILE = '.github/gomod-steward.yml';

describe('governance.license', () => {
  it('is off with no allow list by default; the other rules keep their levels', () => {
    const g = parseConfig(FILE, '').governance;
    expect([g.levels.license, g.licenseAllow, g.levels.vulnerable]).toEqual(['off', null, 'error']);
  });

  it('takes a level alone: any identified license passes, unknown ones are reported', () => {
    const g = parseConfig(FILE, 'governance:\n  license: warning\n').governance;
    expect([g.levels.license, g.licenseAllow]).toEqual(['warning', null]);
  });

  it('takes an allow list, which turns the rule on at error unless a level is given', () => {
    const g = parseConfig(FILE, 'governance:\n  license:\n    allow: [MIT, Apache-2.0]\n').governance;
    expect([g.levels.license, g.licenseAllow]).toEqual(['error', ['MIT', 'Apache-2.0']]);
    const w = parseConfig(FILE, 'governance:\n  license: {level: notice, allow: [BSD-3-Clause]}\n').governance;
    expect([w.levels.license, w.licenseAllow]).toEqual(['notice', ['BSD-3-Clause']]);
  });

  it('refuses what is neither, saying what it expects', () => {
    expect(() => parseConfig(FILE, 'governance:\n  license: sometimes\n')).toThrow(/license/);
    expect(() => parseConfig(FILE, 'governance:\n  license: {allow: ["MIT OR X"]}\n')).toThrow(/license/);
  });
});
