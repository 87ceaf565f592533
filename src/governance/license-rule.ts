/**
 * The `license` rule: every module newly added to a build list — against the base's build lists
 * when there is a base, else every module of them — has its license identified from the
 * LICENSE/COPYING files of its zip and held to `governance.license.allow`. A module whose license
 * cannot be identified is a warning at most, naming the file (or its absence).
 */
import type { ModuleVersion } from '../gomod/types.js';
import type { ModuleLicense } from '../toolchain/license-scan.js';
import { MIN_COVERAGE } from '../toolchain/license-scan.js';
import type { Discovery, DiscoveredModule } from '../workspace/discover.js';
import type { RawFinding } from './finding.js';

export type BuildListOf = (m: DiscoveredModule) => Promise<ModuleVersion[] | null>;

export interface LicenseRuleInput {
  d: Discovery;
  listOf: BuildListOf;
  /** The base's build list of the module in the same dir; undefined: no base, every module counts. */
  baseListOf?: (dir: string) => Promise<ModuleVersion[] | null>;
  allow: readonly string[] | null;
  licenses(modules: { path: string; version: string }[]): Promise<ModuleLicense[]>;
}

const key = (m: { path: string; version: string }) => `${m.path}@${m.version}`;

export async function licenseFindings(input: LicenseRuleInput): Promise<RawFinding[]> {
  const { d } = input;
  const own = new Set(d.modules.map((m) => m.goMod.module?.path).filter(Boolean));
  const added: { m: DiscoveredModule; dep: ModuleVersion }[] = [];
  for (const m of d.modules) {
    const list = await input.listOf(m);
    if (!list) continue;
    const before = input.baseListOf ? await input.baseListOf(m.dir) : null;
    const had = new Set((before ?? []).map(key));
    for (const dep of list) {
      // The main module, the repository's own modules and local replacements have no zip.
      if (dep.version === '' || own.has(dep.path) || had.has(key(dep))) continue;
      const rep = m.goMod.replace.find((r) => r.old.path === dep.path);
      if (rep && !rep.new.version) continue;
      added.push({ m, dep: rep?.new.version ? { path: rep.new.path, version: rep.new.version } : dep });
    }
  }
  if (added.length === 0) return [];
  const unique = [...new Map(added.map((a) => [key(a.dep), a.dep])).values()];
  const found = new Map((await input.licenses(unique)).map((l) => [key(l), l]));
  const out: RawFinding[] = [];
  for (const { m, dep } of added) {
    const lic = found.get(key(dep));
    if (!lic) continue;
    const req = m.goMod.require.find((r) => r.path === dep.path);
    const at = { rule: 'license', dir: m.dir, file: m.file, line: req?.pos.line ?? m.goMod.module?.pos.line ?? 1 };
    const known = lic.files.filter((f) => f.percent >= MIN_COVERAGE && f.ids.length > 0);
    if (known.length === 0) {
      const what = lic.files.length
        ? `${lic.files.map((f) => f.file).join(', ')} matches no known license (best coverage ${Math.max(...lic.files.map((f) => Math.round(f.percent)))}%)`
        : 'has no LICENSE or COPYING file';
      out.push({
        ...at,
        cap: 'warning',
        message: `${key(dep)}: the license is unknown: ${what}`,
        fix: `read the module's license terms yourself before depending on ${dep.path}`,
      });
      continue;
    }
    const ids = [...new Set(known.flatMap((f) => f.ids))].sort();
    const denied = input.allow ? ids.filter((id) => !input.allow!.includes(id)) : [];
    if (denied.length === 0) continue;
    out.push({
      ...at,
      message: `${key(dep)} is licensed ${ids.join(' and ')} (${known.map((f) => f.file).join(', ')}); ${denied.join(', ')} is not in governance.license.allow`,
      fix: `remove ${dep.path}, or add ${denied.join(', ')} to governance.license.allow if the terms are acceptable`,
    });
  }
  return out;
}
