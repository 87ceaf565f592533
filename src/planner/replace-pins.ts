/**
 * Version pins of replace directives (`replace a => a v1.2.0`, `replace a => fork v1.2.0`): when
 * the replacement module has a newer version, the pin is proposed to move there, as an update of
 * kind `replace` — only when `update-types` lists `replace`. The target obeys the rules every
 * update does (update types by the size of the step, ignores, cooldown, and the go-directive guard
 * over the graph as it would be with the new pin). Replacements by a directory are the
 * repository's own code and never move.
 */
import type { StewardConfig } from '../config/schema.js';
import { upgradeCandidates } from '../gomod/upgrade.js';
import type { MainModule, ModuleSource, Replace } from '../gomod/types.js';
import type { DiscoveredModule } from '../workspace/discover.js';
import { mainModuleFor } from '../workspace/main-modules.js';
import { isLocalReplacement } from '../workspace/paths.js';
import type { RepoTree } from '../workspace/tree.js';
import { chooseTarget, type Rejection, type ToolchainLimit } from './choose-target.js';
import { cooldownSkipped, type CooldownPolicy } from './cooldown.js';
import type { PlanUpdate, Skipped } from './plan-schema.js';
import type { Baseline } from './predict.js';
import { describeSourceFailure } from './source-errors.js';

export interface ReplacePinsInput {
  modules: DiscoveredModule[];
  byDir: ReadonlyMap<string, DiscoveredModule>;
  tree: RepoTree;
  baseline: Baseline;
  config: StewardConfig;
  source: ModuleSource;
  cooldown: CooldownPolicy;
  toolchain?: ToolchainLimit;
  describeRejections(rejected: Rejection[], ownGo: string | null): string;
}

export interface ReplacePins {
  /** One per replacement, target and left side, listing the module dirs that move it. */
  updates: PlanUpdate[];
  skipped: Skipped[];
}

/** The main module as it would read with this replace directive pinned at `version`. */
function withPin(main: MainModule, pin: Replace, version: string): MainModule {
  const replace = main.goMod.replace.map((r) => (r === pin ? { ...r, new: { ...r.new, version } } : r));
  return { ...main, goMod: { ...main.goMod, replace } };
}

export async function planReplacePins(input: ReplacePinsInput): Promise<ReplacePins> {
  const { config, source } = input;
  const updates: PlanUpdate[] = [];
  const skipped: Skipped[] = [];
  if (!config.updateTypes.includes('replace')) return { updates, skipped };
  for (const mod of input.modules) {
    const list = input.baseline.lists.get(mod.dir);
    if (!list) continue;
    const main = mainModuleFor(mod, input.byDir, input.tree);
    const modSource = input.baseline.degraded.get(mod.dir)?.source ?? source;
    for (const pin of mod.goMod.replace) {
      const from = pin.new.version;
      if (from === undefined || isLocalReplacement(pin.new.path)) continue;
      const path = pin.new.path;
      try {
        const { candidates } = await upgradeCandidates(path, from, { source: modSource });
        if (candidates.length === 0) continue;
        const choice = await chooseTarget({
          main,
          path,
          from,
          candidates,
          config,
          source: modSource,
          baseline: list,
          cooldown: input.cooldown,
          pinned: (version) => withPin(main, pin, version),
          ...(input.toolchain ? { toolchain: input.toolchain } : {}),
        });
        const young = choice.rejected.find((r) => r.reason === 'cooldown');
        if (young) skipped.push(cooldownSkipped(path, mod.dir, young));
        if (choice.version) {
          add(updates, {
            module: path,
            to: choice.version,
            kind: 'replace',
            dirs: [{ dir: mod.dir, from }],
            replaces: { path: pin.old.path, ...(pin.old.version ? { version: pin.old.version } : {}) },
          });
        } else if (!young && choice.rejected.length) {
          skipped.push({
            module: path,
            dir: mod.dir,
            reason: choice.rejected[0]!.reason,
            detail: `replace pin of ${pin.old.path}: ${input.describeRejections(choice.rejected, mod.goMod.go)}`,
          });
        }
      } catch (err) {
        const f = describeSourceFailure(err);
        skipped.push({ module: path, dir: mod.dir, reason: f.reason, detail: f.detail });
      }
    }
  }
  return { updates, skipped };
}

/** Joins an update to one with the same replacement, target and left side (another module dir). */
function add(updates: PlanUpdate[], u: PlanUpdate): void {
  const key = (x: PlanUpdate) => `${x.module}@${x.to}<${x.replaces?.path}@${x.replaces?.version ?? ''}`;
  const same = updates.find((x) => key(x) === key(u));
  if (same) same.dirs.push(...u.dirs);
  else updates.push(u);
}

/**
 * The modules as they read once the pins move: what the prediction of carried starts from, so
 * that what a new replacement requires is carried like what a bump requires.
 */
export function withMovedPins(modules: DiscoveredModule[], updates: readonly PlanUpdate[]): DiscoveredModule[] {
  if (updates.length === 0) return modules;
  return modules.map((mod) => {
    const mine = updates.filter((u) => u.replaces && u.dirs.some((d) => d.dir === mod.dir));
    if (mine.length === 0) return mod;
    const replace = mod.goMod.replace.map((r) => {
      const u = mine.find(
        (x) => x.replaces!.path === r.old.path && x.replaces!.version === r.old.version && x.module === r.new.path,
      );
      return u ? { ...r, new: { ...r.new, version: u.to } } : r;
    });
    return { ...mod, goMod: { ...mod.goMod, replace } };
  });
}
