/**
 * Go language and release versions as the go command orders them: `1.21` (the language) sorts
 * below its release candidates, which sort below `1.21.0`; before Go 1.21 a bare `1.N` meant
 * `1.N.0`. Toolchain names (`go1.21.0`, `go1.22rc1-custom`) carry one of these versions.
 */

interface GoVersion {
  major: string;
  /** "" when absent. */
  minor: string;
  /** "" when absent: the language version itself, below every release of it. */
  patch: string;
  /** "" (a release) < "alpha" < "beta" < "rc". */
  kind: string;
  pre: string;
}

const EMPTY: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };

function cutInt(x: string): [string, string] | null {
  let i = 0;
  while (i < x.length && x[i]! >= '0' && x[i]! <= '9') i++;
  if (i === 0 || (x[0] === '0' && i !== 1)) return null;
  return [x.slice(0, i), x.slice(i)];
}

function cmpInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/**
 * Parsed versions by string: a plan compares the same few dozen go lines hundreds of thousands of
 * times (the go-directive guard's walks). Callers only read the result. Bounded for long-lived
 * workers.
 */
const parsedCache = new Map<string, GoVersion>();
const MAX_PARSED = 10_000;

function parse(x: string): GoVersion {
  let v = parsedCache.get(x);
  if (v === undefined) {
    v = parseUncached(x);
    if (parsedCache.size >= MAX_PARSED) parsedCache.clear();
    parsedCache.set(x, v);
  }
  return v;
}

function parseUncached(x: string): GoVersion {
  const v: GoVersion = { ...EMPTY };
  let cut = cutInt(x);
  if (!cut) return EMPTY;
  [v.major, x] = cut;
  if (x === '') return { ...v, minor: '0', patch: '0' };
  if (x[0] !== '.') return EMPTY;
  cut = cutInt(x.slice(1));
  if (!cut) return EMPTY;
  [v.minor, x] = cut;
  if (x === '') {
    // Before 1.21 the language version named the first release too.
    if (cmpInt(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (x[0] === '.') {
    cut = cutInt(x.slice(1));
    if (!cut || cut[1] !== '') return EMPTY;
    v.patch = cut[0];
    return v;
  }
  let i = 0;
  while (i < x.length && (x[i]! < '0' || x[i]! > '9')) {
    if (x[i]! < 'a' || x[i]! > 'z') return EMPTY;
    i++;
  }
  if (i === 0) return EMPTY;
  v.kind = x.slice(0, i);
  x = x.slice(i);
  if (x === '') return v;
  cut = cutInt(x);
  if (!cut || cut[1] !== '') return EMPTY;
  v.pre = cut[0];
  return v;
}

const isEmpty = (v: GoVersion): boolean =>
  v.major === '' && v.minor === '' && v.patch === '' && v.kind === '' && v.pre === '';

/** -1, 0, +1 by Go's release order; invalid versions compare equal to each other and below all valid ones. */
export function compareGoVersions(x: string, y: string): number {
  const a = parse(x);
  const b = parse(y);
  return (
    cmpInt(a.major, b.major) ||
    cmpInt(a.minor, b.minor) ||
    cmpInt(a.patch, b.patch) ||
    (a.kind === b.kind ? 0 : a.kind < b.kind ? -1 : 1) ||
    cmpInt(a.pre, b.pre)
  );
}

export function maxGoVersion(x: string, y: string): string {
  return compareGoVersions(x, y) < 0 ? y : x;
}

export function isValidGoVersion(x: string): boolean {
  return !isEmpty(parse(x));
}

/** A language version such as `1.21` (no patch, no pre-release). */
export function isGoLanguageVersion(x: string): boolean {
  const v = parse(x);
  return !isEmpty(v) && v.patch === '' && v.kind === '' && v.pre === '';
}

/** `1.21rc1`, `1.22beta2`. */
export function isGoPrerelease(x: string): boolean {
  return parse(x).kind !== '';
}

/** The language version of a release: `1.21` for `1.21.3` and `1.21rc2`; `1` for `1.0`. */
export function goLanguage(x: string): string {
  const v = parse(x);
  if (v.minor === '' || (v.major === '1' && v.minor === '0')) return v.major;
  return `${v.major}.${v.minor}`;
}

/**
 * The Go version a toolchain name carries (`go1.21.0` → `1.21.0`, `go1.22rc1-custom` →
 * `1.22rc1`); "" for anything that is not such a name.
 */
export function toolchainVersion(name: string): string {
  if (/[\\/]/.test(name) || !name.startsWith('go')) return '';
  let v = name.slice(2);
  const end = v.search(/[ \t-]/);
  if (end >= 0) v = v.slice(0, end);
  return isValidGoVersion(v) ? v : '';
}

/** The default Go version of a go.mod file without a `go` line. */
export const DEFAULT_GO_MOD_VERSION = '1.16';
/** From this version on, a module's go.mod lists every module it needs (graph pruning). */
export const PRUNING_GO_VERSION = '1.17';
/** From this version on, a `go` line is a requirement: the go command refuses older toolchains. */
export const GO_STRICT_VERSION = '1.21';
