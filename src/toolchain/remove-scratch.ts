/**
 * Removes a scratch dir a go child ran in (its private HOME). Go's telemetry may still be writing
 * counter files under `$HOME/.config/go/telemetry` from a child go left running, so a removal can
 * race it (ENOTEMPTY): try again briefly, then leave the dir to the temp cleaner. A leftover dir
 * holds no secret, and the answer go gave must not be lost to its cleanup.
 */
import { rm } from 'node:fs/promises';

export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
}
