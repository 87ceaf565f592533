/**
 * Version drift across the modules of one repository: the same dependency selected at different
 * versions by different modules. Read from the build lists (`go list -m all`, GOWORK=off), not
 * only from go.mod, so a version MVS chose through another requirement counts as much as one
 * written down. Pure: the caller passes the lists.
 */
import type { ModuleVersion } from '../gomod/types.js';
import { compareModuleVersions } from '../gomod/version.js';

export interface ModuleLines {
  dir: string;
  /** The module path its go.mod declares ('' when it has no module line). */
  path: string;
  go: string | null;
  toolchain: string | null;
}

export interface DriftRow {
  module: string;
  /** Selected version per module dir, in `VersionDrift.dirs` order; null where the module does not use it. */
  versions: (string | null)[];
  /** Distinct versions, oldest first. */
  distinct: string[];
}

export interface VersionDrift {
  /** Module dirs with a build list, in the repository's module order. */
  dirs: string[];
  rows: DriftRow[];
  /** The go and toolchain lines of every module, drift or not. */
  lines: ModuleLines[];
}

/**
 * Rows only for dependencies selected at two or more versions. The repository's own modules are
 * left out: where they are replaced by a directory their version is a placeholder that says
 * nothing about the code used.
 */
export function versionDrift(
  modules: readonly ModuleLines[],
  lists: ReadonlyMap<string, readonly ModuleVersion[]>,
): VersionDrift {
  const own = new Set(modules.map((m) => m.path).filter(Boolean));
  const dirs = modules.map((m) => m.dir).filter((d) => lists.has(d));
  const byDir = dirs.map((d) => {
    const selected = new Map<string, string>();
    // The first entry is the main module itself (version "").
    for (const mv of lists.get(d) ?? []) if (mv.version && !own.has(mv.path)) selected.set(mv.path, mv.version);
    return selected;
  });
  const paths = new Set(byDir.flatMap((m) => [...m.keys()]));
  const rows: DriftRow[] = [];
  for (const module of [...paths].sort()) {
    const versions = byDir.map((m) => m.get(module) ?? null);
    const distinct = [...new Set(versions.filter((v): v is string => v !== null))].sort((a, b) =>
      compareModuleVersions(module, a, b),
    );
    if (distinct.length > 1) rows.push({ module, versions, distinct });
  }
  return { dirs, rows, lines: modules.map((m) => ({ ...m })) };
}
