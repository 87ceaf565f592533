/**
 * Matches one module's build list against the database: every module but the main one, after
 * replaces (a module replaced by another module is checked at the replacement, as govulncheck
 * checks it; one replaced by a directory is the repository's own code), withdrawn advisories
 * left out.
 */
import type { ModuleVersion, Replace } from '../types.js';
import { affectingEntries, firstFixedAbove, isWithdrawn } from './affects.js';
import type { VulnDbSnapshot } from './client.js';
import type { OsvEntry } from './schema.js';

export interface VulnerableModule {
  /** The module as the build list names it. */
  path: string;
  version: string;
  /** Set when a replace directive points the module elsewhere: what was checked. */
  replacedBy?: ModuleVersion;
  advisory: OsvEntry;
  /** The lowest fixed version above `version` (with "v"); null: the advisory names no fix. */
  fixed: string | null;
}

function isLocalPath(p: string): boolean {
  return p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p === '.' || p === '..';
}

/** The replacement that applies to path@version: a versioned one wins over a path-only one, as in Go. */
export function replacementFor(replace: readonly Replace[], path: string, version: string): Replace | undefined {
  return (
    replace.find((r) => r.old.path === path && r.old.version === version) ??
    replace.find((r) => r.old.path === path && !r.old.version)
  );
}

export async function findVulnerable(
  list: readonly ModuleVersion[],
  replace: readonly Replace[],
  db: VulnDbSnapshot,
  now: Date,
): Promise<VulnerableModule[]> {
  const out: VulnerableModule[] = [];
  await Promise.all(
    list.map(async (m) => {
      if (m.version === '' || m.path === 'go' || m.path === 'toolchain') return;
      const rep = replacementFor(replace, m.path, m.version);
      if (rep && isLocalPath(rep.new.path)) return;
      const checked = rep ? { path: rep.new.path, version: rep.new.version ?? '' } : m;
      if (!db.names(checked.path)) return;
      for (const advisory of await db.advisoriesFor(checked.path)) {
        if (isWithdrawn(advisory, now)) continue;
        const hits = affectingEntries(advisory, checked.path, checked.version);
        if (hits.length === 0) continue;
        out.push({
          path: m.path,
          version: m.version,
          ...(rep ? { replacedBy: checked } : {}),
          advisory,
          fixed: firstFixedAbove(hits, checked.version),
        });
      }
    }),
  );
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.advisory.id < b.advisory.id ? -1 : 1));
}
