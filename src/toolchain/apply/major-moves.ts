/**
 * apply's share of major moves (plan updates with `newPath`): which modules move which paths,
 * the applied updates named as the plan names them (old module, new path), and the build check
 * after the imports moved: a module that no longer builds keeps its change, with Go's errors.
 */
import type { PlanUpdate } from '../../planner/plan-schema.js';
import { isGoFailure } from './errors.js';
import { firstLines, type BrokenBuild } from './broken-build.js';
import type { GoSession } from './go-session.js';
import type { PathMove } from './rewrite-imports.js';

/** The moves each module dir makes, from the plan's updates with a new path. */
export function movesByDir(updates: readonly PlanUpdate[], unusable: ReadonlySet<string>): Map<string, PathMove[]> {
  const out = new Map<string, PathMove[]>();
  for (const u of updates) {
    if (!u.newPath) continue;
    for (const d of u.dirs) {
      if (unusable.has(d.dir)) continue;
      out.set(d.dir, [...(out.get(d.dir) ?? []), { from: u.module, to: u.newPath }]);
    }
  }
  return out;
}

/**
 * Applied updates as apply measures them name the new path as the module; the plan's shape
 * names the module the dirs required and the path it moved to, and calls it a major.
 */
export function asMajorMoves(updates: PlanUpdate[], moves: ReadonlyMap<string, readonly PathMove[]>): PlanUpdate[] {
  return updates.map((u) => {
    const move = u.dirs.map((d) => moves.get(d.dir)?.find((m) => m.to === u.module)).find((m) => m !== undefined);
    if (!move) return u;
    const { mayBreak: _mayBreak, ...rest } = u;
    return { ...rest, module: move.from, newPath: move.to, kind: 'major' };
  });
}

/** `go build ./...` of each moved module, its output discarded; the modules that fail, with Go's first lines. */
export async function brokenBuilds(
  go: GoSession,
  dirs: readonly string[],
  moves: ReadonlyMap<string, readonly PathMove[]>,
  clean: (text: string) => string,
): Promise<BrokenBuild[]> {
  const out: BrokenBuild[] = [];
  for (const dir of dirs) {
    try {
      await go.run(dir, ['build', '-o', '/dev/null', './...'], 'readonly');
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      out.push({
        dir,
        modules: [...new Set((moves.get(dir) ?? []).map((m) => m.to))],
        errors: firstLines(clean(err.stderr)),
      });
    }
  }
  return out;
}
