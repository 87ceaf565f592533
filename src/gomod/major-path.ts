/**
 * Where the next major versions of a module live. Go gives each major from v2 on a path of its
 * own (`/vN`, or gopkg.in's `.vN`), so a newer major is never an upgrade of the same path: it is
 * found by asking the proxy about the paths a module's later majors would have.
 */
import { splitPathVersion } from './module.js';
import { major } from './version.js';

/** Majors probed past the first at most: no module gains this many majors between two runs. */
export const MAX_MAJOR_PROBES = 20;

export interface MajorProbe {
  /** The major the path below would hold (2 for `/v2`). */
  major: number;
  path: string;
}

function parseMajor(suffix: string): number {
  return Number(suffix.slice(2));
}

/**
 * The module path of major `n` of the module at `path` (n ≥ 2), or null when the path's form has
 * no such sibling (a malformed path, or gopkg.in's `-unstable` tracks, which promise nothing).
 */
export function pathForMajor(path: string, n: number): string | null {
  if (n < 2) return null;
  const split = splitPathVersion(path);
  if (!split.ok || split.pathMajor.endsWith('-unstable')) return null;
  if (path.startsWith('gopkg.in/')) return `${split.prefix}.v${n}`;
  return `${split.prefix}/v${n}`;
}

/**
 * The first major worth probing for a requirement at `version`: the one after the path's own, or
 * after v1 for a path without suffix. A `+incompatible` requirement (a v2+ tag from before
 * modules) starts at its own major: a real `/vN` module of that major is already a move.
 */
export function firstMajorToProbe(path: string, version: string): number | null {
  const split = splitPathVersion(path);
  if (!split.ok || split.pathMajor.endsWith('-unstable')) return null;
  if (split.pathMajor !== '') return parseMajor(split.pathMajor) + 1;
  const own = Number(major(version).slice(1));
  if (version.endsWith('+incompatible') && own >= 2) return own;
  return 2;
}

/** True when a miss at this probe should not end the walk: an incompatible line's own major may never have become a module. */
export function mayMissFirst(version: string): boolean {
  return version.endsWith('+incompatible');
}
