/**
 * Reachability of known vulnerabilities, from govulncheck itself: `govulncheck -format json`
 * over a module dir's packages says, per advisory, whether the vulnerable symbol is called, only
 * its package imported, or the module merely required. govulncheck is taken from PATH (the Docker
 * image ships it) or built once from the module proxy at a pinned version into the cache dir; where
 * neither works the caller goes on without reachability. Both run with the go children's
 * allow-listed environment, never the app's secrets.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { findExecutableDir } from './find-executable.js';
import type { GoEnv } from './go-env-names.js';
import { buildGoTool } from './build-go-tool.js';
import { assertNoSecrets, redactSecrets } from './secrets.js';
import { splitJsonStream } from './apply/json-stream.js';

export const GOVULNCHECK_PACKAGE = 'golang.org/x/vuln/cmd/govulncheck';
export const GOVULNCHECK_MODULE = 'golang.org/x/vuln';
export const GOVULNCHECK_VERSION = 'v1.1.4';

export type Reach = 'called' | 'imported' | 'required';
const STRENGTH: Record<Reach, number> = { required: 0, imported: 1, called: 2 };

export type Located = { kind: 'found'; path: string } | { kind: 'unavailable'; reason: string };

export interface LocateOptions {
  env: GoEnv;
  /** The app's PATH, where an installed govulncheck is looked for. */
  appPath: string | undefined;
  /** Where a built govulncheck is kept across runs. */
  cacheRoot: string;
  timeoutMs?: number;
  secrets?: readonly (string | undefined)[];
}

/** An installed govulncheck, or one built into `cacheRoot` (once per version). */
export async function locateGovulncheck(o: LocateOptions): Promise<Located> {
  const installed = findExecutableDir('govulncheck', o.appPath);
  if (installed) return { kind: 'found', path: join(installed, 'govulncheck') };
  try {
    // The package, not the module: go get then records every checksum the build needs.
    const path = await buildGoTool({
      name: 'govulncheck',
      version: GOVULNCHECK_VERSION,
      get: GOVULNCHECK_PACKAGE,
      build: GOVULNCHECK_PACKAGE,
      env: o.env,
      cacheRoot: o.cacheRoot,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.secrets ? { secrets: o.secrets } : {}),
    });
    return { kind: 'found', path };
  } catch (err) {
    return { kind: 'unavailable', reason: `govulncheck could not be built: ${firstLine(err)}` };
  }
}

function firstLine(err: unknown): string {
  return ((err as Error).message ?? String(err)).split('\n')[0] ?? '';
}

export interface ScanOptions {
  bin: string;
  /** The module dir to scan (its packages, `./...`). */
  dir: string;
  /** GOVULNDB, as govulncheck takes it. */
  db: string;
  env: GoEnv;
  timeoutMs?: number;
  secrets?: readonly (string | undefined)[];
}

/** Advisory id → how far the code reaches it; advisories govulncheck does not report are absent. */
export async function scanReachability(o: ScanOptions): Promise<Map<string, Reach>> {
  const args = ['-db', o.db, '-format', 'json', '-scan', 'symbol', './...'];
  assertNoSecrets(o.env, o.secrets ?? []);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      o.bin,
      args,
      { cwd: o.dir, env: { ...o.env }, timeout: o.timeoutMs ?? 300_000, maxBuffer: 256 << 20 },
      (err, out, errOut) => {
        if (err) reject(new Error(redactSecrets(`govulncheck failed: ${errOut || err.message}`, o.secrets ?? [])));
        else resolve(out);
      },
    );
  });
  const out = new Map<string, Reach>();
  for (const m of splitJsonStream(stdout) as {
    finding?: { osv?: string; trace?: { function?: string; package?: string }[] };
  }[]) {
    const f = m.finding;
    if (!f?.osv) continue;
    const top = f.trace?.[0];
    const reach: Reach = top?.function ? 'called' : top?.package ? 'imported' : 'required';
    const had = out.get(f.osv);
    if (!had || STRENGTH[reach] > STRENGTH[had]) out.set(f.osv, reach);
  }
  return out;
}
