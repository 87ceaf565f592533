/**
 * Module paths and the versions they may carry, as golang.org/x/mod/module has them, in one
 * place: CheckPath (with x/mod's messages), the major suffix of a path (`/vN`, or gopkg.in's
 * `.vN`), and the case-encoding of paths and versions for proxy URLs and cache file names.
 * The oracle tests hold every function here to x/mod.
 */
import { InputError, StewardError } from '../errors.js';
import { build, canonical, isValid, major } from './version.js';

/** A module path that Go refuses (module.CheckPath); x/mod's InvalidPathError. */
export class InvalidModulePathError extends InputError {
  override readonly code = 'invalid-module-path';
  constructor(
    readonly modulePath: string,
    readonly reason: string,
  ) {
    super(`malformed module path ${JSON.stringify(modulePath)}: ${reason}`);
  }
}

/** A version string that cannot be escaped into a proxy URL, or is not canonical where Go requires it. */
export class InvalidModuleVersionError extends InputError {
  override readonly code = 'invalid-module-version';
  constructor(
    readonly modulePath: string,
    readonly version: string,
    readonly reason: string,
  ) {
    super(`${modulePath}@${version}: invalid version: ${reason}`);
  }
}

/** Why a version does not belong to a path's major version. */
export class PathMajorMismatchError extends StewardError {
  readonly code = 'path-major-mismatch';
  constructor(
    readonly version: string,
    readonly expected: string,
  ) {
    super(`version ${JSON.stringify(version)} invalid: should be ${expected}, not ${major(version)}`);
  }
}

// ---- major-version suffixes -------------------------------------------------------------------

export interface PathVersionSplit {
  /** The path without its major suffix. */
  prefix: string;
  /** `/v2`, `.v1`, `.v1-unstable`, or "". */
  pathMajor: string;
  /** False when the path's final element looks like a malformed major suffix (`/v1`, `/v0`, `/v2.0`). */
  ok: boolean;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

// gopkg.in counts `.v0`/`.v1` as suffixes and allows `-unstable`; a path without one is malformed.
function splitGopkgIn(path: string): PathVersionSplit {
  const bad = { prefix: path, pathMajor: '', ok: false };
  let i = path.length;
  if (path.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && isDigit(path[i - 1])) i--;
  if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return bad;
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) return bad;
  return { prefix, pathMajor, ok: true };
}

/**
 * module.SplitPathVersion. A path without a major suffix holds v0/v1, or v2+ marked
 * `+incompatible` (from before modules).
 */
export function splitPathVersion(path: string): PathVersionSplit {
  if (path.startsWith('gopkg.in/')) return splitGopkgIn(path);
  let i = path.length;
  let dot = false;
  while (i > 0 && (isDigit(path[i - 1]) || path[i - 1] === '.')) {
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

/** module.CheckPathMajor: null when `version` may be used with a path whose major suffix is `pathMajor`, else the reason. */
export function checkPathMajor(version: string, pathMajor: string): PathMajorMismatchError | null {
  let pm = pathMajor;
  if (pm.startsWith('.v') && pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  // gopkg.in/x.v1 may be required at a pseudo-version from before any tag.
  if (version.startsWith('v0.0.0-') && pm === '.v1') return null;
  const m = major(version);
  if (pm === '') {
    if (m === 'v0' || m === 'v1' || build(version) === '+incompatible') return null;
    return new PathMajorMismatchError(version, 'v0 or v1');
  }
  if (pm[0] === '/' || pm[0] === '.') {
    if (m === pm.slice(1)) return null;
    return new PathMajorMismatchError(version, pm.slice(1));
  }
  return new PathMajorMismatchError(version, pm);
}

/** module.MatchPathMajor. */
export function matchPathMajor(version: string, pathMajor: string): boolean {
  return checkPathMajor(version, pathMajor) === null;
}

// ---- versions of modules ----------------------------------------------------------------------

/** module.CanonicalVersion: canonical semver, keeping `+incompatible` (the one build suffix that carries meaning in Go). */
export function canonicalModuleVersion(v: string): string {
  const c = canonical(v);
  return build(v) === '+incompatible' ? `${c}+incompatible` : c;
}

/** Canonical in Go's sense: full vX.Y.Z form, no build metadata other than `+incompatible`. */
export function isCanonicalVersion(v: string): boolean {
  return isValid(v) && canonicalModuleVersion(v) === v;
}

export function isIncompatible(v: string): boolean {
  return build(v) === '+incompatible';
}

// ---- CheckPath --------------------------------------------------------------------------------

type Kind = 'module' | 'file';

const BAD_WINDOWS_NAMES = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'COM1',
  'COM2',
  'COM3',
  'COM4',
  'COM5',
  'COM6',
  'COM7',
  'COM8',
  'COM9',
  'LPT1',
  'LPT2',
  'LPT3',
  'LPT4',
  'LPT5',
  'LPT6',
  'LPT7',
  'LPT8',
  'LPT9',
]);

const modPathChar = (c: string): boolean => /^[A-Za-z0-9._~-]$/.test(c);

function fileNameChar(c: string): boolean {
  if (c.codePointAt(0)! < 0x80) return /^[A-Za-z0-9!#$%&()+,\-.=@[\]^_{}~ ]$/.test(c);
  return /^\p{L}$/u.test(c);
}

const GO_NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

/**
 * A rune as Go's %q (strconv.QuoteRune) prints it, so messages match the go command's, and so
 * that an invisible or bidirectional-override character shows as an escape, never raw.
 */
function quoteRune(c: string): string {
  if (c === "'" || c === '\\') return `'\\${c}'`;
  if (c === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c)) return `'${c}'`;
  const cp = c.codePointAt(0)!;
  const named = GO_NAMED_ESCAPES[cp];
  if (named) return `'${named}'`;
  if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  if (cp < 0x10000) return `'\\u${cp.toString(16).padStart(4, '0')}'`;
  return `'\\U${cp.toString(16).padStart(8, '0')}'`;
}

/** Why one path element is invalid (x/mod's checkElem), or null. */
function elemProblem(elem: string, kind: Kind): string | null {
  if (elem === '') return 'empty path element';
  if (/^\.+$/.test(elem)) return `invalid path element ${JSON.stringify(elem)}`;
  if (elem[0] === '.' && kind === 'module') return 'leading dot in path element';
  if (elem.endsWith('.')) return 'trailing dot in path element';
  for (const c of elem) {
    if (!(kind === 'module' ? modPathChar(c) : fileNameChar(c))) return `invalid char ${quoteRune(c)}`;
  }
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  if (BAD_WINDOWS_NAMES.has(short.toUpperCase())) {
    return `${JSON.stringify(short)} disallowed as path element component on Windows`;
  }
  if (kind === 'file') return null;
  // Windows 8.3 short names (`PROGRA~1`) would alias other directories.
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    return 'trailing tilde and digits in path element';
  }
  return null;
}

