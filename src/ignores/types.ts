import type { IgnoreRule } from '../config/defaults.js';

/** An ignore decision made by a comment command, with who made it, when and where. */
export interface RecordedIgnore extends IgnoreRule {
  /** GitHub login of the person who commanded it. */
  by: string;
  /** ISO 8601 time it was recorded. */
  at: string;
  /** The pull request the command was given on. */
  pr?: number;
}

/** The hidden state of the dashboard issue. */
export interface DashboardState {
  v: 1;
  ignores: RecordedIgnore[];
}
