/** One entry of `jobs:`, its strategy and its steps. */
import type { Value } from './expression-parser.js';
import type { Allowed, Template } from './expression-template.js';
import type { MatrixSpec, MatrixValue, RunDefaults, Shell, WorkflowJob, WorkflowStep } from './workflow-types.js';
import type { Path, YamlReader } from './yaml-reader.js';

/**
 * Which contexts GitHub lets each place read (a subset of its context availability table:
 * the contexts the stand-in fills in).
 */
export const AT = {
  workflow: { contexts: ['github', 'inputs'] },
  job: { contexts: ['github', 'inputs', 'matrix'] },
  jobDefaults: { contexts: ['github', 'inputs', 'matrix', 'env'] },
  strategy: { contexts: ['github', 'inputs'] },
  step: { contexts: ['github', 'inputs', 'matrix', 'env'] },
  stepIf: { contexts: ['github', 'inputs', 'matrix', 'env'], status: true },
} satisfies Record<string, Allowed>;

/** GitHub's own default: six hours. */
const DEFAULT_TIMEOUT_MINUTES = 360;
const JOB_ID = /^[a-z_][a-z0-9_-]*$/i;

export function readJob(r: YamlReader, id: string, value: unknown, path: Path): WorkflowJob {
  if (!JOB_ID.test(id)) r.fail(path, 'a job id starts with a letter or "_" and has only letters, digits, "_" and "-"');
  const job = r.map(value, path);
  r.keys(job, path, ['name', 'runs-on', 'timeout-minutes', 'strategy', 'defaults', 'env', 'steps'], ['permissions']);
  if (job['runs-on'] === undefined) r.fail(path, 'runs-on is required');
  const steps = r.list(job.steps, [...path, 'steps']);
  if (steps.length === 0) r.fail([...path, 'steps'], 'a job needs at least one step');
  const strategy = readStrategy(r, job.strategy, [...path, 'strategy']);
  return {
    id,
    ...(job.name === undefined ? {} : { name: r.template(job.name, [...path, 'name'], AT.job) }),
    timeoutMinutes:
      readTimeout(r, job['timeout-minutes'], [...path, 'timeout-minutes'], AT.job) ?? DEFAULT_TIMEOUT_MINUTES,
    ...strategy,
    defaults: readDefaults(r, job.defaults, [...path, 'defaults'], AT.jobDefaults),
    env: r.templates(job.env, [...path, 'env'], AT.job),
    steps: steps.map((s, i) => readStep(r, s, i, [...path, 'steps', i])),
  };
}

export function readDefaults(r: YamlReader, value: unknown, path: Path, allowed: Allowed): RunDefaults {
  if (value === undefined) return {};
  const defaults = r.map(value, path);
  r.keys(defaults, path, ['run']);
  if (defaults.run === undefined) return {};
  const run = r.map(defaults.run, [...path, 'run']);
  r.keys(run, [...path, 'run'], ['shell', 'working-directory']);
  return {
    ...(run.shell === undefined ? {} : { shell: readShell(r, run.shell, [...path, 'run', 'shell']) }),
    ...(run['working-directory'] === undefined
      ? {}
      : { workingDirectory: r.template(run['working-directory'], [...path, 'run', 'working-directory'], allowed) }),
  };
}

function readShell(r: YamlReader, value: unknown, path: Path): Shell {
  const shell = r.string(value, path);
  if (shell !== 'bash' && shell !== 'sh')
    r.fail(path, `shell "${shell}" is not supported by the stand-in runner (it has bash, sh)`);
  return shell;
}

function readTimeout(r: YamlReader, value: unknown, path: Path, allowed: Allowed): number | Template | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!(value > 0)) r.fail(path, 'must be a positive number of minutes');
    return value;
  }
  return r.template(value, path, allowed);
}

