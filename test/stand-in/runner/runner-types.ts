/** What a finished run reports: the shapes the stand-in server turns into GitHub's run and job objects. */
import type { Value } from './expression-parser.js';

export interface RunnerStep {
  /** From 1, with "Set up job" first and "Complete job" last, as GitHub numbers them. */
  number: number;
  name: string;
  conclusion: 'success' | 'failure' | 'skipped' | 'cancelled';
  startedAt: string;
  completedAt: string;
}

export interface RunnerJob {
  name: string;
  matrix: Record<string, Value>;
  /** A job over its timeout-minutes fails (and says so in `timedOut` and its log). */
  conclusion: 'success' | 'failure' | 'cancelled';
  timedOut: boolean;
  startedAt: string;
  completedAt: string;
  steps: RunnerStep[];
  log: string;
}

export interface WorkflowRunResult {
  runName: string;
  conclusion: 'success' | 'failure' | 'cancelled';
  jobs: RunnerJob[];
  /** Why the run failed before any job could start (a matrix that does not evaluate), as GitHub annotates it. */
  error?: string;
}