// A JavaScript string is UTF-16; a lone surrogate is what invalid UTF-8 becomes.
function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Why `path` is not a valid module path (module.CheckPath, with its messages), or null when it is. */
export function modulePathProblem(path: string): string | null {
  if (hasLoneSurrogate(path)) return 'invalid UTF-8';
  if (path === '') return 'empty string';
  if (path[0] === '-') return 'leading dash';
  if (path.includes('//')) return 'double slash';
  if (path.endsWith('/')) return 'trailing slash';
  for (const elem of path.split('/')) {
    const p = elemProblem(elem, 'module');
    if (p) return p;
  }
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  if (!first.includes('.')) return 'missing dot in first path element';
  for (const c of first) {
    if (!/^[a-z0-9.-]$/.test(c)) return `invalid char ${quoteRune(c)} in first path element`;
  }
  if (!splitPathVersion(path).ok) return 'invalid version';
  return null;
}

export function isValidModulePath(path: string): boolean {
  return modulePathProblem(path) === null;
}

// ---- escaping for proxies and caches ----------------------------------------------------------
// Proxies and module caches may sit on case-insensitive storage, so Go writes each upper-case
// letter as `!` plus its lower-case form, and refuses anything it could not round-trip.

function bangEncode(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

function bangDecode(s: string): string | null {
  let out = '';
  let bang = false;
  for (const c of s) {
    if (c.codePointAt(0)! >= 0x80) return null;
    if (bang) {
      bang = false;
      if (!/^[a-z]$/.test(c)) return null;
      out += c.toUpperCase();
      continue;
    }
    if (c === '!') {
      bang = true;
      continue;
    }
    if (/^[A-Z]$/.test(c)) return null;
    out += c;
  }
  return bang ? null : out;
}

/** Valid paths already escaped: every proxy request and disk-cache name escapes its path again. */
const escaped = new Map<string, string>();
const MAX_ESCAPED = 20_000;

/** module.EscapePath; throws InvalidModulePathError. */
export function escapeModulePath(path: string): string {
  const known = escaped.get(path);
  if (known !== undefined) return known;
  const problem = modulePathProblem(path);
  if (problem) throw new InvalidModulePathError(path, problem);
  const out = bangEncode(path);
  if (escaped.size >= MAX_ESCAPED) escaped.clear();
  escaped.set(path, out);
  return out;
}

/**
 * module.EscapeVersion. Versions need not be semver (a branch name reaches `.info`), but must be
 * valid file names without `!`; non-ASCII letters pass the check yet cannot be bang-encoded, so
 * Go refuses them too.
 */
export function escapeVersion(modulePath: string, version: string): string {
  const bad =
    hasLoneSurrogate(version) ||
    elemProblem(version, 'file') !== null ||
    version.includes('!') ||
    /[^\x00-\x7f]/.test(version);
  if (bad) {
    throw new InvalidModuleVersionError(modulePath, version, 'disallowed version string');
  }
  return bangEncode(version);
}

/** module.UnescapePath; null when `escaped` is not the escaping of a valid path. */
export function unescapeModulePath(escaped: string): string | null {
  const path = bangDecode(escaped);
  if (path === null || modulePathProblem(path) !== null) return null;
  return path;
}

/** module.UnescapeVersion; null when `escaped` is not the escaping of a valid version. */
export function unescapeVersion(escaped: string): string | null {
  const v = bangDecode(escaped);
  if (v === null || elemProblem(v, 'file') !== null) return null;
  return v;
}
