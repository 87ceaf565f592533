/**
 * Polls `${url}/readyz` until it answers 200. A process's workers can take their first job
 * before its HTTP port is listening, so a test must not assume one implies the other.
 */
export async function untilReady(
  url: string,
  o: { timeoutMs?: number; gaveUp?: () => string | undefined } = {},
): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = o.gaveUp?.();
    if (why) throw new Error(why);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`${url} was not ready in ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
