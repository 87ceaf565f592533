/**
 * Go's answer when a proxy has no @latest: the newest commit its @v/list names. Both the proxy
 * client's `latest` and the upgrade rules fall back on it; one implementation keeps them agreeing.
 */
import { isPseudoVersion, pseudoVersionTime } from './pseudo-version.js';
import { isValid } from './version.js';

// Go skips a pseudo-version whose timestamp is not a real time (PseudoVersionTime fails).
function commitTime(v: string): number {
  try {
    return pseudoVersionTime(v).getTime();
  } catch {
    return NaN;
  }
}

/**
 * Among list lines, the newest by the time the proxy gives beside a version, or else by a
 * pseudo-version's own timestamp; tagged versions without a time do not count.
 */
export function latestFromList(lines: readonly string[]): string | null {
  let best: string | null = null;
  let bestTime = -Infinity;
  for (const line of lines) {
    const [v, stamp] = line.trim().split(/\s+/);
    if (!v || !isValid(v)) continue;
    const t = stamp !== undefined ? Date.parse(stamp) : isPseudoVersion(v) ? commitTime(v) : NaN;
    if (!Number.isNaN(t) && t > bestTime) {
      bestTime = t;
      best = v;
    }
  }
  return best;
}
