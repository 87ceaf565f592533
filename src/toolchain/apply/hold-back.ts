/**
 * Chooses which other modules' targets to hold back when module M's go line would move. First
 * choice: only the targets whose own go.mod declares a newer go than M (Go says which, through
 * `go list -m`); when none does, the cause is further down their graphs, so every target above
 * what M has is held.
 */
import { compareGoVersions } from '../../gomod/go-version.js';
import { joinRepoPath } from '../../workspace/paths.js';
import { applyCaps, capCandidates, type BumpTable, type CapResult } from './caps.js';
import type { FileSnapshot } from './file-snapshot.js';
import { goLinesOf, type RaisedRequirement } from './go-lines.js';
import type { GoSession } from './go-session.js';
import { goVersionsOf } from './go-versions.js';

export interface HoldBackInput {
  go: GoSession;
  original: FileSnapshot;
  bumps: BumpTable;
  fromOf: (dir: string, path: string) => string | undefined;
  /** The module whose line would move. */
  dir: string;
  raised: readonly RaisedRequirement[];
  /** The modules whose targets may be lowered. */
  dirs: Iterable<string>;
  because: string;
}

export async function holdBack(input: HoldBackInput): Promise<CapResult> {
  const candidates = capCandidates(input.bumps, input.dirs, input.raised);
  if (candidates.length === 0) return { changed: [], skipped: [] };
  const file = joinRepoPath(input.dir, 'go.mod');
  const ownGo = goLinesOf(file, input.original.text(file))?.go ?? null;
  let chosen = candidates;
  if (ownGo !== null) {
    const refs = [...new Set(candidates.map((c) => `${c.path}@${c.target}`))];
    const versions = await goVersionsOf(input.go, refs);
    const newer = candidates.filter((c) => {
      const v = versions.get(`${c.path}@${c.target}`);
      return v !== undefined && compareGoVersions(v, ownGo) > 0;
    });
    if (newer.length > 0) chosen = newer;
  }
  return applyCaps(input.bumps, chosen, input.fromOf, input.because);
}
