/**
 * Everything the dashboard shows, as plain data: computed by the engine (report.ts for a
 * directory, the plan stage for a repository on GitHub) and drawn by render.ts. Nothing here
 * reaches GitHub.
 */
import type { RecordedIgnore } from '../ignores/types.js';
import type { UpdateKind } from '../planner/plan-schema.js';
import type { HeldBackView } from './held-back.js';
import type { VersionDrift } from './drift.js';

export interface OpenPullRow {
  number: number;
  group: string;
  updates: number;
  /** The impact matrix in a few words: "green", "2 of 5 failed", "running", "not started". */
  impact: string;
}

export interface PendingGroup {
  group: string;
  updates: { module: string; to: string; kind: UpdateKind }[];
  /** Why it has no PR yet: "queued by this run", "waiting for the schedule", "open-pull-requests-limit". */
  waiting: string;
}

export interface DeclinedRow {
  module: string;
  version: string;
}

export interface LastRun {
  /** ISO 8601. */
  at: string;
  durationMs: number;
  /** What it did, in one sentence. */
  summary: string;
}

export interface DashboardView {
  openPulls: OpenPullRow[];
  pending: PendingGroup[];
  heldBack: HeldBackView;
  declined: DeclinedRow[];
  drift: VersionDrift;
  /** Lines from outside the plan: config errors with file:line, the last failed run. */
  problems: string[];
  lastRun?: LastRun;
}

export type { RecordedIgnore };
