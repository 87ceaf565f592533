/**
 * Which replace directive applies to a module version. go.work's replacements win over every
 * go.mod's; within one file an exact `path version =>` wins over a path-only `path =>`.
 */
import type { GoMod, Replace, ReplaceSide } from '../types.js';
import type { ModuleVersion } from '../types.js';

export type ReadLocal = (relDir: string) => Promise<GoMod | null>;

/** A replacement target; a target without a version is a directory, read through `readLocal`. */
export interface Replacement {
  target: ReplaceSide;
  readLocal: ReadLocal;
}

interface Layer {
  /** Exact `path version =>` directives by path, then version: no `path@version` key built per lookup. */
  exact: Map<string, Map<string, ReplaceSide>>;
  anyVersion: Map<string, ReplaceSide>;
  readLocal: ReadLocal;
}

function layer(replace: readonly Replace[], readLocal: ReadLocal): Layer {
  const exact = new Map<string, Map<string, ReplaceSide>>();
  const anyVersion = new Map<string, ReplaceSide>();
  for (const r of replace) {
    if (r.old.version) {
      let versions = exact.get(r.old.path);
      if (!versions) {
        versions = new Map();
        exact.set(r.old.path, versions);
      }
      versions.set(r.old.version, r.new);
    } else anyVersion.set(r.old.path, r.new);
  }
  return { exact, anyVersion, readLocal };
}

function find(l: Layer, m: ModuleVersion): ReplaceSide | undefined {
  return l.exact.get(m.path)?.get(m.version) ?? l.anyVersion.get(m.path);
}

const isEmptyLayer = (l: Layer): boolean => l.exact.size === 0 && l.anyVersion.size === 0;

export class ReplaceTable {
  private readonly work: Layer | null;
  private readonly modules: Layer[];
  /** Graph reads look every node up, and most tables hold no directive at all. */
  private readonly empty: boolean;

  constructor(
    modules: readonly { replace: readonly Replace[]; readLocal: ReadLocal }[],
    work?: { replace: readonly Replace[]; readLocal: ReadLocal },
  ) {
    this.work = work ? layer(work.replace, work.readLocal) : null;
    this.modules = modules.map((m) => layer(m.replace, m.readLocal)).filter((l) => !isEmptyLayer(l));
    this.empty = (this.work === null || isEmptyLayer(this.work)) && this.modules.length === 0;
  }

  /** No directive at all: every module version is read as itself. */
  isEmpty(): boolean {
    return this.empty;
  }

  lookup(m: ModuleVersion): Replacement | null {
    if (this.empty) return null;
    if (this.work) {
      const t = find(this.work, m);
      if (t) return { target: t, readLocal: this.work.readLocal };
    }
    let found: Replacement | null = null;
    for (const l of this.modules) {
      const t = find(l, m);
      if (t) found = { target: t, readLocal: l.readLocal };
    }
    return found;
  }

  /** Whether every version of `path` is replaced (a path-only directive). */
  replacesAllVersions(path: string): boolean {
    return (this.work?.anyVersion.has(path) ?? false) || this.modules.some((l) => l.anyVersion.has(path));
  }

  /** Versions named on the left of exact replace directives for `path`. */
  replacedVersions(path: string): string[] {
    const out: string[] = [];
    for (const l of [...(this.work ? [this.work] : []), ...this.modules])
      out.push(...(l.exact.get(path)?.keys() ?? []));
    return out;
  }
}
