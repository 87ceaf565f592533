/**
 * The dashboard issue's body: a human-readable list of the ignore decisions between markers, and
 * the same decisions as a hidden `<!-- gomod-steward:state {json} -->` block that the bot reads
 * back. Anyone with triage access can edit an issue body, so the block is validated on the way
 * in; a block that is present but broken is an error, never "no ignores", so that a write can
 * not silently drop decisions.
 */
import { StewardError } from '../errors.js';
import { box } from './dashboard-boxes.js';
import { describeRule } from './ignore-rules.js';
import { dashboardStateSchema, type DashboardState, type RecordedIgnore } from './types.js';

export const DASHBOARD_TITLE = 'gomod-steward dashboard';

const STATE_OPEN = '<!-- gomod-steward:state ';
const STATE_CLOSE = ' -->';
export const LIST_OPEN = '<!-- gomod-steward:dashboard ignores -->';
export const LIST_CLOSE = '<!-- /gomod-steward:dashboard ignores -->';

export class DashboardStateError extends StewardError {
  readonly code = 'dashboard-state';
}

export function emptyState(): DashboardState {
  return { v: 1, ignores: [] };
}

/** The state of a dashboard body; empty when it has no block yet. Throws `DashboardStateError` on a broken one. */
export function readState(body: string | null | undefined): DashboardState {
  if (!body) return emptyState();
  const start = body.lastIndexOf(STATE_OPEN);
  if (start < 0) return emptyState();
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  if (end < 0) throw new DashboardStateError('the dashboard issue has a state block without its end');
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + STATE_OPEN.length, end));
  } catch {
    throw new DashboardStateError('the dashboard issue state block is not JSON');
  }
  const parsed = dashboardStateSchema.safeParse(value);
  if (!parsed.success)
    throw new DashboardStateError(
      `the dashboard issue state block does not fit: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.data;
}

/** `body` with the list and the state replaced (or added), everything else kept. */
export function writeState(body: string | null | undefined, state: DashboardState): string {
  let text = body ?? introduction();
  text = replaceBetween(text, LIST_OPEN, LIST_CLOSE, renderList(state.ignores));
  const json = JSON.stringify(state).replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e');
  const block = `${STATE_OPEN}${json}${STATE_CLOSE}`;
  const start = text.lastIndexOf(STATE_OPEN);
  const end = start < 0 ? -1 : text.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  if (start < 0 || end < 0) return `${text.replace(/\s*$/, '')}\n\n${block}\n`;
  return text.slice(0, start) + block + text.slice(end + STATE_CLOSE.length);
}

function introduction(): string {
  return [
    'This issue is kept by gomod-steward. It records the decisions made with comment commands on its pull requests, so that they survive restarts; the bot reads them before every run.',
    '',
    'Change them with `ignore` / `unignore` commands on a gomod-steward pull request rather than by editing this text.',
  ].join('\n');
}

function renderList(ignores: readonly RecordedIgnore[]): string {
  if (ignores.length === 0)
    return "## Ignored updates\n\nNothing is ignored by commands. (The config file's `ignore` rules still apply.)";
  // One checkbox per dependency: ticking it forgets every decision recorded for it.
  const rows = ignores.map(
    (r) =>
      `${box({ kind: 'unignore', dependency: r.dependency })} \`${cell(r.dependency)}\`: ${describeRule(r)} — by ${cell(r.by)} on ${cell(r.at.slice(0, 10))}${r.pr ? ` (#${r.pr})` : ''}`,
  );
  return ['## Ignored updates', '', 'Tick a box to unignore that dependency.', '', ...rows].join('\n');
}

// Logins and module paths are plain ASCII by construction; this only keeps a hand-edited value from breaking the table.
function cell(text: string): string {
  return text.replace(/[|`<>\r\n]/g, ' ');
}

function replaceBetween(text: string, open: string, close: string, inner: string): string {
  const block = `${open}\n${inner}\n${close}`;
  const start = text.indexOf(open);
  const end = start < 0 ? -1 : text.indexOf(close, start);
  if (start < 0 || end < 0) {
    const state = text.lastIndexOf(STATE_OPEN);
    if (state < 0) return `${text.replace(/\s*$/, '')}\n\n${block}\n`;
    return `${text.slice(0, state).replace(/\s*$/, '')}\n\n${block}\n\n${text.slice(state)}`;
  }
  return text.slice(0, start) + block + text.slice(end + close.length);
}
