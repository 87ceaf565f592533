/**
 * `gomod-steward init-workflow [dir]`: installs the impact workflow template as
 * `<dir>/.github/workflows/gomod-impact.yml`. A different file already there is the user's work:
 * it stays unless `--force` says otherwise.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { InputError } from '../errors.js';

export const WORKFLOW_PATH = '.github/workflows/gomod-impact.yml';

/** The template shipped with the package (package.json `files` includes `templates`). */
export const TEMPLATE_URL = new URL('../../templates/gomod-impact.yml', import.meta.url);

export type InitWorkflowOutcome = 'created' | 'unchanged' | 'overwritten';

export interface InitWorkflowResult {
  path: string;
  outcome: InitWorkflowOutcome;
}

export async function initWorkflow(dir: string, opts: { force?: boolean } = {}): Promise<InitWorkflowResult> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(`${dir}: not a directory`);
  const template = await readFile(TEMPLATE_URL, 'utf8');
  const path = join(dir, WORKFLOW_PATH);
  const existing = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (existing === template) return { path, outcome: 'unchanged' };
  if (existing !== undefined && !opts.force) {
    throw new InputError(
      `${path} exists and differs from the template; rerun with --force to replace it (or merge the template into it by hand)`,
    );
  }
  await mkdir(join(dir, '.github/workflows'), { recursive: true });
  await writeFile(path, template);
  return { path, outcome: existing === undefined ? 'created' : 'overwritten' };
}

export function renderInitWorkflow(r: InitWorkflowResult, cwd: string = process.cwd()): string {
  const shown = relative(cwd, r.path) || r.path;
  switch (r.outcome) {
    case 'unchanged':
      return `${shown} is already the current template; nothing to do.\n`;
    case 'overwritten':
      return `replaced ${shown} with the template.\nCommit it to the default branch; gomod-steward dispatches it on its pull requests.\n`;
    default:
      return `wrote ${shown}.\nCommit it to the default branch; gomod-steward dispatches it on its pull requests.\n`;
  }
}
