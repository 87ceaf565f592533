/**
 * The default `services`: module dirs with a main package, found by asking Go in a checkout
 * (`go list` sees build constraints and generated files the way a build does; a text search for
 * `package main` would not).
 */
import { join } from 'node:path';
import { runGo, type GoEnv } from '../toolchain/index.js';

export interface MainPackageOptions {
  env: GoEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const TEMPLATE = '{{if eq .Name "main"}}{{.ImportPath}}{{end}}';

/** The subset of `dirs` (repository-relative module dirs under `checkoutDir`) whose module has a main package. */
export async function modulesWithMainPackage(
  checkoutDir: string,
  dirs: readonly string[],
  o: MainPackageOptions,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const dir of dirs) {
    // -e: a module that does not compile still lists its packages; it is a service all the same.
    const { stdout } = await runGo(['list', '-e', '-f', TEMPLATE, './...'], {
      cwd: join(checkoutDir, dir),
      env: o.env,
      timeoutMs: o.timeoutMs ?? 120_000,
      maxOutputBytes: 1 << 20,
      signal: o.signal,
    });
    if (stdout.split('\n').some((l) => l.trim() !== '')) found.add(dir);
  }
  return found;
}
