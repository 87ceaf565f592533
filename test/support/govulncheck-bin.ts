/**
 * The pinned govulncheck for tests, built once from the module proxy into a cache dir reused
 * across runs (toolchain/govulncheck.ts builds it the same way for the app). Null, with a warning
 * that says why, where it cannot be built.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateGovulncheck } from '../../src/toolchain/govulncheck.js';
import { resolveGoEnv } from '../../src/toolchain/index.js';

export const TOOLS_CACHE = join(tmpdir(), 'gomod-steward-tools');

export async function pinnedGovulncheck(): Promise<string | null> {
  const env = await resolveGoEnv({ appEnv: process.env });
  // appPath undefined: always the pinned build, never whatever is installed.
  const located = await locateGovulncheck({ env, appPath: undefined, cacheRoot: TOOLS_CACHE });
  if (located.kind === 'found') return located.path;
  console.warn(`${located.reason}: the govulncheck comparison did not run`);
  return null;
}
