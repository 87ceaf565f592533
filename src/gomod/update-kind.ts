/** How big a step from one version to another is, by the numbers Go's semver gives. */

/** The plan's `UpdateKind` (planner/plan-schema.ts) is this union. */
type Step = 'major' | 'minor' | 'patch';

const RANK: Record<Step, number> = { patch: 0, minor: 1, major: 2 };

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

export function largestKind(kinds: Step[]): Step {
  return kinds.reduce<Step>((a, b) => (RANK[b] > RANK[a] ? b : a), 'patch');
}
