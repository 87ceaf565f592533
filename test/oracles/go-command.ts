/**
 * Runs the go command for oracle tests: a minimal environment (no secrets, no inherited GOFLAGS
 * surprises), the local toolchain only, and the proxy the machine's Go is configured with.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = [
    'PATH',
    'HOME',
    'TMPDIR',
    'GOPATH',
    'GOMODCACHE',
    'GOCACHE',
    'GOPROXY',
    'GONOSUMDB',
    'GOSUMDB',
    'GOROOT',
  ];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', ...extra };
}

export async function runGo(args: string[], cwd: string, extra: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec('go', args, { cwd, env: goEnv(extra), maxBuffer: 64 << 20 });
  return stdout;
}

/** The first entry of `go env GOPROXY`: where the engine's proxy client is pointed in tests. */
export async function defaultProxyUrl(): Promise<string> {
  const out = (await runGo(['env', 'GOPROXY'], process.cwd())).trim();
  const first = out.split(/[,|]/)[0] ?? '';
  if (!/^https?:\/\//.test(first)) throw new Error(`go env GOPROXY has no proxy URL first: ${out}`);
  return first.replace(/\/+$/, '');
}
