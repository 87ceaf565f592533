/**
 * The GitHub Actions runner of the local GitHub stand-in: it really runs a dispatched
 * workflow's steps in a checkout, so the impact results the app reads are real. The pieces
 * live in ./runner/; this is the surface the stand-in server uses.
 */
export { checkDispatchInputs } from './runner/dispatch-inputs.js';
export { parseWorkflow } from './runner/parse-workflow.js';
export { DEFAULT_CONCURRENCY, runWorkflow, type RunWorkflowOptions } from './runner/run-workflow.js';
export { defaultBaseEnv } from './runner/runner-env.js';
export type { RunnerJob, RunnerStep, WorkflowRunResult } from './runner/runner-types.js';
export { ExpressionError, WorkflowError } from './runner/workflow-error.js';
export type { DispatchInput, Workflow, WorkflowJob, WorkflowStep } from './runner/workflow-types.js';
