/**
 * Which releases a bump from `from` to `to` brings in, and the tags and refs that name them.
 * Go's own rules, through the engine's version functions: a module in a subdirectory tags
 * `sub/dir/vX.Y.Z`; a `+incompatible` version is the plain `vX.Y.Z` tag; a pseudo-version names
 * a commit, so comparisons use its hash.
 */
import { isPseudoVersion, pseudoVersionBase, pseudoVersionRev } from '../gomod/pseudo-version.js';
import { build, canonical, compare, isPrerelease, isValid, sortVersions } from '../gomod/version.js';

/** The git tag of a (non-pseudo) module version: `sub/dir/` + the version without `+incompatible`. */
export function tagFor(version: string, tagPrefix: string): string {
  const b = build(version);
  return tagPrefix + (b ? version.slice(0, version.length - b.length) : version);
}

/** The module version a tag names, for tags under `tagPrefix`; null for other tags. */
export function versionFromTag(tag: string, tagPrefix: string): string | null {
  if (!tag.startsWith(tagPrefix)) return null;
  const v = tag.slice(tagPrefix.length);
  // Go ignores tags that are not canonical semver (`v1.2`, `v1.2.3+meta`).
  if (!isValid(v) || canonical(v) !== v || isPseudoVersion(v)) return null;
  return v;
}

/** The git ref for one end of a comparison: a tag, or the commit of a pseudo-version. */
export function refFor(version: string, tagPrefix: string): string {
  return isPseudoVersion(version) ? pseudoVersionRev(version) : tagFor(version, tagPrefix);
}

/** Whether prereleases belong in the list: only when the target is one (a pseudo-version counts as its base). */
function targetIsPrerelease(to: string): boolean {
  if (!isPseudoVersion(to)) return isPrerelease(to);
  try {
    const base = pseudoVersionBase(to);
    return base !== '' && isPrerelease(base);
  } catch {
    return false;
  }
}

const withoutBuild = (v: string) => {
  const b = build(v);
  return b ? v.slice(0, v.length - b.length) : v;
};

/**
 * Every release in (from, to], newest first. `available` are versions the proxy lists or tags
 * turned into versions (pseudo-versions and invalid strings are ignored); `to` is included when
 * it is a release even if nothing lists it. A `+incompatible` target marks v2+ versions so.
 */
export function releasesBetween(from: string, to: string, available: Iterable<string>): string[] {
  const pre = targetIsPrerelease(to);
  const incompatible = build(to) === '+incompatible';
  const seen = new Map<string, string>();
  const consider = (v: string) => {
    if (!isValid(v) || isPseudoVersion(v)) return;
    const plain = withoutBuild(v);
    if (canonical(plain) !== plain) return;
    if (!pre && isPrerelease(v)) return;
    if (compare(v, from) <= 0 || compare(v, to) > 0) return;
    const shown = incompatible && plain !== 'v0' && !/^v[01]\./.test(plain) ? `${plain}+incompatible` : v;
    if (!seen.has(plain)) seen.set(plain, shown);
  };
  for (const v of available) consider(v);
  if (!isPseudoVersion(to)) consider(to);
  return sortVersions([...seen.values()]).reverse();
}

/** The two refs to compare and whether either end is a commit rather than a tag. */
export function compareRefs(
  from: string,
  to: string,
  tagPrefix: string,
): { base: string; head: string; byCommit: boolean } {
  return {
    base: refFor(from, tagPrefix),
    head: refFor(to, tagPrefix),
    byCommit: isPseudoVersion(from) || isPseudoVersion(to),
  };
}
