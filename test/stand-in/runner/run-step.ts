/**
 * One step that its `if` let through: its env, the script or action, and afterwards the files
 * through which it set variables and PATH entries for the steps after it.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runAction } from './builtin-actions.js';
import type { Scope } from './expression-eval.js';
import type { Value } from './expression-parser.js';
import { evaluateValue, renderText, type Template } from './expression-template.js';
import { parseKeyValueFile, parsePathFile } from './file-commands.js';
import type { JobLog } from './job-log.js';
import { runnerVars } from './runner-env.js';
import { runScript, shellCommand } from './run-script.js';
import type { Shell, WorkflowStep } from './workflow-types.js';

export interface StepContext {
  workflowName: string;
  jobId: string;
  workspace: string;
  runnerTemp: string;
  baseEnv: NodeJS.ProcessEnv;
  /** github, inputs and matrix. */
  contexts: Record<string, Value>;
  /** The env context: workflow and job env, then what earlier steps wrote to GITHUB_ENV. Updated here. */
  env: Record<string, string>;
  /** Directories earlier steps wrote to GITHUB_PATH, the latest first. Updated here. */
  pathPrefix: string[];
  defaults: { shell?: Shell; workingDirectory?: string };
  log: JobLog;
  /** Stops the step: the job timed out or was cancelled. */
  signal: AbortSignal;
  onGroup(pid: number): void;
}

/** `killed`: stopped by the context's signal; the job knows why. */
export type StepOutcome = 'success' | 'failure' | 'timed-out' | 'killed';

export function stepDisplayName(step: WorkflowStep, scope: Scope): string {
  if (step.name) {
    try {
      return renderText(step.name, scope);
    } catch {
      return step.name.source;
    }
  }
  if (step.uses !== undefined) return `Run ${step.uses}`;
  const first = (step.run?.source ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return `Run ${first.trim()}`;
}

export async function runStep(step: WorkflowStep, ctx: StepContext): Promise<StepOutcome> {
  const fail = (message: string): StepOutcome => {
    ctx.log.line(`##[error]${message}`);
    return 'failure';
  };
  let stepEnv: Record<string, string>;
  try {
    stepEnv = renderAll(step.env, { contexts: { ...ctx.contexts, env: ctx.env } });
  } catch (err) {
    return fail((err as Error).message);
  }
  const scope: Scope = { contexts: { ...ctx.contexts, env: { ...ctx.env, ...stepEnv } } };

  const dir = join(ctx.runnerTemp, '_runner_file_commands');
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const files = {
    envFile: join(dir, `set_env_${id}`),
    outputFile: join(dir, `set_output_${id}`),
    pathFile: join(dir, `add_path_${id}`),
  };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const env: NodeJS.ProcessEnv = {
    ...ctx.baseEnv,
    ...ctx.env,
    ...stepEnv,
    ...runnerVars({
      workspace: ctx.workspace,
      runnerTemp: ctx.runnerTemp,
      workflowName: ctx.workflowName,
      jobId: ctx.jobId,
      ...files,
    }),
  };
  env.PATH = [...ctx.pathPrefix, ...(env.PATH ? [env.PATH] : [])].join(':');

  let outcome: StepOutcome;
  try {
    outcome =
      step.uses !== undefined
        ? await usesStep(step, ctx, scope, env)
        : await runStepScript(step, ctx, scope, env, stepEnv);
  } catch (err) {
    outcome = fail((err as Error).message);
  }

  // GitHub reads the files whatever the outcome, so a failing step can still hand values on.
  try {
    for (const [name, value] of parseKeyValueFile(await readFile(files.envFile, 'utf8'), 'GITHUB_ENV'))
      ctx.env[name] = value;
    ctx.pathPrefix.unshift(...parsePathFile(await readFile(files.pathFile, 'utf8')).reverse());
    parseKeyValueFile(await readFile(files.outputFile, 'utf8'), 'GITHUB_OUTPUT');
  } catch (err) {
    return fail((err as Error).message);
  }
  return outcome;
}

function renderAll(templates: Record<string, Template>, scope: Scope): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).map(([k, t]) => [k, renderText(t, scope)]));
}

