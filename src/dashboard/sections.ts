/**
 * The dashboard's sections as Markdown: each a heading, fixed lines and droppable rows, so the
 * whole can be cut to GitHub's body limit row by row (render.ts). Pure.
 */
import { box } from '../ignores/dashboard-boxes.js';
import { cell, code, plural } from '../pull-request/markdown.js';
import type { VersionDrift } from './drift.js';
import type { HeldBackView, HeldReason } from './held-back.js';
import type { DashboardView } from './view.js';

export interface Section {
  lines: string[];
  rows: string[];
  /** Lines after the rows (a table's end has none; a closing note may). */
  after?: string[];
  /** Lower goes first when the body is too long; Infinity is never cut. */
  dropRank: number;
}

const HELD_TITLES: Readonly<Record<HeldReason, string>> = {
  'go-directive': 'needs a newer `go` line (go-directive: keep)',
  ignored: 'ignored',
  'update-type': 'update-types does not allow it',
  cooldown: 'in cooldown',
  workspace: 'held with the workspace',
};

export function openPullsSection(view: Pick<DashboardView, 'openPulls'>): Section {
  if (!view.openPulls.length) return { lines: ['## Open pull requests', '', 'None.'], rows: [], dropRank: Infinity };
  return {
    lines: ['## Open pull requests', '', '| PR | Group | Updates | Impact |', '| --- | --- | --- | --- |'],
    rows: view.openPulls.map((p) => `| #${p.number} | ${cell(p.group)} | ${p.updates} | ${cell(p.impact)} |`),
    dropRank: 90,
  };
}

export function pendingSection(view: Pick<DashboardView, 'pending'>): Section {
  const lines = ['## Pending', '', `${box({ kind: 'run-all' })} **Run now** for the whole repository`];
  const rows = view.pending.map((g) => {
    const names = g.updates.map((u) => `${code(u.module)} → ${u.to}`).join(', ');
    return `${box({ kind: 'run-group', group: g.group })} ${code(g.group)} group, ${plural(g.updates.length, 'update')} (${g.waiting}): ${names}`;
  });
  if (!rows.length) lines.push('', 'Nothing is waiting.');
  return { lines, rows, dropRank: 80 };
}

export function heldBackSection(held: HeldBackView): Section {
  const lines = ['## Held back'];
  for (const g of held.goLines)
    lines.push(
      '',
      `${box({ kind: 'go-line', go: g.go })} raising \`go\` to ${g.go} would unlock ${plural(g.updates, 'update')} (in ${g.dirs.map(code).join(', ') || 'no module'}): tick to open a pull request raising it`,
    );
  if (!held.held.length) return { lines: [...lines, '', 'Nothing is held back by policy.'], rows: [], dropRank: 40 };
  lines.push('', '| Dependency | Module dir | Why |', '| --- | --- | --- |');
  const rows = held.held.map(
    (h) =>
      `| ${code(h.module)} | ${code(h.dir)} | ${HELD_TITLES[h.reason]}${h.partial ? ' (moves, but not to the newest)' : ''}: ${cell(h.detail)} |`,
  );
  return { lines, rows, dropRank: 40 };
}

export function declinedSection(view: Pick<DashboardView, 'declined'>): Section {
  const lines = ['## Declined', ''];
  if (!view.declined.length) return { lines: [...lines, 'No version was declined.'], rows: [], dropRank: 30 };
  lines.push('Versions proposed in pull requests closed without merging; they are not proposed again.', '');
  return { lines, rows: view.declined.map((d) => `- ${code(d.module)} ${d.version}`), dropRank: 30 };
}

export function driftSection(drift: VersionDrift): Section {
  const lines = ['## Version drift', ''];
  if (!drift.rows.length) {
    lines.push('Every dependency is selected at one version across the modules.');
    return { lines, rows: [], dropRank: 10 };
  }
  const dirs = drift.dirs;
  lines.push(
    'Dependencies selected at different versions by different modules (their build lists, `go list -m all`).',
    '',
    `| Dependency | ${dirs.map(code).join(' | ')} |`,
    `| --- |${dirs.map(() => ' --- |').join('')}`,
  );
  const rows = drift.rows.map((r) => `| ${code(r.module)} | ${r.versions.map((v) => v ?? '—').join(' | ')} |`);
  return { lines, rows, dropRank: 10 };
}

export function goLinesSection(drift: VersionDrift): Section {
  return {
    lines: ['### go and toolchain lines', '', '| Module dir | go | toolchain |', '| --- | --- | --- |'],
    rows: drift.lines.map((l) => `| ${code(l.dir)} | ${l.go ?? '—'} | ${l.toolchain ?? '—'} |`),
    dropRank: 20,
  };
}

export function problemsSection(view: Pick<DashboardView, 'problems' | 'heldBack'>): Section {
  const rows = [
    ...view.problems.map((p) => `- ${p}`),
    ...view.heldBack.problems.map(
      (p) =>
        `- ${code(p.dir)}: ${p.module === '*' ? 'module' : code(p.module)} skipped (${p.reason}): ${cell(p.detail)}`,
    ),
  ];
  return { lines: ['## Problems', '', ...(rows.length ? [] : ['None.'])], rows, dropRank: 50 };
}

export function lastRunSection(view: Pick<DashboardView, 'lastRun'>): Section {
  const r = view.lastRun;
  const line = r
    ? `${r.at.replace('T', ' ').slice(0, 16)} UTC, ${(r.durationMs / 1000).toFixed(1)} s: ${r.summary}`
    : 'No run yet.';
  return { lines: ['## Last run', '', line], rows: [], dropRank: Infinity };
}
