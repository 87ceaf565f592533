/**
 * The `uses:` steps the stand-in can stand in for. checkout is a no-op because the workspace
 * already is the checkout of the dispatched ref; setup-go cannot install a Go, so it checks
 * that the Go on PATH is there and says which one the steps will get. Any other action fails
 * its step: pretending it ran would make the results untrue.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ActionContext {
  uses: string;
  with: Record<string, string>;
  workspace: string;
  env: NodeJS.ProcessEnv;
  log(line: string): void;
}

/** Inputs that change nothing about what the steps after it see. */
const CHECKOUT_NO_OPS = [
  'fetch-depth',
  'fetch-tags',
  'persist-credentials',
  'clean',
  'show-progress',
  'token',
  'filter',
  'lfs',
];
const SETUP_GO_INPUTS = [
  'go-version',
  'go-version-file',
  'cache',
  'cache-dependency-path',
  'check-latest',
  'architecture',
  'token',
];

/** true when the step succeeded; what happened is in the log. */
export async function runAction(ctx: ActionContext): Promise<boolean> {
  const m = /^([^/@\s]+\/[^/@\s]+)(\/[^@\s]*)?@(\S+)$/.exec(ctx.uses);
  const action = m && !m[2] ? (m[1] as string).toLowerCase() : undefined;
  if (action === 'actions/checkout') return checkout(ctx);
  if (action === 'actions/setup-go') return setupGo(ctx);
  ctx.log(`##[error]action ${ctx.uses} is not supported by the stand-in runner`);
  return false;
}

function checkout(ctx: ActionContext): boolean {
  const refused = Object.keys(ctx.with).filter((k) => !CHECKOUT_NO_OPS.includes(k));
  if (refused.length > 0) {
    ctx.log(
      `##[error]actions/checkout: input ${refused.map((k) => `"${k}"`).join(', ')} is not supported by the stand-in runner`,
    );
    return false;
  }
  ctx.log(`The workspace ${ctx.workspace} already holds the checkout of the dispatched ref.`);
  return true;
}

async function setupGo(ctx: ActionContext): Promise<boolean> {
  for (const k of Object.keys(ctx.with)) {
    if (!SETUP_GO_INPUTS.includes(k)) ctx.log(`##[warning]Unexpected input '${k}' for actions/setup-go`);
  }
  const versionFile = ctx.with['go-version-file'];
  let wanted = ctx.with['go-version'];
  if (versionFile) {
    const path = isAbsolute(versionFile) ? versionFile : resolve(ctx.workspace, versionFile);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      ctx.log(`##[error]The specified go version file at: ${versionFile} does not exist`);
      return false;
    }
    wanted = goVersionIn(text) ?? text.trim().split(/\s+/)[0];
  }
  let version: string;
  try {
    const { stdout } = await execFileAsync('go', ['env', 'GOVERSION'], { cwd: ctx.workspace, env: ctx.env });
    version = stdout.trim();
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    ctx.log(
      e.code === 'ENOENT'
        ? '##[error]go is not on PATH: the stand-in runner uses the Go installed on the machine'
        : `##[error]go env GOVERSION failed: ${(e.stderr ?? e.message).trim()}`,
    );
    return false;
  }
  if (wanted)
    ctx.log(
      `Requested Go ${wanted}${versionFile ? ` (from ${versionFile})` : ''}; the stand-in runner does not install Go.`,
    );
  ctx.log(`Using the Go on PATH: ${version}`);
  return true;
}

/** The version a go.mod or go.work asks for: its toolchain line, else its go line. */
function goVersionIn(text: string): string | undefined {
  const toolchain = /^toolchain\s+go(\S+)/m.exec(text);
  const go = /^go\s+(\S+)/m.exec(text);
  return toolchain?.[1] ?? go?.[1];
}