async function usesStep(
  step: WorkflowStep,
  ctx: StepContext,
  scope: Scope,
  env: NodeJS.ProcessEnv,
): Promise<StepOutcome> {
  const inputs = renderAll(step.with, scope);
  ctx.log.line(`##[group]Run ${step.uses as string}`);
  if (Object.keys(inputs).length > 0)
    ctx.log.line(['with:', ...Object.entries(inputs).map(([k, v]) => `  ${k}: ${v}`)].join('\n'));
  ctx.log.line('##[endgroup]');
  const ok = await runAction({
    uses: step.uses as string,
    with: inputs,
    workspace: ctx.workspace,
    env,
    log: (l) => ctx.log.line(l),
  });
  return ok ? 'success' : 'failure';
}

async function runStepScript(
  step: WorkflowStep,
  ctx: StepContext,
  scope: Scope,
  env: NodeJS.ProcessEnv,
  stepEnv: Record<string, string>,
): Promise<StepOutcome> {
  const script = renderText(step.run as Template, scope);
  const shell = step.shell ?? ctx.defaults.shell;
  const workingDirectory = step.workingDirectory
    ? renderText(step.workingDirectory, scope)
    : ctx.defaults.workingDirectory;
  const cwd = resolve(ctx.workspace, workingDirectory ?? '.');
  const minutes = step.timeoutMinutes === undefined ? undefined : timeoutMinutes(step.timeoutMinutes, scope);

  ctx.log.line(
    `##[group]Run ${
      script
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? ''
    }`,
  );
  ctx.log.line(script.replace(/\n$/, ''));
  ctx.log.line(`shell: ${shellCommand(shell).join(' ')}`);
  const shown = { ...ctx.env, ...stepEnv };
  if (Object.keys(shown).length > 0)
    ctx.log.line(['env:', ...Object.entries(shown).map(([k, v]) => `  ${k}: ${v}`)].join('\n'));
  ctx.log.line('##[endgroup]');

  if (!(await isDirectory(cwd))) {
    ctx.log.line(`##[error]The working directory ${cwd} does not exist`);
    return 'failure';
  }
  const stepTimeout = minutes === undefined ? undefined : AbortSignal.timeout(timerMs(minutes));
  const signal = stepTimeout ? AbortSignal.any([ctx.signal, stepTimeout]) : ctx.signal;
  const streams = { stdout: ctx.log.stream(), stderr: ctx.log.stream() };
  const end = await runScript({
    shell,
    script,
    cwd,
    env,
    tempDir: ctx.runnerTemp,
    signal,
    onOutput: (s, c) => streams[s].write(c),
    onGroup: ctx.onGroup,
  });
  streams.stdout.end();
  streams.stderr.end();
  switch (end.kind) {
    case 'exit':
      if (end.code === 0) return 'success';
      ctx.log.line(`##[error]Process completed with exit code ${end.code}.`);
      return 'failure';
    case 'spawn-error':
      ctx.log.line(`##[error]The shell could not be started: ${end.message}`);
      return 'failure';
    case 'killed':
      if (ctx.signal.aborted) return 'killed';
      ctx.log.line(`##[error]The step has timed out after ${minutes as number} minutes.`);
      return 'timed-out';
  }
}

/** Node's timers fire at once beyond 2^31-1 ms (about 24 days): a longer timeout is that long. */
export function timerMs(minutes: number): number {
  return Math.min(minutes * 60_000, 2 ** 31 - 1);
}

/** `timeout-minutes` given as an expression must still come out a positive number. */
export function timeoutMinutes(value: number | Template, scope: Scope): number {
  const minutes = typeof value === 'number' ? value : Number(evaluateValue(value, scope));
  if (!(minutes > 0))
    throw new Error(
      `timeout-minutes must be a positive number, got ${JSON.stringify(typeof value === 'number' ? value : value.source)}`,
    );
  return minutes;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
