/**
 * The `vulnerable` rule: each module's build list (as `go list -m all` has it, GOWORK=off) matched
 * against the Go vulnerability database by the same engine the security plan uses, so the check
 * and the security PR never disagree about what is vulnerable.
 */
import type { ModuleVersion } from '../gomod/types.js';
import { findVulnerable, type VulnDbSnapshot } from '../gomod/vulndb/index.js';
import type { Discovery, DiscoveredModule } from '../workspace/discover.js';
import type { RawFinding } from './finding.js';

export type BuildListOf = (m: DiscoveredModule) => Promise<ModuleVersion[] | null>;

export async function vulnerableFindings(
  d: Discovery,
  listOf: BuildListOf,
  db: VulnDbSnapshot,
  now: Date,
): Promise<RawFinding[]> {
  const out: RawFinding[] = [];
  for (const m of d.modules) {
    const list = await listOf(m);
    if (!list) continue;
    for (const f of await findVulnerable(list, m.goMod.replace, db, now)) {
      const req = m.goMod.require.find((r) => r.path === f.path);
      const checked = f.replacedBy ? ` (replaced by ${f.replacedBy.path}@${f.replacedBy.version})` : '';
      const summary = f.advisory.summary || f.advisory.details.split('\n')[0] || '';
      out.push({
        rule: 'vulnerable',
        dir: m.dir,
        file: m.file,
        // A requirement line when go.mod names the module; an indirect one MVS brought is the module's.
        line: req?.pos.line ?? m.goMod.module?.pos.line ?? 1,
        message:
          `${f.advisory.id}: ${f.path}@${f.version}${checked} is vulnerable` +
          `${summary ? ` (${summary})` : ''}; ${f.fixed ? `fixed in ${f.fixed}` : 'no fixed version yet'}`,
        fix: f.replacedBy
          ? `move the replace of ${f.path} to a version without ${f.advisory.id}${f.fixed ? ` (${f.fixed} or later)` : ''}`
          : f.fixed
            ? `go get ${f.path}@${f.fixed} (the lowest version that fixes ${f.advisory.id})`
            : `no release fixes ${f.advisory.id} yet: remove the dependency or accept the risk`,
      });
    }
  }
  return out;
}
