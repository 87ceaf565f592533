/**
 * Module paths and the major version they carry: `/vN` at the end of a path (N ≥ 2), or
 * `.vN` for gopkg.in (where `.v0`/`.v1` count and a `-unstable` suffix is allowed). A path
 * without a major suffix holds v0/v1 — or v2+ marked `+incompatible`, from before modules.
 */
import { StewardError } from '../errors.js';
import { build, canonical, major } from './version.js';

export interface PathVersionSplit {
  /** The path without its major suffix. */
  prefix: string;
  /** `/v2`, `.v1`, `.v1-unstable`, or "". */
  pathMajor: string;
  /** False when the path's final element looks like a malformed major suffix (`/v1`, `/v0`, `/v2.0`). */
  ok: boolean;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

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

/** Null when `version` may be used with a path whose major suffix is `pathMajor`, else the reason. */
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

export function matchPathMajor(version: string, pathMajor: string): boolean {
  return checkPathMajor(version, pathMajor) === null;
}

/** Canonical semver, keeping `+incompatible` (the one build suffix that carries meaning in Go). */
export function canonicalModuleVersion(v: string): string {
  const c = canonical(v);
  return build(v) === '+incompatible' ? `${c}+incompatible` : c;
}

export function isIncompatible(v: string): boolean {
  return build(v) === '+incompatible';
}

const BAD_WINDOWS_NAMES = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);

const modPathChar = (c: string): boolean => /^[-._~0-9A-Za-z]$/.test(c);
const firstElemChar = (c: string): boolean => /^[-.0-9a-z]$/.test(c);

function elementProblem(elem: string): string | null {
  if (elem === '') return 'empty path element';
  if (/^\.+$/.test(elem)) return `invalid path element ${JSON.stringify(elem)}`;
  if (elem.startsWith('.')) return 'leading dot in path element';
  if (elem.endsWith('.')) return 'trailing dot in path element';
  for (const c of elem) if (!modPathChar(c)) return `invalid char ${JSON.stringify(c)}`;
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  if (BAD_WINDOWS_NAMES.has(short.toUpperCase())) return `${JSON.stringify(short)} disallowed as path element component on Windows`;
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    return 'trailing tilde and digits in path element';
  }
  return null;
}

/** Why `path` is not a valid module path (golang.org/x/mod/module.CheckPath), or null. */
export function modulePathProblem(path: string): string | null {
  if (path === '') return 'empty string';
  if (path.startsWith('-')) return 'leading dash';
  if (path.includes('//')) return 'double slash';
  if (path.endsWith('/')) return 'trailing slash';
  for (const elem of path.split('/')) {
    const p = elementProblem(elem);
    if (p) return p;
  }
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  if (!first.includes('.')) return 'missing dot in first path element';
  for (const c of first) if (!firstElemChar(c)) return `invalid char ${JSON.stringify(c)} in first path element`;
  if (!splitPathVersion(path).ok) return 'invalid version';
  return null;
}

export function isValidModulePath(path: string): boolean {
  return modulePathProblem(path) === null;
}
