/** The governance check run's output: conclusion by the worst severity, annotations in GitHub's batches of 50. */
import { describe, expect, it } from '@jest/globals';
import { governanceConclusion, governanceOutputs } from '../../../src/governance/check-run-output.js';
import type { CheckReport, Finding } from '../../../src/governance/finding.js';

const SHA = 'f'.repeat(40);

function finding(i: number, severity: Finding['severity'], o: Partial<Finding> = {}): Finding {
  return {
    rule: 'replace-local-outside-workspace',
    severity,
    dir: 'a',
    file: 'a/go.mod',
    line: i + 1,
    message: `finding ${i} | with a pipe`,
    fix: 'do it',
    ...o,
  };
}

const report = (findings: Finding[]): CheckReport => ({ version: 1, findings });

describe('governance check run output', () => {
  it('fails only on an error; a warning is neutral; notices and nothing are success', () => {
    expect(governanceConclusion(report([finding(0, 'notice'), finding(1, 'error')]))).toBe('failure');
    expect(governanceConclusion(report([finding(0, 'warning'), finding(1, 'notice')]))).toBe('neutral');
    expect(governanceConclusion(report([finding(0, 'notice')]))).toBe('success');
    expect(governanceConclusion(report([]))).toBe('success');
  });

  it('sends at most 50 annotations a request, every finding once, levels mapped', () => {
    const outputs = governanceOutputs(report(Array.from({ length: 120 }, (_, i) => finding(i, 'error'))), SHA);
    expect(outputs.map((o) => o.annotations?.length)).toEqual([50, 50, 20]);
    const all = outputs.flatMap((o) => o.annotations ?? []);
    expect(all.map((a) => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(new Set(all.map((a) => a.annotation_level))).toEqual(new Set(['failure']));
    expect(outputs.every((o) => o.title === '120 errors')).toBe(true);
  });

  it('one output without annotations when nothing is found; findings without a file only in the summary', () => {
    expect(governanceOutputs(report([]), SHA)).toEqual([{ title: 'No findings', summary: expect.any(String) }]);
    const [out] = governanceOutputs(report([finding(0, 'warning', { file: '.', rule: 'vulnerable' })]), SHA);
    expect(out!.annotations).toBeUndefined();
    expect(out!.summary).toContain('| `vulnerable` | warning | 1 |');
    expect(out!.summary).toContain('finding 0 \\| with a pipe');
    expect(out!.summary).toContain('1 finding(s) have no annotation');
  });

  it('keeps the summary under GitHub’s 65,535 characters', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding(i, 'notice', { message: 'x'.repeat(200) }));
    const [out] = governanceOutputs(report(many), SHA);
    expect(out!.summary.length).toBeLessThanOrEqual(65_535);
    expect(out!.summary).toMatch(/more findings; run `gomod-steward check`/);
  });
});
