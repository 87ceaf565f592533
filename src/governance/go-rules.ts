/**
 * Rules Go itself decides, run per module in module mode (GOWORK=off, as a consumer builds it):
 * `go mod tidy -diff` for tidy; `go list -deps -test` with -mod=readonly and `go mod verify` for
 * go.sum.
 */
import { join } from 'node:path';
import type { GoEnv } from '../toolchain/go-env-names.js';
import { GoCommandError } from '../toolchain/errors.js';
import { runGo } from '../toolchain/run-go.js';
import type { RawFinding } from './finding.js';

const TIMEOUT_MS = 10 * 60_000;
const MAX_OUTPUT = 4 << 20;

/** These rules ask Go a yes/no question: a non-zero exit is an answer (its output says which), not a crash. */
async function ask(args: string[], cwd: string, env: GoEnv): Promise<{ code: number; output: string }> {
  try {
    const r = await runGo(args, { cwd, env, timeoutMs: TIMEOUT_MS, maxOutputBytes: MAX_OUTPUT });
    return { code: 0, output: `${r.stdout}\n${r.stderr}` };
  } catch (err) {
    if (err instanceof GoCommandError && err.exitCode !== null)
      return { code: err.exitCode, output: err.stderr || err.goMessage };
    throw err;
  }
}

function firstLines(text: string, n: number): string {
  const lines = text.trim().split('\n');
  return lines.slice(0, n).join('\n') + (lines.length > n ? `\n… (${lines.length - n} more lines)` : '');
}

export async function tidyFindings(root: string, dir: string, file: string, env: GoEnv): Promise<RawFinding[]> {
  const r = await ask(['mod', 'tidy', '-diff'], join(root, dir), env);
  if (r.code === 0) return [];
  const at = r.output.indexOf('diff current/');
  const diff = at >= 0 ? r.output.slice(at).trim() : '';
  return [
    {
      rule: 'tidy',
      dir,
      file,
      line: 1,
      message: diff
        ? `go mod tidy would change this module:\n${firstLines(diff, 30)}`
        : `go mod tidy -diff failed: ${firstLines(r.output, 10)}`,
      fix: `cd ${dir} && go mod tidy`,
    },
  ];
}

export async function goSumFindings(root: string, dir: string, env: GoEnv): Promise<RawFinding[]> {
  const cwd = join(root, dir);
  const sumFile = dir === '.' ? 'go.sum' : `${dir}/go.sum`;
  const out: RawFinding[] = [];
  const list = await ask(
    ['list', '-mod=readonly', '-deps', '-test', '-e', '-f', '{{with .Error}}{{.Err}}{{end}}', './...'],
    cwd,
    env,
  );
  const missing = [
    ...new Set(
      list.output
        .split('\n')
        .filter((l) => /missing go\.sum entry/.test(l))
        .map((l) => l.trim()),
    ),
  ];
  if (missing.length)
    out.push({
      rule: 'go-sum',
      dir,
      file: sumFile,
      line: 1,
      message: `go.sum lacks entries the build needs:\n${firstLines(missing.join('\n'), 10)}`,
      fix: `cd ${dir} && go mod tidy`,
    });
  const verify = await ask(['mod', 'verify'], cwd, env);
  if (verify.code !== 0)
    out.push({
      rule: 'go-sum',
      dir,
      file: sumFile,
      line: 1,
      message: `go mod verify failed:\n${firstLines(verify.output, 10)}`,
      fix: `cd ${dir} && go clean -modcache && go mod download, then compare go.sum with the source of truth`,
    });
  return out;
}
