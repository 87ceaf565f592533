import { describe, expect, it } from '@jest/globals';
import {
  describeLineChange,
  goLineMessages,
  goLinesOf,
  raisedRequirements,
} from '../../../src/toolchain/apply/go-lines.js';

const mod = (go: string, reqs: string, toolchain = '') =>
  `module example.com/m\n\ngo ${go}\n${toolchain ? `\ntoolchain ${toolchain}\n` : ''}\nrequire (\n${reqs}\n)\n`;

describe('go-lines', () => {
  it('reads the go and toolchain lines, null for a file it cannot read', () => {
    expect(goLinesOf('go.mod', mod('1.22', '\ta.com/x v1.0.0', 'go1.26.8'))).toEqual({
      go: '1.22',
      toolchain: 'go1.26.8',
    });
    expect(goLinesOf('go.mod', 'module\n')).toBeNull();
    expect(goLinesOf('go.mod', null)).toBeNull();
  });

  it('describes a changed go or toolchain line, and nothing when both stay', () => {
    expect(describeLineChange({ go: '1.22', toolchain: null }, { go: '1.23', toolchain: 'go1.26.8' })).toBe(
      'go 1.22 => 1.23, toolchain (none) => go1.26.8',
    );
    expect(describeLineChange({ go: '1.22', toolchain: null }, { go: '1.22', toolchain: null })).toBeNull();
  });

  it("picks Go's own report of a line change out of its stderr", () => {
    const stderr =
      'go: downloading a.com/x v1.1.0\ngo: upgraded go 1.22 => 1.26.0\ngo: added toolchain go1.26.8\ngo: upgraded a.com/x v1.0.0 => v1.1.0\n';
    expect(goLineMessages(stderr)).toEqual(['go: upgraded go 1.22 => 1.26.0', 'go: added toolchain go1.26.8']);
  });

  it('lists requirements that went up or appeared, not those that stayed or went down', () => {
    const before = mod('1.22', '\ta.com/x v1.0.0\n\tb.com/y v1.5.0\n\tc.com/z v0.2.0');
    const after = mod('1.23', '\ta.com/x v1.2.0\n\tb.com/y v1.4.0\n\tc.com/z v0.2.0\n\td.com/w v0.1.0');
    expect(raisedRequirements('go.mod', before, after)).toEqual([
      { path: 'a.com/x', from: 'v1.0.0', to: 'v1.2.0' },
      { path: 'd.com/w', from: null, to: 'v0.1.0' },
    ]);
  });
});
