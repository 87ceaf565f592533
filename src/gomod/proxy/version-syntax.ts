/**
 * The version predicates the proxy protocol needs, under the names the client uses. They are
 * the engine's own (version.ts, pseudo-version.ts, module-path.ts): one implementation of Go's
 * rules, held to golang.org/x/mod by the oracle tests.
 */
import { checkPathMajor, canonicalModuleVersion, splitPathVersion } from '../module-path.js';
import { isPseudoVersion as isPseudo } from '../pseudo-version.js';
import { isValid, major } from '../version.js';

export function isValidSemver(v: string): boolean {
  return isValid(v);
}

/** `v2` for `v2.3.4`; '' for an invalid version. */
export function semverMajor(v: string): string {
  return major(v);
}

/** Canonical in Go's sense: full vX.Y.Z form, no build metadata other than `+incompatible`. */
export function isCanonicalVersion(v: string): boolean {
  return isValid(v) && canonicalModuleVersion(v) === v;
}

export function isPseudoVersion(v: string): boolean {
  return isPseudo(v);
}

/** The `/vN` (or gopkg.in `.vN`) suffix of a module path; `ok` false where Go's CheckPath refuses it. */
export function splitPathMajor(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  return splitPathVersion(path);
}

/** Go's module.MatchPathMajor: may version v live at a path with this major suffix? */
export function matchesPathMajor(v: string, pathMajor: string): boolean {
  return checkPathMajor(v, pathMajor) === null;
}
