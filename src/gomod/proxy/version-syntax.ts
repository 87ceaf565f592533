/**
 * The few version predicates the proxy protocol needs (Go's semver.IsValid, CanonicalVersion,
 * IsPseudoVersion, CheckPathMajor). Kept here so the client has no dependency on the engine's
 * version module; ordering and comparison live there, not here.
 */

interface Parsed {
  major: string;
  /** True when minor or patch was omitted (`v1`, `v1.2`): valid, but never canonical. */
  short: boolean;
  build: string;
}

function isNum(s: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(s);
}

function isIdentList(s: string, numericNoLeadingZero: boolean): boolean {
  if (s === '') return false;
  return s.split('.').every((id) => {
    if (!/^[0-9A-Za-z-]+$/.test(id)) return false;
    if (numericNoLeadingZero && /^[0-9]+$/.test(id) && id.length > 1 && id[0] === '0') return false;
    return true;
  });
}

function parse(v: string): Parsed | null {
  const m = /^v([0-9]+)(?:\.([0-9]+)(?:\.([0-9]+))?)?(?:-([^+]*))?(?:\+(.*))?$/.exec(v);
  if (!m) return null;
  const [, major = '', minor, patch, pre, build] = m;
  if (!isNum(major) || (minor !== undefined && !isNum(minor)) || (patch !== undefined && !isNum(patch))) {
    return null;
  }
  const short = patch === undefined;
  // Go accepts `v1` and `v1.2` only bare: a shorthand may not carry a prerelease or build.
  if (short && (pre !== undefined || build !== undefined)) return null;
  if (pre !== undefined && !isIdentList(pre, true)) return null;
  if (build !== undefined && !isIdentList(build, false)) return null;
  return { major, short, build: build === undefined ? '' : `+${build}` };
}

export function isValidSemver(v: string): boolean {
  return parse(v) !== null;
}

/** `v2` for `v2.3.4`; '' for an invalid version. */
export function semverMajor(v: string): string {
  const p = parse(v);
  return p ? `v${p.major}` : '';
}

/** Canonical in Go's sense: full vX.Y.Z form, no build metadata other than `+incompatible`. */
export function isCanonicalVersion(v: string): boolean {
  const p = parse(v);
  return p !== null && !p.short && (p.build === '' || p.build === '+incompatible');
}

const pseudoRe = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function isPseudoVersion(v: string): boolean {
  return v.split('-').length - 1 >= 2 && isValidSemver(v) && pseudoRe.test(v);
}

/**
 * The `/vN` (or gopkg.in `.vN`) suffix of a module path; '' when there is none. `ok` is false
 * for suffixes CheckPath rejects (`/v1`, `/v0`, `/v2.1`, a gopkg.in path without `.vN`).
 */
export function splitPathMajor(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  if (path.startsWith('gopkg.in/')) return splitGopkgIn(path);
  let i = path.length;
  let dot = false;
  while (i > 0 && /[0-9.]/.test(path[i - 1] ?? '')) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') {
    return { prefix: path, pathMajor: '', ok: true };
  }
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

function splitGopkgIn(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  let i = path.length;
  if (path.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && /[0-9]/.test(path[i - 1] ?? '')) i--;
  if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return { prefix: path, pathMajor: '', ok: false };
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

/** Go's module.MatchPathMajor: may version v live at a path with this major suffix? */
export function matchesPathMajor(v: string, pathMajor: string): boolean {
  let pm = pathMajor;
  if (pm.startsWith('.v') && pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  // gopkg.in .v1 paths historically received v0.0.0- pseudo-versions; Go still accepts them.
  if (v.startsWith('v0.0.0-') && pm === '.v1') return true;
  const m = semverMajor(v);
  if (pm === '') return m === 'v0' || m === 'v1' || parse(v)?.build === '+incompatible';
  return m === pm.slice(1);
}
