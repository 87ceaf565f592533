/**
 * A throw-away HOME for one go child (the toolchain probe, `go env` for the settings). Go's
 * telemetry would otherwise write counter files there, and a child go it leaves running goes on
 * writing after `go` exits — so the mode file `go telemetry off` writes is put there first.
 * Apply's own HOME (go-env.ts) is turned off the same way.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes what `go telemetry off` writes, so no go run under `home` collects or uploads. */
export async function telemetryOff(home: string, now = new Date()): Promise<void> {
  const dir = join(home, '.config', 'go', 'telemetry');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'mode'), `off ${now.toISOString().slice(0, 10)}`);
}

/** A fresh scratch HOME under the temp dir, telemetry off. */
export async function makeScratch(prefix: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), prefix));
  await telemetryOff(home);
  return home;
}

/**
 * Removes a scratch HOME. Retried briefly: an older go left running may still be writing there
 * (ENOTEMPTY); after that the dir is left to the temp cleaner — it holds no secret, and the answer
 * go gave must not be lost to its cleanup.
 */
export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
}
