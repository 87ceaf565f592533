/**
 * Majors that live at a new module path (`/v2 → /v3`, `gopkg.in/x.v2 → x.v3`, a `+incompatible`
 * tag line → its real `/vN` module). Go's upgrade query never crosses to another path, so the
 * planner probes the proxy for the paths of the next majors, one after another until the first
 * that does not exist, and proposes the newest whose version passes the same policy as any
 * other update (ignore rules, the go-directive guard). Only with `major` in update-types.
 */
import { describeCooldown, type CooldownPolicy } from './cooldown.js';
import type { StewardConfig } from '../config/schema.js';
import { StewardError } from '../errors.js';
import { isIgnored } from '../config/ignore.js';
import {
  firstMajorToProbe,
  mayMissFirst,
  MAX_MAJOR_PROBES,
  pathForMajor,
  type MajorProbe,
} from '../gomod/major-path.js';
import type { MainModule, ModuleSource, ModuleVersion } from '../gomod/types.js';
import { upgradeCandidates } from '../gomod/upgrade.js';
import { compareModuleVersions } from '../gomod/version.js';
import { compareStrings } from '../workspace/paths.js';
import { chooseTarget, type Rejection, type ToolchainLimit } from './choose-target.js';
import type { PlanUpdate, Skipped, Warning } from './plan-schema.js';

