/**
 * The `go` line each of some module versions declares, as Go reads it (`go list -m -json
 * path@version`, asked outside any module so no module's half-applied state can interfere).
 */
import { z } from 'zod';
import { isGoFailure } from './errors.js';
import type { GoSession } from './go-session.js';
import { splitJsonStream } from './json-stream.js';

const Listed = z.object({ Path: z.string(), Version: z.string().optional(), GoVersion: z.string().optional() });

/** Keys `path@version`; a version Go could not read is absent from the map. */
export async function goVersionsOf(go: GoSession, refs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (refs.length === 0) return out;
  try {
    const { stdout } = await go.runOutside(['list', '-m', '-json', ...refs]);
    for (const item of splitJsonStream(stdout)) {
      const m = Listed.parse(item);
      if (m.Version && m.GoVersion) out.set(`${m.Path}@${m.Version}`, m.GoVersion);
    }
  } catch (err) {
    if (!isGoFailure(err)) throw err;
  }
  return out;
}
