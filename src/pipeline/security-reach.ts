/**
 * Marks a security PR's advisories with their reachability, by govulncheck on the apply checkout
 * before anything changes (toolchain/govulncheck.ts), with the same database as the check. Where
 * govulncheck is unavailable or a module dir cannot be scanned, the advisories stay unmarked and
 * the log says why: reachability informs the PR, it never blocks it.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Logger } from 'probot';
import { vulnDbUrl } from '../gomod/vulndb/index.js';
import type { Vulnerability } from '../planner/plan-schema.js';
import { locateGovulncheck, scanReachability } from '../toolchain/govulncheck.js';
import { resolveGoEnv } from '../toolchain/index.js';
import type { PipelineDeps } from './deps.js';

export async function withReachability(
  checkout: string,
  vulns: readonly Vulnerability[],
  deps: Pick<PipelineDeps, 'appEnv' | 'cacheDir'>,
  secrets: readonly string[],
  log: Logger,
): Promise<Vulnerability[]> {
  const env = await resolveGoEnv({ appEnv: deps.appEnv, cacheDir: deps.cacheDir });
  const cacheRoot = deps.cacheDir ?? join(deps.appEnv.HOME ?? tmpdir(), '.cache', 'gomod-steward');
  const located = await locateGovulncheck({ env, appPath: deps.appEnv.PATH, cacheRoot, secrets });
  if (located.kind === 'unavailable') {
    log.warn({ reason: located.reason }, 'no reachability for the security PR');
    return [...vulns];
  }
  const db = vulnDbUrl(deps.appEnv);
  const byDir = new Map<string, Map<string, Vulnerability['reach']>>();
  for (const dir of [...new Set(vulns.map((v) => v.dir))]) {
    try {
      byDir.set(dir, await scanReachability({ bin: located.path, dir: join(checkout, dir), db, env, secrets }));
    } catch (err) {
      log.warn({ dir, err: { message: (err as Error).message.split('\n')[0] } }, 'govulncheck could not scan a module');
    }
  }
  // govulncheck reports modules that provide a package; one it does not report is only required.
  return vulns.map((v) => {
    const found = byDir.get(v.dir);
    return found ? { ...v, reach: found.get(v.id) ?? 'required' } : { ...v };
  });
}
