/**
 * `strategy.matrix` into one set of values per job, in GitHub's order (the first variable
 * varies slowest). The limits are GitHub's: no empty vector, at most 256 jobs.
 */
import type { Scope } from './expression-eval.js';
import type { Value } from './expression-parser.js';
import { evaluateValue } from './expression-template.js';
import { WorkflowError } from './workflow-error.js';
import type { MatrixSpec } from './workflow-types.js';

export const MAX_MATRIX_JOBS = 256;

export type MatrixValues = Record<string, Value>;

/** Throws WorkflowError (a bad shape) or ExpressionError (a value that cannot be evaluated). */
export function expandMatrix(
  spec: MatrixSpec | undefined,
  scope: Scope,
  where: { file: string; jobId: string },
): MatrixValues[] {
  if (spec === undefined) return [{}];
  const fail = (message: string): never => {
    throw new WorkflowError(`jobs.${where.jobId}.strategy.matrix: ${message}`, { file: where.file });
  };
  let vectors: [string, Value[]][];
  if (spec.kind === 'expression') {
    const value = evaluateValue(spec.template, scope);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return fail('the expression must give a mapping of variables to lists');
    vectors = Object.entries(value).map(([key, values]) => {
      if (key === 'include' || key === 'exclude') return fail(`matrix ${key} is not supported by the stand-in runner`);
      if (!Array.isArray(values)) return fail(`"${key}" must be a list`);
      return [key, values];
    });
  } else {
    vectors = spec.vectors.map(({ key, values }) => {
      if (!Array.isArray(values)) {
        const list = evaluateValue(values, scope);
        if (!Array.isArray(list)) return fail(`"${key}" must be a list, the expression gave ${JSON.stringify(list)}`);
        return [key, list];
      }
      return [key, values.map((v) => (v.kind === 'literal' ? v.value : evaluateValue(v.template, scope)))];
    });
  }
  if (vectors.length === 0) fail('a matrix needs at least one variable');
  let combos: MatrixValues[] = [{}];
  for (const [key, values] of vectors) {
    if (values.length === 0) fail(`"${key}" does not contain any values`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
    if (combos.length > MAX_MATRIX_JOBS) fail(`the matrix gives more than ${MAX_MATRIX_JOBS} jobs`);
  }
  return combos;
}
