/** How big a step from one version to another is, by the numbers Go's semver gives. */
import type { UpdateKind } from './plan-schema.js';

const RANK: Record<UpdateKind, number> = { patch: 0, minor: 1, major: 2 };

function numbers(v: string): [number, number, number] {
  const m = /^v(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
}

export function updateKind(from: string, to: string): UpdateKind {
  const [fa, fb] = numbers(from);
  const [ta, tb] = numbers(to);
  if (fa !== ta) return 'major';
  if (fb !== tb) return 'minor';
  return 'patch';
}

export function largestKind(kinds: UpdateKind[]): UpdateKind {
  return kinds.reduce<UpdateKind>((a, b) => (RANK[b] > RANK[a] ? b : a), 'patch');
}
