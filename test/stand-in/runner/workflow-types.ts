/** A workflow as the stand-in runner holds it once read: every `${{ }}` already compiled. */
import type { Value } from './expression-parser.js';
import type { Condition, Template } from './expression-template.js';

export type InputType = 'string' | 'choice' | 'boolean' | 'number';

export interface DispatchInput {
  name: string;
  type: InputType;
  required: boolean;
  default: string | undefined;
  /** Only for `choice`. */
  options: string[];
}

/**
 * `bash` written out runs with pipefail; a step with no shell at all gets plain `bash -e`,
 * as on GitHub's Linux runners.
 */
export type Shell = 'bash' | 'sh';

export interface RunDefaults {
  shell?: Shell;
  workingDirectory?: Template;
}

export type MatrixValue = { kind: 'literal'; value: Value } | { kind: 'template'; template: Template };

export type MatrixSpec =
  | { kind: 'expression'; template: Template }
  | { kind: 'vectors'; vectors: { key: string; values: MatrixValue[] | Template }[] };

export interface WorkflowStep {
  /** Position in `steps`, from 0. */
  index: number;
  name?: Template;
  condition: Condition;
  env: Record<string, Template>;
  run?: Template;
  uses?: string;
  with: Record<string, Template>;
  workingDirectory?: Template;
  shell?: Shell;
  timeoutMinutes?: number | Template;
}

export interface WorkflowJob {
  id: string;
  name?: Template;
  timeoutMinutes: number | Template;
  matrix?: MatrixSpec;
  failFast: boolean;
  maxParallel?: number;
  defaults: RunDefaults;
  env: Record<string, Template>;
  steps: WorkflowStep[];
}

export interface Workflow {
  file: string;
  /** `name`, or the file path as GitHub shows it when there is none. */
  name: string;
  runName?: Template;
  /** Absent when the workflow has no `workflow_dispatch` trigger. */
  dispatch?: { inputs: DispatchInput[] };
  env: Record<string, Template>;
  defaults: RunDefaults;
  jobs: WorkflowJob[];
}
