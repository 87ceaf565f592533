/**
 * Binary search over a sorted range: the first index in [lo, hi) at which `below(i)` is false,
 * `hi` when there is none. `below` must hold for a prefix of the range and fail after it.
 */
export function lowerBound(lo: number, hi: number, below: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
