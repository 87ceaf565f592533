/**
 * What the `gomod-steward / governance` check run shows for a report: a title, a summary table,
 * annotations at file:line cut into GitHub's batches of 50, and the conclusion. `failure` only
 * when an error finding exists; `neutral` when the worst is a warning (a reviewer should look,
 * a required check still passes); `success` otherwise, notices included.
 */
import { MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_OUTPUT } from '../github-limits.js';
import type { CheckAnnotation, CheckOutput } from '../github/governance-check-run.js';
import type { CheckReport, Finding } from './finding.js';

export type GovernanceConclusion = 'success' | 'neutral' | 'failure';

/** Past this many, the rest are in the summary only: each batch is a request. */
export const MAX_ANNOTATIONS = 1000;

const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const;

export function governanceConclusion(report: CheckReport): GovernanceConclusion {
  if (report.findings.some((f) => f.severity === 'error')) return 'failure';
  if (report.findings.some((f) => f.severity === 'warning')) return 'neutral';
  return 'success';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function counts(findings: readonly Finding[]): string {
  const parts = (['error', 'warning', 'notice'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s));
  return parts.length ? parts.join(', ') : 'No findings';
}

/** One table cell: pipes and line breaks would end it, backticks would unbalance code spans. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\r?\n/g, ' ');
}

function annotation(f: Finding): CheckAnnotation {
  return {
    path: f.file,
    start_line: f.line,
    end_line: f.line,
    annotation_level: LEVEL[f.severity],
    title: `${f.rule} (${f.severity})`,
    message: `${f.message}\n\nFix: ${f.fix}`,
  };
}

function summary(report: CheckReport, headSha: string, annotated: number): string {
  const { findings } = report;
  const lines = [`**${counts(findings)}** on \`${headSha.slice(0, 12)}\`.`];
  if (findings.length === 0) return lines.join('\n');
  const rules = [...new Set(findings.map((f) => f.rule))];
  lines.push('', '| Rule | Severity | Findings |', '| --- | --- | --- |');
  for (const r of rules) {
    const of = findings.filter((f) => f.rule === r);
    lines.push(`| \`${r}\` | ${of[0]!.severity} | ${of.length} |`);
  }
  lines.push('', '| Severity | Where | Rule | Finding | Fix |', '| --- | --- | --- | --- | --- |');
  const tail = (shown: number) =>
    shown < findings.length ? `\n\n(${findings.length - shown} more findings; run \`gomod-steward check\`)` : '';
  let text = lines.join('\n');
  let shown = 0;
  for (const f of findings) {
    const row = `\n| ${f.severity} | \`${cell(`${f.file}:${f.line}`)}\` | \`${f.rule}\` | ${cell(f.message)} | ${cell(f.fix)} |`;
    if (text.length + row.length + 200 > MAX_CHECK_OUTPUT) break;
    text += row;
    shown++;
  }
  text += tail(shown);
  if (annotated < findings.length)
    text += `\n\n${findings.length - annotated} finding(s) have no annotation (no file, or past ${MAX_ANNOTATIONS}).`;
  return text;
}

/**
 * The outputs to send, in order: every one carries the title and summary and up to 50
 * annotations (GitHub appends them); there is always at least one.
 */
export function governanceOutputs(report: CheckReport, headSha: string): CheckOutput[] {
  const annotations = report.findings
    .filter((f) => f.file !== '.' && f.file !== '')
    .slice(0, MAX_ANNOTATIONS)
    .map(annotation);
  const base = { title: counts(report.findings), summary: summary(report, headSha, annotations.length) };
  const out: CheckOutput[] = [];
  for (let i = 0; i < annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST)
    out.push({ ...base, annotations: annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST) });
  return out.length ? out : [base];
}
