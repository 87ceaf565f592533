/**
 * Security fixes for one plan. Every planned module dir's build list is matched against the
 * vulnerability database; for each vulnerable module the plan either already reaches a fixed
 * version (an update of its own: `update`; MVS along with other updates: `carried`), or gets an
 * explicit bump to the lowest version at or above the fix that ignore rules and the go-directive
 * guard allow (and the cooldown, only with `cooldown.security: true`) — for an indirect module
 * too, as `go get module@fixed` would write it. A fix that policy holds back, or that does not
 * exist, is reported as `fixedBy: "none"`, never dropped.
 */
import type { StewardConfig } from '../config/schema.js';
import { upgradeCandidates } from '../gomod/upgrade.js';
import type { ModuleSource, ModuleVersion } from '../gomod/types.js';
import { compare, isPrerelease } from '../gomod/version.js';
import { affectedVersion, findVulnerable, type VulnDbSnapshot, type VulnerableModule } from '../gomod/vulndb/index.js';
import type { DiscoveredModule } from '../workspace/discover.js';
import { mainModuleFor } from '../workspace/main-modules.js';
import type { RepoTree } from '../workspace/tree.js';
import { chooseTarget, type Rejection } from './choose-target.js';
import { cooldownSkipped } from './cooldown.js';
import type { Skipped, Vulnerability } from './plan-schema.js';
import type { Baseline } from './predict.js';
import { describeSourceFailure } from './source-errors.js';

export interface SecurityInput {
  modules: DiscoveredModule[];
  tree: RepoTree;
  baseline: Baseline;
  /** Each dir's build list after the updates planned so far (the baseline when there are none). */
  after: ReadonlyMap<string, ModuleVersion[]>;
  /** The updates planned so far, per dir: module path → version. */
  bumpsByDir: ReadonlyMap<string, ReadonlyMap<string, string>>;
  db: VulnDbSnapshot;
  config: StewardConfig;
  source: ModuleSource;
  now: Date;
  /** Where an advisory's page is when it names none (the database's own file). */
  advisoryUrl(id: string): string;
  /** Says why policy passed a version over, for `skipped`. */
  describeRejections(rejected: Rejection[], ownGo: string | null): string;
}

/** An explicit bump this plan needs for a fix it does not reach otherwise. */
export interface SecurityFix {
  dir: string;
  module: string;
  /** What the dir selects today. */
  from: string;
  to: string;
  ids: string[];
  indirect: boolean;
}

export interface SecurityOutcome {
  vulnerabilities: Vulnerability[];
  fixes: SecurityFix[];
  /** `dir\0module` of planned updates that reach a fixed version → the advisories they fix. */
  fixedByUpdates: Map<string, string[]>;
  skipped: Skipped[];
}

const key = (dir: string, module: string) => `${dir}\0${module}`;

/** Versions at or above every fix, unaffected by every advisory: releases first, each lowest first. */
function fixingCandidates(candidates: readonly string[], found: readonly VulnerableModule[]): string[] {
  const atLeast = (v: string) => found.every((f) => f.fixed !== null && compare(v, f.fixed) >= 0);
  const clean = (v: string) =>
    found.every((f) => !f.advisory.affected.some((a) => a.package.name === f.path && affectedVersion(a, v)));
  const ok = candidates.filter((v) => atLeast(v) && clean(v));
  const asc = (a: string, b: string) => compare(a, b);
  return [...ok.filter((v) => !isPrerelease(v)).sort(asc), ...ok.filter((v) => isPrerelease(v)).sort(asc)];
}

function stillAffected(found: VulnerableModule, version: string | undefined): boolean {
  if (version === undefined) return false;
  return found.advisory.affected.some((a) => a.package.name === found.path && affectedVersion(a, version));
}

