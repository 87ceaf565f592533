/**
 * The `inspect` JSON of a go.mod or go.work: what `go mod edit -json` / `go work edit -json`
 * print, in camelCase, without positions. Absent go, toolchain and module path are null (Go
 * omits or empties them); duplicate exclude, replace, tool and ignore lines are dropped the
 * way those commands drop them (first exclude/tool/ignore wins, last replace wins), and so are
 * entries whose key is empty (`require "" v1.0.0`, `godebug =x`), which they clean away.
 */
import type { GoMod, GoWork, Replace, ReplaceSide } from './types.js';

export interface ReplaceSideDescription {
  path: string;
  version?: string;
}

export interface ReplaceDescription {
  old: ReplaceSideDescription;
  new: ReplaceSideDescription;
}

export interface ModuleDescription {
  dir: string;
  path: string | null;
  go: string | null;
  toolchain: string | null;
  require: { path: string; version: string; indirect: boolean }[];
  replace: ReplaceDescription[];
  exclude: { path: string; version: string }[];
  retract: { low: string; high: string; rationale: string }[];
  godebug: { key: string; value: string }[];
  tool: { path: string }[];
  ignore: { path: string }[];
  deprecated?: string;
}

export interface WorkDescription {
  go: string | null;
  toolchain: string | null;
  use: string[];
  replace: ReplaceDescription[];
  godebug: { key: string; value: string }[];
}

function side(s: ReplaceSide): ReplaceSideDescription {
  return s.version ? { path: s.path, version: s.version } : { path: s.path };
}

/** A later replacement of the same module version overrides an earlier one. */
function effectiveReplaces(list: Replace[]): ReplaceDescription[] {
  const seen = new Set<string>();
  const keep: Replace[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const r = list[i] as Replace;
    const key = `${r.old.path}\u0000${r.old.version ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    keep.push(r);
  }
  return keep
    .reverse()
    .filter((r) => r.old.path !== '')
    .map((r) => ({ old: side(r.old), new: side(r.new) }));
}

function firstOf<T>(list: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function describeGoMod(mod: GoMod, dir: string): ModuleDescription {
  const out: ModuleDescription = {
    dir,
    path: mod.module?.path ?? null,
    go: mod.go,
    toolchain: mod.toolchain,
    require: mod.require
      .filter((r) => r.path !== '')
      .map((r) => ({ path: r.path, version: r.version, indirect: r.indirect })),
    replace: effectiveReplaces(mod.replace),
    exclude: firstOf(mod.exclude, (x) => `${x.path}\u0000${x.version}`)
      .filter((x) => x.path !== '')
      .map((x) => ({ path: x.path, version: x.version })),
    retract: mod.retract
      .filter((r) => r.low !== '' || r.high !== '')
      .map((r) => ({ low: r.low, high: r.high, rationale: r.rationale })),
    godebug: mod.godebug.filter((g) => g.key !== '').map((g) => ({ key: g.key, value: g.value })),
    tool: firstOf(mod.tool, (t) => t.path).map((t) => ({ path: t.path })),
    ignore: firstOf(mod.ignore, (t) => t.path).map((t) => ({ path: t.path })),
  };
  if (mod.module?.deprecated) out.deprecated = mod.module.deprecated;
  return out;
}

export function describeGoWork(work: GoWork): WorkDescription {
  return {
    go: work.go,
    toolchain: work.toolchain,
    use: work.use.filter((u) => u.diskPath !== '').map((u) => u.diskPath),
    replace: effectiveReplaces(work.replace),
    godebug: work.godebug.map((g) => ({ key: g.key, value: g.value })),
  };
}
