/**
 * `ignore[].versions` entries: an exact version (`v1.2.3`, `v1.2.3-rc.1`) or a prefix
 * wildcard (`v2.*`, `v2.3.*`). The leading `v` is optional so that Dependabot-style `1.2.3`
 * works too. Build metadata (`+incompatible`) is ignored when comparing, as semver precedence
 * ignores it, so `v2.0.0` also ignores `v2.0.0+incompatible`.
 */
const EXACT = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const PREFIX = /^v?(\d+)(?:\.(\d+))?\.\*$/;

/** Both forms as one regular expression, for the JSON Schema. */
export const VERSION_PATTERN_SOURCE = `(?:${EXACT.source})|(?:${PREFIX.source})`;

export const VERSION_PATTERN_EXPECTED = 'an exact version like v1.2.3 or a prefix like v2.* or v2.3.*';

export function isVersionPattern(pattern: string): boolean {
  return EXACT.test(pattern) || PREFIX.test(pattern);
}

export function matchesVersionPattern(pattern: string, version: string): boolean {
  const v = EXACT.exec(version);
  if (!v) return false;
  const [, major, minor, patch, pre = ''] = v;
  const exact = EXACT.exec(pattern);
  if (exact) {
    const [, pMajor, pMinor, pPatch, pPre = ''] = exact;
    return (
      Number(pMajor) === Number(major) &&
      Number(pMinor) === Number(minor) &&
      Number(pPatch) === Number(patch) &&
      pPre === pre
    );
  }
  const prefix = PREFIX.exec(pattern);
  if (!prefix) return false;
  const [, pMajor, pMinor] = prefix;
  if (Number(pMajor) !== Number(major)) return false;
  return pMinor === undefined || Number(pMinor) === Number(minor);
}
