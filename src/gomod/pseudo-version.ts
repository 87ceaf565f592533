/**
 * Pseudo-versions: the versions Go gives an untagged commit. Three forms, by what precedes the
 * commit:
 *   vX.0.0-yyyymmddhhmmss-abcdefabcdef        no earlier tag for that major version
 *   vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef  the latest tag was the pre-release vX.Y.Z-pre
 *   vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef  the latest tag was the release vX.Y.Z
 * Any of them may end in `+incompatible`.
 */
import { StewardError } from '../errors.js';
import { build, canonical, isValid, major, prerelease } from './version.js';

const PSEUDO_RE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export class InvalidPseudoVersionError extends StewardError {
  readonly code = 'invalid-pseudo-version';
  constructor(
    readonly version: string,
    reason: string,
  ) {
    super(`invalid pseudo-version ${JSON.stringify(version)}: ${reason}`);
  }
}

export function isPseudoVersion(v: string): boolean {
  return (v.match(/-/g)?.length ?? 0) >= 2 && isValid(v) && PSEUDO_RE.test(v);
}

interface PseudoParts {
  /** `vX.0.0`, `vX.Y.Z-pre.0` or `vX.Y.(Z+1)-0`. */
  base: string;
  timestamp: string;
  rev: string;
  build: string;
}

function parsePseudo(v: string): PseudoParts {
  if (!isPseudoVersion(v)) throw new InvalidPseudoVersionError(v, 'syntax error');
  const b = build(v);
  let rest = v.slice(0, v.length - b.length);
  const j = rest.lastIndexOf('-');
  const rev = rest.slice(j + 1);
  rest = rest.slice(0, j);
  const i = rest.lastIndexOf('-');
  const dot = rest.lastIndexOf('.');
  if (dot > i) return { base: rest.slice(0, dot), timestamp: rest.slice(dot + 1), rev, build: b };
  return { base: rest.slice(0, i), timestamp: rest.slice(i + 1), rev, build: b };
}

/** The commit identifier (the last dash-separated element). */
export function pseudoVersionRev(v: string): string {
  return parsePseudo(v).rev;
}

/** Like Date.UTC, without its mapping of years 0–99 to the 1900s. */
function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, mo, d);
  date.setUTCHours(h, mi, s, 0);
  return date;
}

/** The commit time, UTC. */
export function pseudoVersionTime(v: string): Date {
  const ts = parsePseudo(v).timestamp;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, k) => Number(ts.slice(at, at + (k === 0 ? 4 : 2))));
  const date = utcDate(y!, mo! - 1, d!, h!, mi!, s!);
  const roundTrips =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo! - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  if (!roundTrips) throw new InvalidPseudoVersionError(v, `malformed time ${JSON.stringify(ts)}`);
  return date;
}

function decDecimal(decimal: string): string {
  const digits = decimal.split('');
  let i = digits.length - 1;
  for (; i >= 0 && digits[i] === '0'; i--) digits[i] = '9';
  if (i < 0) return '';
  if (i === 0 && digits[i] === '1' && digits.length > 1) return digits.slice(1).join('');
  digits[i] = String(Number(digits[i]) - 1);
  return digits.join('');
}

function incDecimal(decimal: string): string {
  const digits = decimal.split('');
  let i = digits.length - 1;
  for (; i >= 0 && digits[i] === '9'; i--) digits[i] = '0';
  if (i >= 0) {
    digits[i] = String(Number(digits[i]) + 1);
    return digits.join('');
  }
  return `1${digits.join('')}`;
}

/**
 * The tagged version the pseudo-version builds on: "" for the first form, `vX.Y.Z-pre` for the
 * second, `vX.Y.Z` for the third (each keeping any `+incompatible`).
 */
export function pseudoVersionBase(v: string): string {
  const { base, build: b } = parsePseudo(v);
  const pre = prerelease(base);
  if (pre === '') {
    if (b !== '')
      throw new InvalidPseudoVersionError(v, `lacks base version, but has build metadata ${JSON.stringify(b)}`);
    return '';
  }
  if (pre === '-0') {
    const release = base.slice(0, base.length - pre.length);
    const i = release.lastIndexOf('.');
    const patch = decDecimal(release.slice(i + 1));
    if (patch === '')
      throw new InvalidPseudoVersionError(v, `version before ${release} would have negative patch number`);
    return release.slice(0, i + 1) + patch + b;
  }
  return base.slice(0, base.length - '.0'.length) + b;
}

function formatTimestamp(t: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

/**
 * The pseudo-version for commit `rev` at time `t` whose latest earlier tag is `older` ("" for
 * none) in major version `majorVersion` ("" means v0).
 */
export function makePseudoVersion(majorVersion: string, older: string, t: Date, rev: string): string {
  const segment = `${formatTimestamp(t)}-${rev}`;
  const b = build(older);
  const base = canonical(older);
  if (base === '') return `${majorVersion || 'v0'}.0.0-${segment}`;
  if (prerelease(base) !== '') return `${base}.0.${segment}${b}`;
  const i = base.lastIndexOf('.') + 1;
  return `${base.slice(0, i)}${incDecimal(base.slice(i))}-0.${segment}${b}`;
}

/** `vX.0.0-00010101000000-000000000000`: the version Go gives a module replaced without one. */
export function zeroPseudoVersion(majorVersion: string): string {
  return makePseudoVersion(majorVersion, '', utcDate(1, 0, 1, 0, 0, 0), '000000000000');
}

export function isZeroPseudoVersion(v: string): boolean {
  return v === zeroPseudoVersion(major(v));
}
