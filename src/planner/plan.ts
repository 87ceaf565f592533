/**
 * Plans one run over a repository, API-only: discover modules, load their build lists, ask Go's
 * upgrade rules for candidates, let policy choose, align targets across modules, then predict
 * what Minimal Version Selection carries along.
 */
import type { StewardConfig } from '../config/schema.js';
import { compareModuleVersions } from '../gomod/version.js';
import { upgradeCandidates, type PathBasis } from '../gomod/upgrade.js';
import type { ModuleSource, ModuleVersion } from '../gomod/types.js';
import { alignWorkspace, type WorkspaceChoice } from './align-workspace.js';
import { chooseTarget, type Rejection, type ToolchainLimit } from './choose-target.js';
import { discoverModules, type DiscoveredModule } from '../workspace/discover.js';
import { mainModuleFor } from '../workspace/main-modules.js';
import { compareStrings, isLocalReplacement } from '../workspace/paths.js';
import { baselineBuildLists, predictCarried } from './predict.js';
import { describeSourceFailure } from './source-errors.js';
import { ModuleGraphError } from '../gomod/mvs/errors.js';
import type { RepoTree } from '../workspace/tree.js';
import type { Plan, PlanUpdate, Skipped, Warning } from './plan-schema.js';
import { updateStep } from '../gomod/update-kind.js';
import type { VulnDbSnapshot } from '../gomod/vulndb/index.js';
import { planSecurity, type SecurityOutcome } from './security.js';
import { cooldownSkipped, describeCooldown, withoutReachedHolds } from './cooldown.js';
import { planReplacePins, withMovedPins } from './replace-pins.js';
import { chooseMajor, groupMajors, type MajorChosen } from './majors.js';
import type { MajorProbe } from '../gomod/major-path.js';

export interface PlanInput {
  tree: RepoTree;
  /** How the plan names the repository root ("." for the CLI's dir). */
  root: string;
  config: StewardConfig;
  source: ModuleSource;
  /** The vulnerability database: absent, the plan has no `vulnerabilities` and no security bumps. */
  vulnDb?: { snapshot: VulnDbSnapshot; advisoryUrl(id: string): string };
  /** Only the bumps that fix advisories, each at the lowest fixing version (the security PR). */
  securityOnly?: boolean;
  /** For withdrawn advisories and the release-age cooldown (default: now). */
  now?: Date;
  /** What apply's toolchain can build (toolchain/toolchain-limit.ts); unset: go-directive alone limits. */
  toolchain?: ToolchainLimit;
  /**
   * Predict `go mod tidy` (apply runs it after go get) from every module's Go files; default:
   * where the tree is a local checkout (reading all sources through an API costs a request each).
   */
  tidy?: boolean;
}

interface Wanted {
  dir: string;
  path: string;
  from: string;
  /** The selected version in the module's build list: Go never proposes below it. */
  floor: string;
}

interface Chosen extends Wanted {
  to: string;
  /** Set when a workspace member held this choice below what the module itself could take. */
  alignedWith?: string;
  /** Advisories this bump fixes. */
  security?: string[];
  /** A security bump of a module the dir requires only indirectly. */
  indirect?: boolean;
}

/**
 * Requirements this run may move: direct ones (or all with strategy: all). A requirement
 * replaced by a directory is the repository's own code, not a dependency; one replaced by
 * another module is pinned by that replace, so bumping it would change nothing.
 */
function requirementsToConsider(
  mod: DiscoveredModule,
  config: StewardConfig,
  selected: Map<string, string>,
  skipped: Skipped[],
): Wanted[] {
  const replacements = new Map(mod.goMod.replace.map((r) => [r.old.path, r]));
  const out: Wanted[] = [];
  for (const r of mod.goMod.require) {
    if (config.strategy !== 'all' && r.indirect) continue;
    const rep = replacements.get(r.path);
    if (rep) {
      if (!isLocalReplacement(rep.new.path)) {
        skipped.push({
          module: r.path,
          dir: mod.dir,
          reason: 'replaced',
          detail: `replaced by ${rep.new.path}${rep.new.version ? `@${rep.new.version}` : ''}`,
        });
      }
      continue;
    }
    const sel = selected.get(r.path) ?? r.version;
    const floor = compareModuleVersions(r.path, sel, r.version) > 0 ? sel : r.version;
    out.push({ dir: mod.dir, path: r.path, from: r.version, floor });
  }
  return out;
}

