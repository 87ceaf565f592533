/** Small text helpers shared by the check output and the PR section. */
import type { ImpactResult } from '../pull-request/meta.js';

const LABEL: Record<ImpactResult['conclusion'], string> = {
  success: '✅ passed',
  failure: '❌ failed',
  cancelled: '⏹️ cancelled',
  timed_out: '⏱️ timed out',
  skipped: '⏭️ skipped',
  pending: '⏳ pending',
};

export function resultLabel(c: ImpactResult['conclusion']): string {
  return LABEL[c];
}

/** `1m 05s`, `42s`, `1h 02m`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** One table cell inside a code span: pipes and line breaks would end it (a backslash stays literal there, so it is not escaped). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function resultRow(r: ImpactResult): string {
  return `| \`${cell(r.service)}\` | ${resultLabel(r.conclusion)} | ${formatDuration(r.durationMs)} | ${r.url ? `[log](${r.url})` : '—'} |`;
}

export const RESULT_TABLE_HEAD = ['| Service | Result | Duration | Log |', '| --- | --- | --- | --- |'];

/** Failures first, so a truncated table still shows what needs attention. */
export function byAttention(results: readonly ImpactResult[]): ImpactResult[] {
  const rank: Record<ImpactResult['conclusion'], number> = {
    failure: 0,
    timed_out: 1,
    cancelled: 2,
    pending: 3,
    skipped: 4,
    success: 5,
  };
  return [...results].sort((a, b) => rank[a.conclusion] - rank[b.conclusion] || a.service.localeCompare(b.service));
}