export async function planSecurity(input: SecurityInput): Promise<SecurityOutcome> {
  const { config, source, db } = input;
  const byDir = new Map(input.modules.map((m) => [m.dir, m]));
  const vulnerabilities: Vulnerability[] = [];
  const fixes: SecurityFix[] = [];
  const fixedByUpdates = new Map<string, string[]>();
  const skipped: Skipped[] = [];
  // Security fixes move within the module's own major version; update-types is a schedule's taste.
  const policy: StewardConfig = { ...config, updateTypes: ['major', 'minor', 'patch'] };

  for (const mod of input.modules) {
    const list = input.baseline.lists.get(mod.dir);
    if (!list) continue;
    const found = await findVulnerable(list, mod.goMod.replace, db, input.now);
    const byModule = new Map<string, VulnerableModule[]>();
    for (const f of found) byModule.set(f.path, [...(byModule.get(f.path) ?? []), f]);
    const after = new Map((input.after.get(mod.dir) ?? list).map((m) => [m.path, m.version]));
    const bumps = input.bumpsByDir.get(mod.dir);
    const required = new Map(mod.goMod.require.map((r) => [r.path, r]));

    for (const [path, vulns] of byModule) {
      const direct = required.has(path) && !required.get(path)!.indirect;
      const record = (f: VulnerableModule, fixedBy: Vulnerability['fixedBy']) =>
        vulnerabilities.push({
          id: f.advisory.id,
          aliases: f.advisory.aliases,
          summary: f.advisory.summary || f.advisory.details.split('\n')[0] || '',
          module: path,
          dir: mod.dir,
          version: f.version,
          fixed: f.fixed,
          kind: direct ? 'direct' : 'indirect',
          fixedBy,
          url: f.advisory.database_specific?.url ?? input.advisoryUrl(f.advisory.id),
        });
      const ids = vulns.map((f) => f.advisory.id);
      const note = (reason: string, detail: string) =>
        skipped.push({ module: path, dir: mod.dir, reason, detail: `fix for ${ids.join(', ')} held back: ${detail}` });

      // Replaced by another module: only the replace directive can move it.
      const replaced = vulns.find((f) => f.replacedBy);
      if (replaced?.replacedBy) {
        for (const f of vulns) record(f, 'none');
        note(
          'replaced',
          `checked at ${replaced.replacedBy.path}@${replaced.replacedBy.version}; change the replace directive`,
        );
        continue;
      }
      // Already fixed by what the plan does.
      const reached = after.get(path);
      const open = vulns.filter((f) => stillAffected(f, reached));
      for (const f of vulns.filter((v) => !open.includes(v))) {
        const own = bumps?.has(path) ?? false;
        record(f, own ? 'update' : 'carried');
        if (own)
          fixedByUpdates.set(key(mod.dir, path), [...(fixedByUpdates.get(key(mod.dir, path)) ?? []), f.advisory.id]);
      }
      if (open.length === 0) continue;
      const noFix = open.filter((f) => f.fixed === null);
      for (const f of noFix) record(f, 'none');
      const fixable = open.filter((f) => f.fixed !== null);
      if (fixable.length === 0) continue;

      const selected = list.find((m) => m.path === path)?.version ?? vulns[0]!.version;
      const excluded = new Set(mod.goMod.exclude.filter((e) => e.path === path).map((e) => e.version));
      let target: string | null = null;
      let rejected: Rejection[] = [];
      try {
        const { candidates } = await upgradeCandidates(path, selected, { source, excluded });
        const choice = await chooseTarget({
          main: mainModuleFor(mod, byDir, input.tree),
          path,
          from: selected,
          candidates: fixingCandidates(candidates, fixable),
          config: policy,
          source: input.baseline.degraded.get(mod.dir)?.source ?? source,
          baseline: list,
          // A fix goes out at once unless the repository asked fixes to wait as well.
          ...(config.cooldown.security ? { cooldown: { config: config.cooldown, now: input.now } } : {}),
        });
        target = choice.version;
        rejected = choice.rejected;
      } catch (err) {
        const f = describeSourceFailure(err);
        for (const v of fixable) record(v, 'none');
        note(f.reason, f.detail);
        continue;
      }
      if (!target) {
        for (const v of fixable) record(v, 'none');
        const young = rejected.find((r) => r.reason === 'cooldown');
        if (young) skipped.push(cooldownSkipped(path, mod.dir, young, `fix for ${ids.join(', ')} held back: `));
        else if (rejected.length) note(rejected[0]!.reason, input.describeRejections(rejected, mod.goMod.go));
        else note('no-fixed-version', `no version at or above ${fixable.map((f) => f.fixed).join(', ')} is published`);
        continue;
      }
      for (const v of fixable) record(v, 'update');
      fixes.push({
        dir: mod.dir,
        module: path,
        from: selected,
        to: target,
        ids: fixable.map((f) => f.advisory.id),
        indirect: !direct,
      });
    }
  }
  return { vulnerabilities, fixes, fixedByUpdates, skipped };
}