export function describeRejections(rejected: Rejection[], ownGo: string | null): string {
  const first = rejected[0];
  if (!first) return 'no newer version allowed';
  switch (first.reason) {
    case 'needs-newer-go':
      return `${first.version} needs go ${first.needs}${first.via ? ` (through ${first.via})` : ''}; ${
        first.toolchain
          ? first.toolchain.why
          : `the module declares go ${ownGo ?? '1.16 (none written)'} and go-directive is keep`
      }`;
    case 'update-type':
      return `${first.version} is a ${first.kind} update; update-types does not allow it`;
    case 'ignored':
      return `${first.version} is ignored by the configuration`;
    case 'cooldown':
      return describeCooldown(first);
  }
}

function groupUpdates(
  chosen: Chosen[],
  dirOrder: (dir: string) => number,
): { updates: PlanUpdate[]; warnings: Warning[] } {
  const byModule = new Map<string, Chosen[]>();
  for (const c of chosen) byModule.set(c.path, [...(byModule.get(c.path) ?? []), c]);
  const updates: PlanUpdate[] = [];
  const warnings: Warning[] = [];
  for (const [module, list] of [...byModule].sort(([a], [b]) => compareStrings(a, b))) {
    const targets = [...new Set(list.map((c) => c.to))].sort((a, b) => compareModuleVersions(module, b, a));
    if (targets.length > 1) {
      warnings.push({
        module,
        message: `${module} is not aligned: ${targets
          .map(
            (t) =>
              `${t} in ${list
                .filter((c) => c.to === t)
                .map((c) => c.dir)
                .sort((a, b) => dirOrder(a) - dirOrder(b))
                .join(', ')}`,
          )
          .join('; ')} (policy or go directive holds some modules back)`,
      });
    }
    for (const to of targets) {
      const dirs = list
        .filter((c) => c.to === to)
        .sort((a, b) => dirOrder(a.dir) - dirOrder(b.dir))
        .map((c) => ({ dir: c.dir, from: c.from }));
      const step = updateStep(
        dirs.map((d) => d.from),
        to,
      );
      const mine = list.filter((c) => c.to === to);
      const ids = [...new Set(mine.flatMap((c) => c.security ?? []))].sort(compareStrings);
      const indirect = mine.every((c) => c.indirect);
      updates.push({
        module,
        to,
        ...step,
        dirs,
        ...(ids.length ? { security: ids } : {}),
        ...(indirect ? { indirect } : {}),
      });
    }
  }
  return { updates, warnings };
}

function warningOrder(w: Warning, order: (dir: string) => number): number {
  return w.dir === undefined ? Number.MAX_SAFE_INTEGER : order(w.dir);
}