/** A proxy answer other than "no such module": the walk cannot tell whether the major exists. */
export class MajorProbeError extends StewardError {
  readonly code = 'major-probe';
  constructor(
    readonly modulePath: string,
    cause: unknown,
  ) {
    super(`cannot tell whether ${modulePath} exists: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * Whether a failure means the proxies have no such module: 404/410 from every proxy, also when a
 * `direct` entry would come next (it is never followed, and the proxies already said no).
 */
function saysNotFound(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'ModuleNotFoundError') return true;
  return err.name === 'NeedsVcsError' && Boolean((err as Error & { detail?: string }).detail);
}

/** The client's `latest` falls back on `@v/list` only after `@latest` itself said "not found". */
function isListFallbackFailure(err: unknown): boolean {
  const url = (err as { url?: unknown } | null)?.url;
  return (
    err instanceof Error && err.name === 'ProxyResponseError' && typeof url === 'string' && url.endsWith('/@v/list')
  );
}

/**
 * `@v/list`, then `@latest`: a module that exists answers one of them with a version. A 404/410
 * says it does not exist. A list that fails otherwise (some proxies answer 403 for a module they
 * do not have) leaves the word to `@latest`: its 404/410 is a "no", anything else is unknown.
 */
async function exists(path: string, source: ModuleSource): Promise<boolean> {
  let listFailure: unknown;
  try {
    if ((await source.list(path)).length > 0) return true;
  } catch (err) {
    if (!saysNotFound(err)) listFailure = err;
  }
  try {
    return (await source.latest(path)) !== null;
  } catch (err) {
    if (saysNotFound(err)) return false;
    if (listFailure !== undefined && isListFallbackFailure(err)) return false;
    throw new MajorProbeError(path, listFailure ?? err);
  }
}

/** The later majors of a requirement that exist on the proxy, oldest first. */
export async function probeMajors(path: string, version: string, source: ModuleSource): Promise<MajorProbe[]> {
  const first = firstMajorToProbe(path, version);
  if (first === null) return [];
  const found: MajorProbe[] = [];
  for (let n = first; n < first + MAX_MAJOR_PROBES; n++) {
    const candidate = pathForMajor(path, n);
    if (candidate === null) break;
    if (await exists(candidate, source)) found.push({ major: n, path: candidate });
    else if (!(n === first && mayMissFirst(version))) break;
  }
  return found;
}

export interface MajorWanted {
  dir: string;
  path: string;
  from: string;
}

export interface MajorChosen extends MajorWanted {
  newPath: string;
  to: string;
}

export interface MajorInput {
  main: MainModule;
  wanted: MajorWanted;
  config: StewardConfig;
  source: ModuleSource;
  baseline: ModuleVersion[];
  toolchain?: ToolchainLimit;
  /** A new major waits out its release-age window like any other update. */
  cooldown?: CooldownPolicy;
  /** Probes shared by every module dir that requires the same path at the same major. */
  probes: Map<string, Promise<MajorProbe[]>>;
}

export type MajorOutcome =
  | { kind: 'none' }
  | { kind: 'chosen'; chosen: MajorChosen; skipped: Skipped[] }
  | { kind: 'held'; skipped: Skipped[] }
  | { kind: 'unknown'; warning: Warning };

function describeHeld(old: string, first: Rejection): string {
  switch (first.reason) {
    case 'needs-newer-go':
      return `the new major of ${old}: ${first.version} needs go ${first.needs}${first.via ? ` (through ${first.via})` : ''}${
        first.toolchain ? `; ${first.toolchain.why}` : '; go-directive is keep'
      }`;
    case 'ignored':
      return `the new major of ${old}: ${first.version} is ignored by the configuration`;
    case 'update-type':
      return `the new major of ${old}: ${first.version} is not allowed by update-types`;
    case 'cooldown':
      return `the new major of ${old}: ${describeCooldown(first)}`;
  }
}

/**
 * The newest later major whose version policy allows, walking down to older majors when the
 * newest cannot be taken; `held` lists the majors passed over (as skipped entries of their new
 * path), `unknown` a probe the proxy did not answer (the requirement keeps its other updates).
 */
export async function chooseMajor(input: MajorInput): Promise<MajorOutcome> {
  const { wanted, config, source } = input;
  if (!config.updateTypes.includes('major')) return { kind: 'none' };
  const key = `${wanted.path}\0${firstMajorToProbe(wanted.path, wanted.from)}`;
  let probe = input.probes.get(key);
  if (!probe) {
    probe = probeMajors(wanted.path, wanted.from, source);
    input.probes.set(key, probe);
  }
  let majors: MajorProbe[];
  try {
    majors = await probe;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      kind: 'unknown',
      warning: { dir: wanted.dir, module: wanted.path, message: `new majors not looked for: ${message}` },
    };
  }
  const skipped: Skipped[] = [];
  // Every move to a new path is a major, whatever the numbers say (v4.x+incompatible → /v4 v4.y).
  const policy: StewardConfig = { ...config, updateTypes: ['major', 'minor', 'patch'] };
  for (const m of [...majors].reverse()) {
    let candidates: string[];
    try {
      candidates = (await upgradeCandidates(m.path, '', { source })).candidates;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        kind: 'unknown',
        warning: { dir: wanted.dir, module: wanted.path, message: `new major ${m.path} not read: ${message}` },
      };
    }
    const allowed = candidates.filter(
      (v) => !isIgnored(config.ignore, wanted.path, 'major', v) && !isIgnored(config.ignore, m.path, 'major', v),
    );
    if (allowed.length === 0) {
      if (candidates[0])
        skipped.push({
          module: m.path,
          dir: wanted.dir,
          reason: 'ignored',
          detail: describeHeld(wanted.path, { reason: 'ignored', version: candidates[0], kind: 'major' }),
        });
      continue;
    }
    let choice: Awaited<ReturnType<typeof chooseTarget>>;
    try {
      choice = await chooseTarget({
        main: input.main,
        path: m.path,
        from: wanted.from,
        candidates: allowed,
        config: policy,
        source,
        baseline: input.baseline,
        ...(input.toolchain ? { toolchain: input.toolchain } : {}),
        ...(input.cooldown ? { cooldown: input.cooldown } : {}),
      });
    } catch (err) {
      // The guard could not read what the new major brings: that dependency's move waits.
      const message = err instanceof Error ? err.message : String(err);
      return {
        kind: 'unknown',
        warning: { dir: wanted.dir, module: wanted.path, message: `new major ${m.path} not checked: ${message}` },
      };
    }
    if (choice.version) return { kind: 'chosen', chosen: { ...wanted, newPath: m.path, to: choice.version }, skipped };
    const first = choice.rejected[0];
    if (first)
      skipped.push({ module: m.path, dir: wanted.dir, reason: first.reason, detail: describeHeld(wanted.path, first) });
  }
  return skipped.length ? { kind: 'held', skipped } : { kind: 'none' };
}

/** One plan update per old path, new path and target, its dirs in the plan's module order. */
export function groupMajors(chosen: readonly MajorChosen[], dirOrder: (dir: string) => number): PlanUpdate[] {
  const groups = new Map<string, MajorChosen[]>();
  for (const c of chosen) {
    const key = `${c.path}\0${c.newPath}\0${c.to}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        compareStrings(a[0]!.path, b[0]!.path) ||
        compareStrings(a[0]!.newPath, b[0]!.newPath) ||
        compareModuleVersions(a[0]!.newPath, b[0]!.to, a[0]!.to),
    )
    .map((list) => ({
      module: list[0]!.path,
      newPath: list[0]!.newPath,
      to: list[0]!.to,
      kind: 'major' as const,
      dirs: [...list].sort((a, b) => dirOrder(a.dir) - dirOrder(b.dir)).map((c) => ({ dir: c.dir, from: c.from })),
    }));
}
