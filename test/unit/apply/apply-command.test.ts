import { describe, expect, it } from '@jest/globals';
import { applyExitCode, renderApply } from '../../../src/cli/apply-command.js';
import type { ApplyResult } from '../../../src/toolchain/apply/index.js';

const result = (over: Partial<ApplyResult> = {}): ApplyResult => ({
  version: 1,
  root: '.',
  modules: [{ dir: 'lib', path: 'example.com/lib', go: '1.22' }],
  updates: [{ module: 'a.com/x', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: 'lib', from: 'v1.0.0' }] }],
  carried: [],
  affected: ['lib'],
  skipped: [],
  warnings: [],
  files: ['lib/go.mod', 'lib/go.sum'],
  failed: [],
  predicted: { updates: [], carried: [], affected: [] },
  ...over,
});
const failure = {
  dir: 'svc',
  kind: 'go-module-not-found',
  error: 'go: a.com/y@v9.9.9: invalid version\nsecond line',
  command: 'go get a.com/y@v9.9.9',
};

describe('apply exit codes', () => {
  it('is 0 when every module was applied, or nothing was due', () => {
    expect(applyExitCode(result())).toBe(0);
    expect(applyExitCode(result({ files: [], updates: [] }))).toBe(0);
  });

  it('is 1 when any module failed, even if others were applied', () => {
    expect(applyExitCode(result({ failed: [failure] }))).toBe(1);
    expect(applyExitCode(result({ failed: [failure], files: [], updates: [] }))).toBe(1);
  });

  it('is 2 for bad input, as plan', () => {
    expect(
      applyExitCode(
        result({ skipped: [{ module: '*', dir: 'x', reason: 'invalid-input', detail: 'x/go.mod:3: bad' }] }),
      ),
    ).toBe(2);
  });
});

describe('apply text output', () => {
  it("adds the changed files and the failures, with Go's message, to the plan summary", () => {
    const text = renderApply(result({ failed: [failure] }));
    expect(text).toMatch(/Direct upgrades/);
    expect(text).toMatch(/Files changed \(2\)\n {2}lib\/go\.mod\n {2}lib\/go\.sum/);
    expect(text).toMatch(
      /Failed \(files left as they were\)\n {2}svc {2}go-module-not-found {2}go get a\.com\/y@v9\.9\.9/,
    );
    expect(text).toMatch(/ {6}go: a\.com\/y@v9\.9\.9: invalid version\n {6}second line/);
  });
});
