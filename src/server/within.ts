/**
 * Waiting with a deadline: shutdown must end in time whatever Redis or a job does, so every wait
 * on the way out is bounded, and what did not finish is dropped rather than waited for.
 */

/** Resolves true when `p` settled within `ms`, false when the time ran out first (a rejection counts as settled). */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds left until `deadline` (epoch ms), never negative. */
export function left(deadline: number): number {
  return Math.max(0, deadline - Date.now());
}
