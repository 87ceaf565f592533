/**
 * Case-encoding of module paths and versions for proxy URLs and cache file names. Proxies and
 * module caches may sit on case-insensitive storage, so Go writes each upper-case letter as `!`
 * plus its lower-case form, and refuses anything it could not round-trip. The rules below are
 * those of golang.org/x/mod/module (CheckPath, EscapePath, EscapeVersion).
 */
import { InvalidModulePathError, InvalidModuleVersionError } from './errors.js';
import { splitPathMajor } from './version-syntax.js';

type Kind = 'module' | 'file';

const windowsReserved = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);

function modPathChar(c: string): boolean {
  return /^[A-Za-z0-9._~-]$/.test(c);
}

function fileNameChar(c: string): boolean {
  if (c.codePointAt(0)! < 0x80) return /^[A-Za-z0-9!#$%&()+,\-.=@[\]^_{}~ ]$/.test(c);
  return /^\p{L}$/u.test(c);
}

/** A rune as Go's %q prints it, for messages identical to the go command's. */
function quoteRune(c: string): string {
  if (c === "'" || c === '\\') return `'\\${c}'`;
  const cp = c.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

/** Why one path element is invalid, or null. */
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
  if (windowsReserved.has(short.toUpperCase())) {
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

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Why `path` is not a valid module path (Go's module.CheckPath), or null when it is. */
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
  if (!splitPathMajor(path).ok) return 'invalid version';
  return null;
}

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

export function escapeModulePath(path: string): string {
  const problem = modulePathProblem(path);
  if (problem) throw new InvalidModulePathError(path, problem);
  return bangEncode(path);
}

/**
 * Versions need not be semver (a branch name reaches `.info`), but must be valid file names
 * without `!`; non-ASCII letters pass the check yet cannot be bang-encoded, so Go refuses them too.
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

/** Inverse of escapeModulePath; null when `escaped` is not the escaping of a valid path. */
export function unescapeModulePath(escaped: string): string | null {
  const path = bangDecode(escaped);
  if (path === null || modulePathProblem(path) !== null) return null;
  return path;
}

/** Inverse of escapeVersion; null when `escaped` is not the escaping of a valid version. */
export function unescapeVersion(escaped: string): string | null {
  const v = bangDecode(escaped);
  if (v === null || elemProblem(v, 'file') !== null) return null;
  return v;
}

/**
 * Percent-encoding of an (already bang-escaped) URL path, as Go's url.PathEscape with `/` kept:
 * unreserved characters and `$&+:=@` stay, everything else (including `!`) becomes %XX of its
 * UTF-8 bytes. Go sends `!` as `%21` on the wire, and so do we.
 */
export function urlPathEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/^[A-Za-z0-9\-_.~$&+:=@/]$/.test(c)) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
