/**
 * What a plan leaves undone and why, sorted for the dashboard: updates held back by policy (the
 * go-directive guard, ignores, update types, cooldown, the workspace), and requirements that
 * could not be planned at all (problems). Pure: reads a plan, nothing else.
 */
import { compareGoVersions, goLanguage, maxGoVersion } from '../gomod/go-version.js';
import type { Plan } from '../planner/plan-schema.js';
import { compareStrings } from '../workspace/paths.js';

export type HeldReason = 'go-directive' | 'ignored' | 'update-type' | 'cooldown' | 'workspace';

export interface HeldUpdate {
  module: string;
  dir: string;
  reason: HeldReason;
  /** What the planner said, for people. */
  detail: string;
  /** go-directive: the go version the held version needs. */
  needsGo?: string;
  /** The module still moves, to a lower version than the newest (a partial hold). */
  partial?: boolean;
  /** cooldown: the version held and when it becomes eligible (ISO 8601). */
  version?: string;
  eligible?: string;
}

export interface Problem {
  module: string;
  dir: string;
  reason: string;
  detail: string;
}

/** "Raising `go` to `go` would unlock `updates` updates" in the module dirs that declare less. */
export interface GoLineUnlock {
  go: string;
  updates: number;
  dirs: string[];
}

export interface HeldBackView {
  held: HeldUpdate[];
  goLines: GoLineUnlock[];
  problems: Problem[];
}

const HELD_REASONS: Readonly<Record<string, HeldReason>> = {
  'needs-newer-go': 'go-directive',
  ignored: 'ignored',
  'update-type': 'update-type',
  cooldown: 'cooldown',
  workspace: 'workspace',
};

// The planner words a go-directive rejection as "<version> needs go <x>[ (through …)]; …"
// (planner/plan.ts describeRejections); the plan JSON carries it as text only.
const NEEDS_GO = /\bneeds go (\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)/;

export function heldBack(plan: Plan): HeldBackView {
  const held: HeldUpdate[] = [];
  const problems: Problem[] = [];
  for (const s of plan.skipped) {
    const reason = HELD_REASONS[s.reason];
    const detail = s.detail ?? s.reason;
    if (!reason) {
      problems.push({ module: s.module, dir: s.dir, reason: s.reason, detail });
      continue;
    }
    const needsGo = reason === 'go-directive' ? NEEDS_GO.exec(detail)?.[1] : undefined;
    held.push({
      module: s.module,
      dir: s.dir,
      reason,
      detail,
      ...(needsGo ? { needsGo } : {}),
      ...(reason === 'cooldown' ? cooldownFields(plan, s) : {}),
    });
  }
  for (const w of plan.warnings) {
    // "held at vX: …; vY needs go 1.N …": the module moves, but not as far as it could.
    if (!w.module || !w.dir || !w.message.startsWith('held at ')) continue;
    const needsGo = NEEDS_GO.exec(w.message)?.[1];
    if (!needsGo) continue;
    held.push({ module: w.module, dir: w.dir, reason: 'go-directive', detail: w.message, needsGo, partial: true });
  }
  held.sort(
    (a, b) => compareStrings(a.reason, b.reason) || compareStrings(a.module, b.module) || compareStrings(a.dir, b.dir),
  );
  return { held, goLines: goLineUnlocks(plan, held), problems };
}

/** A cooldown hold names its version and date; the module may still move to an older version. */
function cooldownFields(plan: Plan, s: Plan['skipped'][number]): Partial<HeldUpdate> {
  const moves = plan.updates.some((u) => u.module === s.module && u.dirs.some((d) => d.dir === s.dir));
  return {
    ...(s.version ? { version: s.version } : {}),
    ...(s.eligible ? { eligible: s.eligible } : {}),
    ...(moves ? { partial: true } : {}),
  };
}

/**
 * One entry per go version some held update needs, counting every held update a raise to that
 * version frees (the ones needing it or less), in the dirs that declare less than it. A first
 * estimate from the guard's words: the dashboard report plans each candidate and replaces these
 * (go-line-unlocks.ts).
 */
function goLineUnlocks(plan: Plan, held: readonly HeldUpdate[]): GoLineUnlock[] {
  const needing = held.filter((h): h is HeldUpdate & { needsGo: string } => h.needsGo !== undefined);
  // One entry per language version (1.24 and 1.24.0 are one step for a person), at the highest needed.
  const byLanguage = new Map<string, string>();
  for (const h of needing) {
    const lang = goLanguage(h.needsGo);
    byLanguage.set(lang, maxGoVersion(byLanguage.get(lang) ?? h.needsGo, h.needsGo));
  }
  const versions = [...byLanguage.values()].sort(compareGoVersions);
  return versions.map((go) => {
    const freed = needing.filter((h) => compareGoVersions(h.needsGo, go) <= 0);
    const dirs = plan.modules
      .filter((m) => compareGoVersions(m.go ?? '1.16', go) < 0)
      .filter((m) => freed.some((h) => h.dir === m.dir))
      .map((m) => m.dir);
    return { go, updates: freed.length, dirs };
  });
}
