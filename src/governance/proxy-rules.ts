/**
 * Rules answered by the module proxy: requirements at retracted versions, deprecated modules,
 * how old a pinned replacement is, and one dependency selected at different versions across the
 * services (from each module's build list, as `go list -m all` has it).
 */
import { buildList } from '../gomod/mvs/index.js';
import { parseGoMod } from '../gomod/modfile/index.js';
import type { ModuleSource, ModuleVersion } from '../gomod/types.js';
import { versionDrift } from '../dashboard/drift.js';
import { upgradeCandidates } from '../gomod/upgrade.js';
import { compareModuleVersions } from '../gomod/version.js';
import type { DiscoveredModule, Discovery } from '../workspace/discover.js';
import { mainModuleFor } from '../workspace/main-modules.js';
import { isLocalReplacement } from '../workspace/paths.js';
import type { RepoTree } from '../workspace/tree.js';
import type { RawFinding } from './finding.js';

/** One answer per module path: many modules of a repository require the same dependencies. */
function memo<T>(f: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let p = seen.get(key);
    if (!p) seen.set(key, (p = f(key)));
    return p;
  };
}

export async function retractedAndDeprecated(d: Discovery, source: ModuleSource): Promise<RawFinding[]> {
  const latestGoMod = memo(async (path: string) => {
    const info = await source.latest(path);
    if (!info) return null;
    return parseGoMod(`${path}@${info.Version}/go.mod`, await source.mod(path, info.Version), { lax: true });
  });
  const out: RawFinding[] = [];
  for (const m of d.modules)
    for (const req of m.goMod.require) {
      if (m.goMod.replace.some((r) => r.old.path === req.path)) continue;
      // A module the proxy cannot answer for is another rule's business (and the planner's skip).
      const [up, latest] = await Promise.all([
        upgradeCandidates(req.path, req.version, { source, replace: m.goMod.replace }).catch(() => null),
        latestGoMod(req.path).catch(() => null),
      ]);
      const retraction = up?.retractions.find(
        (r) =>
          compareModuleVersions(req.path, r.low, req.version) <= 0 &&
          compareModuleVersions(req.path, req.version, r.high) <= 0,
      );
      if (retraction)
        out.push({
          rule: 'retracted',
          dir: m.dir,
          file: m.file,
          line: req.pos.line,
          message: `${req.path}@${req.version} is retracted by its author${retraction.rationale ? `: ${retraction.rationale}` : ''}`,
          fix: up?.goUpdate ? `go get ${req.path}@${up.goUpdate}` : `go get ${req.path}@latest`,
        });
      const deprecated = latest?.module?.deprecated;
      if (deprecated)
        out.push({
          rule: 'deprecated',
          dir: m.dir,
          file: m.file,
          line: req.pos.line,
          message: `${req.path} is deprecated: ${deprecated}`,
          fix: `move off ${req.path} as its deprecation notice says`,
        });
    }
  return out;
}

export async function replaceRemote(d: Discovery, source: ModuleSource, now: number): Promise<RawFinding[]> {
  const out: RawFinding[] = [];
  for (const m of d.modules)
    for (const r of m.goMod.replace) {
      if (isLocalReplacement(r.new.path) || !r.new.version) continue;
      const info = await source.info(r.new.path, r.new.version).catch(() => null);
      const days = info?.Time ? Math.floor((now - Date.parse(info.Time)) / 86_400_000) : undefined;
      const what =
        r.new.path === r.old.path ? `pinned at ${r.new.version}` : `replaced by ${r.new.path}@${r.new.version}`;
      out.push({
        rule: 'replace-remote',
        dir: m.dir,
        file: m.file,
        line: r.pos.line,
        message: `${r.old.path}${r.old.version ? `@${r.old.version}` : ''} is ${what}${days !== undefined ? `, published ${days} days ago` : ''}`,
        fix: 'drop the replace once upstream has the change, or move to a maintained release',
      });
    }
  return out;
}

/** Each module's build list as `go list -m all` has it (GOWORK=off), once per module; null when it cannot be read. */
export function buildListsOf(
  d: Discovery,
  tree: RepoTree,
  source: ModuleSource,
): (m: DiscoveredModule) => Promise<ModuleVersion[] | null> {
  const byDir = new Map(d.modules.map((m) => [m.dir, m]));
  const seen = new Map<string, Promise<ModuleVersion[] | null>>();
  return (m) => {
    let p = seen.get(m.dir);
    if (!p)
      seen.set(
        m.dir,
        (p = buildList(mainModuleFor(m, byDir, tree), source).then(
          (b) => b.list,
          () => null,
        )),
      );
    return p;
  };
}

export async function dependencyDrift(
  d: Discovery,
  listOf: (m: DiscoveredModule) => Promise<ModuleVersion[] | null>,
  services: readonly DiscoveredModule[],
): Promise<RawFinding[]> {
  if (services.length < 2) return [];
  const byDir = new Map(d.modules.map((m) => [m.dir, m]));
  const lists = new Map<string, ModuleVersion[]>();
  for (const m of services) {
    const list = await listOf(m);
    if (list) lists.set(m.dir, list);
  }
  const modules = d.modules.map((m) => ({
    dir: m.dir,
    path: m.goMod.module?.path ?? '',
    go: m.goMod.go,
    toolchain: m.goMod.toolchain,
  }));
  const drift = versionDrift(modules, lists);
  const out: RawFinding[] = [];
  for (const row of drift.rows) {
    const newest = row.distinct.at(-1)!;
    const spread = row.distinct
      .map((v) => `${v} in ${drift.dirs.filter((_, i) => row.versions[i] === v).join(', ')}`)
      .join('; ');
    drift.dirs.forEach((dir, i) => {
      const v = row.versions[i];
      if (v === null || v === undefined || v === newest) return;
      const m = byDir.get(dir)!;
      const req = m.goMod.require.find((r) => r.path === row.module);
      out.push({
        rule: 'dependency-drift',
        dir,
        file: m.file,
        line: req?.pos.line ?? 1,
        message: `${row.module} is selected at ${v} here; across the services: ${spread}`,
        fix: `go get ${row.module}@${newest}`,
      });
    });
  }
  return out;
}
