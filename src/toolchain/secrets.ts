/**
 * Keeps the app's secrets (private key, webhook secret, installation tokens) away from go
 * child processes and out of the error texts made from their output.
 */
import { SecretInEnvironmentError } from './errors.js';

/** Shorter values cannot be told apart from ordinary text (a PATH entry, a flag). */
export const MIN_SECRET_LENGTH = 8;

/**
 * Every form in which a secret could show up: as given, URL-encoded (inside a GOPROXY URL),
 * and for multi-line secrets such as a PEM key each substantial line on its own, so that
 * a partial copy is caught too.
 */
function needles(secrets: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const raw of secrets) {
    const secret = raw?.trim();
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    out.add(secret);
    out.add(encodeURIComponent(secret));
    if (secret.includes('\n')) {
      for (const line of secret.split(/\r?\n/)) {
        const l = line.trim();
        if (l.length >= 16 && !l.startsWith('-----')) out.add(l);
      }
    }
  }
  return [...out];
}

/**
 * Throws `SecretInEnvironmentError` naming the first variable whose name or value contains a
 * secret. Undefined and short secrets are ignored, so `[process.env.X, ...]` can be passed as is.
 */
export function assertNoSecrets(
  env: Readonly<Record<string, string | undefined>>,
  secrets: readonly (string | undefined)[],
): void {
  const list = needles(secrets);
  if (list.length === 0) return;
  for (const [name, value] of Object.entries(env)) {
    const entry = `${name}=${value ?? ''}`;
    if (list.some((s) => entry.includes(s))) throw new SecretInEnvironmentError(name);
  }
}

/** Replaces every secret (and credentials embedded in URLs) with `***` before text leaves the runner. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@:]+:[^/\s@]+@/gi, '$1***@');
  for (const s of needles(secrets).sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return out;
}