function readStrategy(
  r: YamlReader,
  value: unknown,
  path: Path,
): Pick<WorkflowJob, 'matrix' | 'failFast' | 'maxParallel'> {
  if (value === undefined) return { failFast: true };
  const strategy = r.map(value, path);
  r.keys(strategy, path, ['matrix', 'fail-fast', 'max-parallel']);
  const failFast = strategy['fail-fast'] ?? true;
  if (typeof failFast !== 'boolean') r.fail([...path, 'fail-fast'], 'must be true or false');
  const maxParallel = strategy['max-parallel'];
  if (
    maxParallel !== undefined &&
    !(typeof maxParallel === 'number' && Number.isInteger(maxParallel) && maxParallel > 0)
  ) {
    r.fail([...path, 'max-parallel'], 'must be a positive whole number');
  }
  return {
    failFast,
    ...(strategy.matrix === undefined ? {} : { matrix: readMatrix(r, strategy.matrix, [...path, 'matrix']) }),
    ...(maxParallel === undefined ? {} : { maxParallel: maxParallel as number }),
  };
}

function readMatrix(r: YamlReader, value: unknown, path: Path): MatrixSpec {
  if (typeof value === 'string') return { kind: 'expression', template: r.template(value, path, AT.strategy) };
  const matrix = r.map(value, path);
  for (const key of ['include', 'exclude']) {
    if (Object.hasOwn(matrix, key)) r.fail([...path, key], `matrix ${key} is not supported by the stand-in runner`);
  }
  const vectors = Object.entries(matrix).map(([key, v]) => {
    const here = [...path, key];
    if (typeof v === 'string') return { key, values: r.template(v, here, AT.strategy) };
    const values = r.list(v, here).map((item, i): MatrixValue => {
      if (typeof item === 'string' && item.includes('${{'))
        return { kind: 'template', template: r.template(item, [...here, i], AT.strategy) };
      if (JSON.stringify(item).includes('${{'))
        r.fail([...here, i], 'expressions nested inside a matrix value are not supported by the stand-in runner');
      return { kind: 'literal', value: item as Value };
    });
    return { key, values };
  });
  if (vectors.length === 0) r.fail(path, 'a matrix needs at least one variable');
  return { kind: 'vectors', vectors };
}

function readStep(r: YamlReader, value: unknown, index: number, path: Path): WorkflowStep {
  const step = r.map(value, path);
  r.keys(
    step,
    path,
    ['name', 'if', 'run', 'uses', 'with', 'env', 'working-directory', 'shell', 'timeout-minutes'],
    ['id'],
  );
  const hasRun = step.run !== undefined;
  const hasUses = step.uses !== undefined;
  if (hasRun === hasUses) r.fail(path, 'a step has either "run" or "uses", and not both');
  if (hasRun && step.with !== undefined) r.fail([...path, 'with'], '"with" goes with "uses", not "run"');
  if (hasUses) {
    for (const key of ['working-directory', 'shell'])
      if (step[key] !== undefined) r.fail([...path, key], `"${key}" goes with "run", not "uses"`);
  }
  const timeout = readTimeout(r, step['timeout-minutes'], [...path, 'timeout-minutes'], AT.step);
  return {
    index,
    ...(step.name === undefined ? {} : { name: r.template(step.name, [...path, 'name'], AT.step) }),
    condition: r.condition(step.if ?? 'success()', [...path, 'if'], AT.stepIf),
    env: r.templates(step.env, [...path, 'env'], AT.step),
    ...(hasRun ? { run: r.template(step.run, [...path, 'run'], AT.step) } : {}),
    ...(hasUses ? { uses: r.string(step.uses, [...path, 'uses']) } : {}),
    with: r.templates(step.with, [...path, 'with'], AT.step),
    ...(step['working-directory'] === undefined
      ? {}
      : { workingDirectory: r.template(step['working-directory'], [...path, 'working-directory'], AT.step) }),
    ...(step.shell === undefined ? {} : { shell: readShell(r, step.shell, [...path, 'shell']) }),
    ...(timeout === undefined ? {} : { timeoutMinutes: timeout }),
  };
}
