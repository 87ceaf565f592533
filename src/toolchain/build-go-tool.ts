/**
 * A Go program built once per version from the module proxy into a cache dir (govulncheck, the
 * license scanner): `go get` in a scratch module records every checksum the build needs, then
 * `go build`, then a rename, so concurrent builds each leave a whole binary or none. It runs with
 * the go children's allow-listed environment, never the app's secrets.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoEnv } from './go-env-names.js';
import { runGo } from './run-go.js';

export interface GoToolBuild {
  /** Names the cache folder, the scratch module and the binary. */
  name: string;
  version: string;
  /** What `go get` fetches at `version`: the package to build, or the library `main.go` uses. */
  get: string;
  /** What `go build` builds: a package path, or `.` for `mainGo`. */
  build: string;
  /** A program of our own around a library; absent when `build` is the tool's own package. */
  mainGo?: string;
  env: GoEnv;
  cacheRoot: string;
  timeoutMs?: number;
  secrets?: readonly (string | undefined)[];
}

/** The binary's path, built on first use. */
export async function buildGoTool(t: GoToolBuild): Promise<string> {
  const bin = join(t.cacheRoot, t.name, t.version, t.name);
  if (existsSync(bin)) return bin;
  const work = await mkdtemp(join(tmpdir(), `gomod-steward-${t.name}-`));
  try {
    await writeFile(join(work, 'go.mod'), `module gomod-steward.invalid/${t.name}\n\ngo 1.22\n`);
    if (t.mainGo !== undefined) await writeFile(join(work, 'main.go'), t.mainGo);
    const run = {
      cwd: work,
      env: t.env,
      timeoutMs: t.timeoutMs ?? 300_000,
      maxOutputBytes: 64 * 1024,
      secrets: t.secrets,
    };
    await runGo(['get', `${t.get}@${t.version}`], run);
    await runGo(['build', '-o', join(work, 'tool'), t.build], run);
    await mkdir(join(t.cacheRoot, t.name, t.version), { recursive: true });
    await rename(join(work, 'tool'), bin);
    return bin;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
