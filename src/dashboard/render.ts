/**
 * The dashboard as Markdown. `renderSections` joins sections and, past the limit, drops rows
 * from the least useful section first (drift, then go lines, declined, held back, problems,
 * pending, open PRs), ending with a note of how many were left out. `renderDashboardBody` is the
 * issue's body (sections, the ignore list, the hidden state); `renderLocalDashboard` the CLI's
 * view (held back, drift, problems). Pure.
 */
import { MAX_ISSUE_BODY } from '../github-limits.js';
import { LIST_CLOSE, LIST_OPEN, writeState } from '../ignores/dashboard-state.js';
import type { DashboardState } from '../ignores/types.js';
import type { VersionDrift } from './drift.js';
import type { HeldBackView } from './held-back.js';
import {
  declinedSection,
  driftSection,
  goLinesSection,
  heldBackSection,
  lastRunSection,
  openPullsSection,
  pendingSection,
  problemsSection,
  type Section,
} from './sections.js';
import type { DashboardView } from './view.js';

const INTRO =
  'This issue is kept by gomod-steward and rewritten after every run and command. Tick a box to act; comment `@gomod-steward run` here to run now.';

/** Room kept for the note about dropped rows. */
const NOTE_ROOM = 200;

export function renderSections(head: string[], sections: Section[], tail: string, limit: number): string {
  const rows = sections.map((s) => [...s.rows]);
  const blockLength = (s: Section, r: string[]) =>
    [...s.lines, ...r, ...(s.after ?? [])].reduce((n, l) => n + l.length + 1, 0) + 1;
  let total =
    head.reduce((n, l) => n + l.length + 1, 0) +
    sections.reduce((n, s, i) => n + blockLength(s, rows[i]!), 0) +
    tail.length;
  let dropped = 0;
  const order = sections.map((s, i) => ({ rank: s.dropRank, i })).sort((a, b) => a.rank - b.rank);
  for (const { rank, i } of order) {
    if (rank === Infinity) break;
    const r = rows[i]!;
    while (total + (dropped ? NOTE_ROOM : 0) > limit && r.length) {
      total -= r.pop()!.length + 1;
      dropped++;
    }
    if (total + (dropped ? NOTE_ROOM : 0) <= limit) break;
  }
  const parts = [head.join('\n'), ...sections.map((s, i) => [...s.lines, ...rows[i]!, ...(s.after ?? [])].join('\n'))];
  if (dropped)
    parts.push(
      `_${dropped} row(s) were left out to stay under GitHub's limit on an issue body, the least useful first; \`gomod-steward dashboard\` prints the full drift and held-back view._`,
    );
  return parts.join('\n\n') + tail;
}

/** The dashboard issue body: every section, the ignore list (with its unignore boxes) and the state block. */
export function renderDashboardBody(view: DashboardView, state: DashboardState, limit = MAX_ISSUE_BODY): string {
  const markers = `${LIST_OPEN}\n${LIST_CLOSE}`;
  // writeState fills the ignore list and appends the state block: their size is reserved first.
  const reserved = writeState(markers, state).length - markers.length;
  const ignores: Section = { lines: [markers], rows: [], dropRank: Infinity };
  const sections = [
    openPullsSection(view),
    pendingSection(view),
    heldBackSection(view.heldBack),
    ignores,
    declinedSection(view),
    driftSection(view.drift),
    goLinesSection(view.drift),
    problemsSection(view),
    lastRunSection(view),
  ];
  return writeState(renderSections([INTRO], sections, '\n', limit - reserved), state);
}

export interface LocalView {
  heldBack: HeldBackView;
  drift: VersionDrift;
}

/** The CLI's view: what is held back and why, the drift, the go lines, and problems. No limit. */
export function renderLocalDashboard(view: LocalView): string {
  const sections = [
    heldBackSection(view.heldBack),
    driftSection(view.drift),
    goLinesSection(view.drift),
    problemsSection({ problems: [], heldBack: view.heldBack }),
  ];
  // The boxes mean nothing in a terminal: the same lines as plain list items.
  return (
    renderSections(['# gomod-steward dashboard'], sections, '', Number.MAX_SAFE_INTEGER).replace(
      /^- \[ \] <!-- gomod-steward:box [^>]* --> /gm,
      '- ',
    ) + '\n'
  );
}
