/** How big a step from one version to another is, by the numbers Go's semver gives. */

/** The plan's `UpdateKind` (planner/plan-schema.ts) is this union. */
type Step = 'major' | 'minor' | 'patch';

const RANK: Record<Step, number> = { patch: 0, minor: 1, major: 2 };

/**
 * Major, minor and patch as Go's semver reads them: a pseudo-version counts as the release it
 * sorts next to (v0.0.0-2023…-abc is 0.0.0; v0.3.1-0.2023…-abc is 0.3.1).
 */
function numbers(v: string): [number, number, number] {
  const m = /^v(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
}

export function updateKind(from: string, to: string): Step {
  const [fa, fb] = numbers(from);
  const [ta, tb] = numbers(to);
  if (fa !== ta) return 'major';
  if (fb !== tb) return 'minor';
  return 'patch';
}

/**
 * A minor step that stays on major version 0 (v0.30.0 → v0.37.0): semver promises nothing
 * before v1, so such a step may break callers though its kind is `minor`. A v0 patch does not
 * count, nor does v0 → v1 (a major already). A pseudo-version counts by its numbers, so
 * v0.0.0-2023…-abc → v0.3.0 is a v0 minor and v0.0.0-2023…-abc → v0.0.1 a patch.
 */
export function mayBreakOnV0(from: string, to: string): boolean {
  const [fa] = numbers(from);
  const [ta] = numbers(to);
  return fa === 0 && ta === 0 && updateKind(from, to) === 'minor';
}

export function largestKind(kinds: Step[]): Step {
  return kinds.reduce<Step>((a, b) => (RANK[b] > RANK[a] ? b : a), 'patch');
}

/**
 * The kind of one update that moves every listed `from` to `to`, the largest step among them,
 * and `mayBreak: true` when the update is a minor and some module dir makes a v0 minor step.
 * The field is left out otherwise, so plans and PR metadata without v0 minors keep their shape.
 */
export function updateStep(froms: readonly string[], to: string): { kind: Step; mayBreak?: true } {
  const kind = largestKind(froms.map((from) => updateKind(from, to)));
  return kind === 'minor' && froms.some((from) => mayBreakOnV0(from, to)) ? { kind, mayBreak: true } : { kind };
}
