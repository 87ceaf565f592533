/**
 * Walks Go's own upgrade candidates for one requirement of one module, best first, and keeps the
 * first that policy allows: update types, ignore rules, the release-age cooldown (cooldown.ts),
 * and the go-directive guard (a version is passed over when adopting it would make `go get` raise
 * the module's `go` line, or raise it past what the toolchain apply runs can build).
 */
import type { StewardConfig } from '../config/schema.js';
import { isIgnored } from '../config/ignore.js';
import { compareGoVersions } from '../gomod/go-version.js';
import { fetchGoMod, GoLineBound, simulateGet } from '../gomod/mvs/index.js';
import type { MainModule, ModuleSource, ModuleVersion } from '../gomod/types.js';
import type { UpdateKind } from './plan-schema.js';
import { updateKind } from '../gomod/update-kind.js';
import { cooldownHold, type CooldownPolicy, type CooldownRejection } from './cooldown.js';

/** Go's default for a go.mod without a go line. */
const DEFAULT_GO = '1.16';
/** Candidates walked before giving up: the newest few are what matters, and each may cost a fetch. */
const MAX_WALK = 40;

export type Rejection =
  | { reason: 'update-type'; version: string; kind: UpdateKind }
  | { reason: 'ignored'; version: string; kind: UpdateKind }
  | { reason: 'needs-newer-go'; version: string; needs: string; via?: string; toolchain?: ToolchainLimit }
  | CooldownRejection;

/**
 * The newest go line the toolchain apply runs can build: the worker's own `go` under
 * GOTOOLCHAIN=local, or the newest toolchain the module proxy serves when downloads are allowed.
 * `why` says which, for the plan's reasons.
 */
export interface ToolchainLimit {
  go: string;
  why: string;
}

export interface Choice {
  version: string | null;
  /** Why better candidates were passed over, best first. */
  rejected: Rejection[];
}

export interface ChooseInput {
  main: MainModule;
  path: string;
  from: string;
  /** Go's candidates, best first (from upgradeCandidates). */
  candidates: string[];
  config: StewardConfig;
  source: ModuleSource;
  /** The module's build list today: what adopting a candidate changes is measured against it. */
  baseline: ModuleVersion[];
  /** Unset: the toolchain is not known (library use), only go-directive limits the go line. */
  toolchain?: ToolchainLimit;
  /** Unset: no release waits (and security fixes never do unless `cooldown.security`). */
  cooldown?: CooldownPolicy;
  /**
   * For a candidate that is not a requirement but a replace pin: the main module as it would be
   * with that version pinned, for the go-directive guard to load instead of simulating `go get`.
   */
  pinned?: (version: string) => MainModule;
}

/**
 * The go line a candidate may lead to: the module's own under go-directive keep, never more than
 * the toolchain builds. Null: nothing to check.
 */
function goLimit(ownGo: string, input: ChooseInput): { go: string; toolchain?: ToolchainLimit } | null {
  const t = input.toolchain;
  if (input.config.goDirective === 'keep') {
    return t && compareGoVersions(t.go, ownGo) < 0 ? { go: t.go, toolchain: t } : { go: ownGo };
  }
  return t ? { go: t.go, toolchain: t } : null;
}

/**
 * One bound per module and source, shared by all its requirements: it reads the module's roots
 * once, and each candidate then costs only the go.mod files the bump itself can add.
 */
const bounds = new WeakMap<MainModule, WeakMap<ModuleSource, Promise<GoLineBound | null>>>();

function boundFor(main: MainModule, source: ModuleSource, baseline: ModuleVersion[]): Promise<GoLineBound | null> {
  let bySource = bounds.get(main);
  if (!bySource) {
    bySource = new WeakMap();
    bounds.set(main, bySource);
  }
  let p = bySource.get(source);
  if (!p) {
    // A root that cannot be read leaves the proof out; the simulation reports the failure.
    p = GoLineBound.create(main, source, baseline).catch(() => null);
    bySource.set(source, p);
  }
  return p;
}

async function declaredGo(source: ModuleSource, path: string, version: string): Promise<string | null> {
  return (await fetchGoMod(source, path, version)).go;
}

/**
 * The highest go line among the modules a candidate brings into the build list or moves. The
 * graph's own maximum only covers go.mod files Go loads at `go get` time; `go mod tidy` later
 * loads those of every module that provides a package, so each changed module counts.
 */
async function highestGoBroughtIn(
  source: ModuleSource,
  before: ReadonlyMap<string, string>,
  after: ModuleVersion[],
  mainPath: string | undefined,
): Promise<{ go: string; via: string } | null> {
  const moved = after.filter((m) => m.version !== '' && m.path !== mainPath && before.get(m.path) !== m.version);
  const gos = await Promise.all(
    moved.map(async (m) => ({ go: await declaredGo(source, m.path, m.version), via: `${m.path}@${m.version}` })),
  );
  let best: { go: string; via: string } | null = null;
  for (const g of gos) if (g.go && (!best || compareGoVersions(g.go, best.go) > 0)) best = { go: g.go, via: g.via };
  return best;
}

export async function chooseTarget(input: ChooseInput): Promise<Choice> {
  const { main, path, from, config, source } = input;
  const rejected: Rejection[] = [];
  const ownGo = main.goMod.go ?? DEFAULT_GO;
  // Only a simulated candidate needs the baseline by path: most are proven without one.
  let before: Map<string, string> | undefined;
  const limit = goLimit(ownGo, input);
  for (const version of input.candidates.slice(0, MAX_WALK)) {
    const kind = updateKind(from, version);
    if (!config.updateTypes.includes(kind)) {
      rejected.push({ reason: 'update-type', version, kind });
      continue;
    }
    if (isIgnored(config.ignore, path, kind, version)) {
      rejected.push({ reason: 'ignored', version, kind });
      continue;
    }
    const young = await cooldownHold(input.cooldown, source, path, version, kind);
    if (young) {
      rejected.push(young);
      continue;
    }
    if (limit) {
      const why = limit.toolchain ? { toolchain: limit.toolchain } : {};
      // The candidate's own go line is the cheap, common reason; the simulated graph catches
      // what it would bring along.
      const direct = await declaredGo(source, path, version);
      if (direct && compareGoVersions(direct, limit.go) > 0) {
        rejected.push({ reason: 'needs-newer-go', version, needs: direct, ...why });
        continue;
      }
      // Most candidates pass: prove it from what the bump adds before simulating the whole graph.
      const bound = input.pinned ? null : await boundFor(main, source, input.baseline);
      if (bound && (await bound.allows(path, version, limit.go))) return { version, rejected };
      const sim = input.pinned
        ? await simulateGet(input.pinned(version), new Map(), source)
        : await simulateGet(main, new Map([[path, version]]), source);
      if (sim.maxGo && compareGoVersions(sim.maxGo, limit.go) > 0) {
        rejected.push({
          reason: 'needs-newer-go',
          version,
          needs: sim.maxGo,
          ...(sim.maxGoFrom ? { via: sim.maxGoFrom } : {}),
          ...why,
        });
        continue;
      }
      before ??= new Map(input.baseline.map((m) => [m.path, m.version]));
      const brought = await highestGoBroughtIn(source, before, sim.list, main.goMod.module?.path);
      if (brought && compareGoVersions(brought.go, limit.go) > 0) {
        rejected.push({ reason: 'needs-newer-go', version, needs: brought.go, via: brought.via, ...why });
        continue;
      }
    }
    return { version, rejected };
  }
  return { version: null, rejected };
}
