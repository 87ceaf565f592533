/**
 * Modules of one go.work share a build list: `go work sync` writes the workspace's selected
 * version of a dependency back into every member that requires it. So a dependency can only
 * rise as far as the most constrained member lets it; otherwise sync raises that member's `go`
 * line (or moves it past its policy) after the fact.
 */
import { compareModuleVersions } from '../gomod/version.js';
import type { Skipped } from './plan-schema.js';

export interface WorkspaceChoice {
  dir: string;
  path: string;
  from: string;
  floor: string;
  /** The member's own choice; null when policy let it take nothing above its floor. */
  to: string | null;
}

export interface Aligned {
  dir: string;
  path: string;
  from: string;
  floor: string;
  to: string;
  /** The member that held this one below its own choice. */
  alignedWith?: string;
}

export function alignWorkspace(choices: WorkspaceChoice[]): { kept: Aligned[]; held: Skipped[] } {
  const cap = new Map<string, { version: string; dir: string }>();
  for (const c of choices) {
    const limit = c.to ?? c.floor;
    const seen = cap.get(c.path);
    if (!seen || compareModuleVersions(c.path, limit, seen.version) < 0)
      cap.set(c.path, { version: limit, dir: c.dir });
  }
  const kept: Aligned[] = [];
  const held: Skipped[] = [];
  for (const c of choices) {
    if (c.to === null) continue;
    const limit = cap.get(c.path)!;
    if (compareModuleVersions(c.path, c.to, limit.version) <= 0) {
      kept.push({ ...c, to: c.to });
    } else if (compareModuleVersions(c.path, limit.version, c.floor) > 0) {
      kept.push({ ...c, to: limit.version, alignedWith: limit.dir });
    } else {
      held.push({
        module: c.path,
        dir: c.dir,
        reason: 'workspace',
        detail: `${c.to} is held back with the workspace: ${limit.dir} stays at ${limit.version}, and go work sync would move it too`,
      });
    }
  }
  return { kept, held };
}