export async function createPlan(input: PlanInput): Promise<Plan> {
  const { tree, config, source } = input;
  const skipped: Skipped[] = [];
  const warnings: Warning[] = [];

  // 1. Modules of the repository; broken files are reported and left out.
  const discovery = await discoverModules(tree);
  for (const p of discovery.problems) {
    skipped.push({ module: '*', dir: p.dir, reason: 'invalid-input', detail: p.error.message });
  }
  const byDir = new Map(discovery.modules.map((m) => [m.dir, m]));

  // 2. Today's build lists: the floor for upgrades and the baseline for what MVS carries.
  const baseline = await baselineBuildLists(discovery.modules, tree, source);
  for (const [dir, err] of baseline.failures) {
    const f = describeSourceFailure(err);
    skipped.push({ module: err instanceof ModuleGraphError ? err.path : '*', dir, reason: f.reason, detail: f.detail });
  }
  for (const [dir, d] of baseline.degraded) {
    for (const u of d.unreadable)
      skipped.push({ module: u.path, dir, reason: u.failure.reason, detail: u.failure.detail });
  }
  const planned = discovery.modules.filter((m) => baseline.lists.has(m.dir));

  // 3. Go's upgrade candidates, asked once per module path and floor.
  const candidateCache = new Map<string, ReturnType<typeof upgradeCandidates>>();
  const shared = new Map<string, Promise<PathBasis>>();
  const candidatesFor = (w: Wanted, excluded: Set<string>) => {
    const key = `${w.path}@${w.floor}#${[...excluded].sort().join(',')}`;
    let p = candidateCache.get(key);
    if (!p) {
      p = upgradeCandidates(w.path, w.floor, { source, excluded, shared });
      candidateCache.set(key, p);
    }
    return p;
  };

  // 4. Policy chooses, per module and requirement (a security-only plan moves nothing but fixes).
  const now = input.now ?? new Date();
  const cooldown = { config: config.cooldown, now };
  const chosen: Chosen[] = [];
  const majors: MajorChosen[] = [];
  const majorProbes = new Map<string, Promise<MajorProbe[]>>();
  const workspace: WorkspaceChoice[] = [];
  const heldBack = new Map<string, string>();
  await Promise.all(
    planned.map(async (mod) => {
      const selected = new Map((baseline.lists.get(mod.dir) ?? []).map((m: ModuleVersion) => [m.path, m.version]));
      const excludedByPath = new Map<string, Set<string>>();
      for (const e of mod.goMod.exclude)
        excludedByPath.set(e.path, (excludedByPath.get(e.path) ?? new Set()).add(e.version));
      const main = mainModuleFor(mod, byDir, tree);
      const degraded = baseline.degraded.get(mod.dir);
      const unreadable = new Set(degraded?.unreadable.map((u) => u.path));
      for (const w of input.securityOnly ? [] : requirementsToConsider(mod, config, selected, skipped)) {
        // Already skipped with the reason its go.mod could not be read.
        if (unreadable.has(w.path)) continue;
        // A later major lives at another path: looked for beside the same-path upgrade.
        const major = await chooseMajor({
          main,
          wanted: { dir: w.dir, path: w.path, from: w.from },
          config,
          source: degraded?.source ?? source,
          baseline: baseline.lists.get(mod.dir) ?? [],
          probes: majorProbes,
          cooldown,
          ...(input.toolchain ? { toolchain: input.toolchain } : {}),
        });
        if (major.kind === 'chosen') majors.push(major.chosen);
        if (major.kind === 'chosen' || major.kind === 'held') skipped.push(...major.skipped);
        if (major.kind === 'unknown') warnings.push(major.warning);
        try {
          const { candidates } = await candidatesFor(w, excludedByPath.get(w.path) ?? new Set());
          if (candidates.length === 0) continue;
          const baselineList = baseline.lists.get(mod.dir) ?? [];
          const choice = await chooseTarget({
            main,
            path: w.path,
            from: w.from,
            candidates,
            config,
            source: degraded?.source ?? source,
            baseline: baselineList,
            ...(input.toolchain ? { toolchain: input.toolchain } : {}),
            cooldown,
          });
          if (mod.inWorkspace) workspace.push({ ...w, to: choice.version });
          // A release too young to take is the news, whether an older one moves instead or none.
          const young = choice.rejected.find((r) => r.reason === 'cooldown');
          if (young) skipped.push(cooldownSkipped(w.path, w.dir, young));
          if (choice.version) {
            if (!mod.inWorkspace) chosen.push({ ...w, to: choice.version });
            const held = choice.rejected.find((r) => r.reason === 'needs-newer-go');
            if (held) heldBack.set(`${w.dir}\0${w.path}`, describeRejections([held], mod.goMod.go));
          } else if (!young) {
            const reason = choice.rejected[0]?.reason ?? 'update-type';
            skipped.push({
              module: w.path,
              dir: w.dir,
              reason,
              detail: describeRejections(choice.rejected, mod.goMod.go),
            });
          }
        } catch (err) {
          const f = describeSourceFailure(err);
          skipped.push({ module: w.path, dir: w.dir, reason: f.reason, detail: f.detail });
        }
      }
    }),
  );

  // 4b. Version pins of replace directives, when update-types lists replace.
  const pins = input.securityOnly
    ? { updates: [], skipped: [] }
    : await planReplacePins({
        modules: planned,
        byDir,
        tree,
        baseline,
        config,
        source,
        cooldown,
        describeRejections,
        ...(input.toolchain ? { toolchain: input.toolchain } : {}),
      });
  skipped.push(...pins.skipped);
  // A moved pin changes the code a module builds even where its build list stays the same.
  const pinDirs = new Set(pins.updates.flatMap((u) => u.dirs.map((d) => d.dir)));
  const predicted = withMovedPins(planned, pins.updates);

  // 5. One target per dependency wherever policy lets every module take it; in a workspace,
  //    no member may be pushed past what the most constrained member takes.
  const aligned = alignWorkspace(workspace);
  chosen.push(...aligned.kept);
  skipped.push(...aligned.held);
  for (const c of chosen) {
    const why = heldBack.get(`${c.dir}\0${c.path}`);
    const with_ = c.alignedWith ? `kept in line with ${c.alignedWith} in the workspace` : undefined;
    if (why || with_)
      warnings.push({
        dir: c.dir,
        module: c.path,
        message: `held at ${c.to}: ${[with_, why].filter(Boolean).join('; ')}`,
      });
  }
  // Sorts below ask for it tens of thousands of times (one per carried entry and comparison).
  const dirIndex = new Map<string, number>();
  discovery.modules.forEach((m, i) => dirIndex.has(m.dir) || dirIndex.set(m.dir, i));
  const order = (d: string) => dirIndex.get(d) ?? -1;

  // 6. What MVS carries, and which module dirs it reaches. A target that another target requires
  //    at a higher version is raised to it: `go get` refuses to select less than a bump requires.
  const bumpsOf = () => {
    const byDir = new Map<string, Map<string, string>>();
    for (const c of chosen) byDir.set(c.dir, (byDir.get(c.dir) ?? new Map()).set(c.path, c.to));
    for (const m of majors) byDir.set(m.dir, (byDir.get(m.dir) ?? new Map()).set(m.newPath, m.to));
    return byDir;
  };
  let bumpsByDir = bumpsOf();
  const predictOpts = { tidy: input.tidy ?? tree.local === true };
  let prediction =
    chosen.length === 0 && pins.updates.length === 0 && input.vulnDb
      ? {
          carried: [],
          raised: new Map<string, Map<string, string>>(),
          changed: new Set<string>(),
          warnings: [],
          lists: baseline.lists,
        }
      : await predictCarried(predicted, baseline, bumpsByDir, tree, source, discovery.goWork, predictOpts);

  // 7. Known vulnerabilities: what the updates fix, and explicit bumps for what they do not.
  let security: SecurityOutcome | undefined;
  if (input.vulnDb) {
    security = await planSecurity({
      modules: planned,
      tree,
      baseline,
      after: prediction.lists,
      bumpsByDir,
      db: input.vulnDb.snapshot,
      config,
      source,
      now,
      advisoryUrl: input.vulnDb.advisoryUrl,
      describeRejections,
    });
    skipped.push(...security.skipped);
    for (const c of chosen) {
      const ids = security.fixedByUpdates.get(`${c.dir}\0${c.path}`);
      if (ids) c.security = ids;
    }
    for (const f of security.fixes) {
      const same = chosen.find((c) => c.dir === f.dir && c.path === f.module);
      if (same) {
        if (compareModuleVersions(f.module, f.to, same.to) > 0) same.to = f.to;
        same.security = [...(same.security ?? []), ...f.ids];
      } else {
        chosen.push({
          dir: f.dir,
          path: f.module,
          from: f.from,
          floor: f.from,
          to: f.to,
          security: f.ids,
          ...(f.indirect ? { indirect: true } : {}),
        });
      }
    }
    if (security.fixes.length) {
      bumpsByDir = bumpsOf();
      prediction = await predictCarried(predicted, baseline, bumpsByDir, tree, source, discovery.goWork, predictOpts);
    }
  }
  warnings.push(...prediction.warnings);
  for (const c of chosen) {
    const to = prediction.raised.get(c.dir)?.get(c.path);
    if (to === undefined) continue;
    warnings.push({ dir: c.dir, module: c.path, message: `raised to ${to}: another update requires it` });
    c.to = to;
  }
  const grouped = groupUpdates(chosen, order);
  warnings.push(...grouped.warnings);
  // After the same-path updates: a reader looking for a module's update finds that one first.
  grouped.updates.push(...groupMajors(majors, order));
  grouped.updates.push(...pins.updates);

  return {
    version: 1,
    root: input.root,
    modules: discovery.modules.map((m) => ({ dir: m.dir, path: m.goMod.module?.path ?? '', go: m.goMod.go })),
    updates: grouped.updates,
    carried: prediction.carried.sort((a, b) => order(a.dir) - order(b.dir) || compareStrings(a.module, b.module)),
    affected: [...new Set([...prediction.changed, ...pinDirs])].sort((a, b) => order(a) - order(b)),
    skipped: withoutReachedHolds(skipped, grouped.updates).sort(
      (a, b) => order(a.dir) - order(b.dir) || compareStrings(a.module, b.module),
    ),
    // Work ran concurrently; the report must not depend on which request finished first.
    warnings: warnings
      .map((w, i) => ({ w, i }))
      .sort(
        (a, b) =>
          warningOrder(a.w, order) - warningOrder(b.w, order) ||
          compareStrings(a.w.module ?? '', b.w.module ?? '') ||
          a.i - b.i,
      )
      .map(({ w }) => w),
    ...(security
      ? {
          vulnerabilities: security.vulnerabilities.sort(
            (a, b) => order(a.dir) - order(b.dir) || compareStrings(a.module, b.module) || compareStrings(a.id, b.id),
          ),
        }
      : {}),
  };
}
