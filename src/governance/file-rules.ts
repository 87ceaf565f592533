/**
 * Rules read from the files alone (go.work and every go.mod): local replaces that leave the
 * workspace, modules the workspace does not cover, go lines that drift apart.
 */
import { compareGoVersions } from '../gomod/go-version.js';
import type { Discovery } from '../workspace/discover.js';
import { isLocalReplacement, resolveRepoPath } from '../workspace/paths.js';
import type { RawFinding } from './finding.js';

function workspaceDirs(d: Discovery): Set<string> {
  return new Set(d.modules.filter((m) => m.inWorkspace).map((m) => m.dir));
}

export function replaceLocalOutsideWorkspace(d: Discovery): RawFinding[] {
  const used = workspaceDirs(d);
  const out: RawFinding[] = [];
  for (const m of d.modules)
    for (const r of m.goMod.replace) {
      if (!isLocalReplacement(r.new.path)) continue;
      const target = resolveRepoPath(m.dir, r.new.path);
      if (d.goWork && target !== null && used.has(target)) continue;
      const where =
        target === null
          ? 'a directory outside the repository'
          : d.goWork
            ? `${target}, which go.work does not use`
            : `${target}, and there is no go.work`;
      out.push({
        rule: 'replace-local-outside-workspace',
        dir: m.dir,
        file: m.file,
        line: r.pos.line,
        message: `replace ${r.old.path} => ${r.new.path} points at ${where}: a build outside this checkout cannot resolve it`,
        fix:
          target === null
            ? `drop the replace and require a released version of ${r.old.path}`
            : `add "use ./${target}" to go.work, or drop the replace and require a released version`,
      });
    }
  return out;
}

export function workspaceCoverage(d: Discovery): RawFinding[] {
  if (!d.goWork) return [];
  const out: RawFinding[] = [];
  for (const m of d.modules)
    if (!m.inWorkspace)
      out.push({
        rule: 'workspace-coverage',
        dir: m.dir,
        file: 'go.work',
        line: d.goWork.use[0]?.pos.line ?? 1,
        message: `module ${m.goMod.module?.path ?? m.dir} (${m.file}) is not used by go.work`,
        fix: `go work use ./${m.dir}`,
      });
  for (const p of d.problems)
    if (p.file === 'go.work' && /no go\.mod in that directory/.test(p.error.message))
      out.push({
        rule: 'workspace-coverage',
        dir: p.dir,
        file: 'go.work',
        line: p.error.position?.line ?? 1,
        message: p.error.message,
        fix: `remove the use of ./${p.dir}, or add its go.mod`,
      });
  return out;
}

/** 1.22.3 → 22: the minor of Go 1.x, what a window counts. */
function goMinor(v: string): number {
  return Number(/^1\.(\d+)/.exec(v)?.[1] ?? 0);
}

/** The 1-based line of the first directive matching `re` in a file's text (1 when absent). */
export type LineFinder = (file: string, re: RegExp) => number;

export function goDirectiveDrift(d: Discovery, window: number, lineOf: LineFinder): RawFinding[] {
  const mods = d.modules.filter((m) => (d.goWork ? m.inWorkspace : true) && m.goMod.go !== null);
  if (mods.length < 2) return [];
  const newest = mods
    .map((m) => m.goMod.go!)
    .sort(compareGoVersions)
    .at(-1)!;
  const out: RawFinding[] = [];
  for (const m of mods) {
    const go = m.goMod.go!;
    if (goMinor(newest) - goMinor(go) > window)
      out.push({
        rule: 'go-directive-drift',
        dir: m.dir,
        file: m.file,
        line: lineOf(m.file, /^go\s/),
        message: `go ${go} is more than ${window} minor version(s) behind go ${newest} elsewhere in the workspace`,
        fix: `go mod edit -go=${newest} (in ${m.dir}), or widen governance.go-directive-window`,
      });
  }
  const toolchains = new Set(mods.map((m) => m.goMod.toolchain ?? '(none)'));
  if (toolchains.size > 1)
    for (const m of mods)
      out.push({
        rule: 'go-directive-drift',
        dir: m.dir,
        file: m.file,
        line: lineOf(m.file, /^toolchain\s/),
        message: `toolchain ${m.goMod.toolchain ?? '(none)'}; the workspace's modules declare ${[...toolchains].sort().join(', ')}`,
        fix: 'declare one toolchain line in every module of the workspace (go mod edit -toolchain=…)',
      });
  return out;
}
