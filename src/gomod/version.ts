/**
 * Go's semantic versions, with the exact acceptance and ordering rules of golang.org/x/mod/semver:
 * a leading "v", `vMAJOR` and `vMAJOR.MINOR` as shorthands, no leading zeros, and invalid
 * strings ordering below every valid one. Module versions add the "go" and "toolchain"
 * pseudo-modules (ordered by Go's own version rules) and "none" (below everything).
 */
import { compareGoVersions, toolchainVersion } from './go-version.js';

interface Parsed {
  major: string;
  minor: string;
  patch: string;
  /** What `canonical` appends for the shorthand forms. */
  short: string;
  prerelease: string;
  build: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

const isIdentChar = (c: string): boolean =>
  (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-';

/** A run of decimal digits without a redundant leading zero, and what follows it. */
function cutNumber(v: string): [string, string] | null {
  let i = 0;
  while (i < v.length && isDigit(v[i])) i++;
  if (i === 0 || (v[0] === '0' && i !== 1)) return null;
  return [v.slice(0, i), v.slice(i)];
}

function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Numeric identifiers may not carry leading zeros (semver 2.0.0, item 9). */
const isBadNumber = (s: string): boolean => s.length > 1 && s[0] === '0' && isAllDigits(s);

/** `-a.b.c` or `+a.b.c` up to `stop` (exclusive); null when an identifier is malformed. */
function cutIdentifiers(v: string, numericRule: boolean, stop: string | null): [string, string] | null {
  let i = 1;
  let start = 1;
  while (i < v.length && v[i] !== stop) {
    const c = v[i] as string;
    if (c === '.') {
      if (start === i || (numericRule && isBadNumber(v.slice(start, i)))) return null;
      start = i + 1;
    } else if (!isIdentChar(c)) {
      return null;
    }
    i++;
  }
  if (start === i || (numericRule && isBadNumber(v.slice(start, i)))) return null;
  return [v.slice(0, i), v.slice(i)];
}

function parse(v: string): Parsed | null {
  if (!v.startsWith('v')) return null;
  const p: Parsed = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' };
  let cut = cutNumber(v.slice(1));
  if (!cut) return null;
  let rest: string;
  [p.major, rest] = cut;
  if (rest === '') return { ...p, minor: '0', patch: '0', short: '.0.0' };
  if (rest[0] !== '.') return null;
  cut = cutNumber(rest.slice(1));
  if (!cut) return null;
  [p.minor, rest] = cut;
  if (rest === '') return { ...p, patch: '0', short: '.0' };
  if (rest[0] !== '.') return null;
  cut = cutNumber(rest.slice(1));
  if (!cut) return null;
  [p.patch, rest] = cut;
  if (rest.startsWith('-')) {
    const pre = cutIdentifiers(rest, true, '+');
    if (!pre) return null;
    [p.prerelease, rest] = pre;
  }
  if (rest.startsWith('+')) {
    const build = cutIdentifiers(rest, false, null);
    if (!build) return null;
    [p.build, rest] = build;
  }
  return rest === '' ? p : null;
}

export function isValid(v: string): boolean {
  return parsed(v) !== null;
}

/** Fills in `.MINOR`/`.PATCH`, drops build metadata; "" for an invalid version. */
export function canonical(v: string): string {
  const p = parsed(v);
  if (!p) return '';
  if (p.build) return v.slice(0, v.length - p.build.length);
  return p.short ? v + p.short : v;
}

/** `v2` for `v2.1.0`; "" when invalid. */
export function major(v: string): string {
  const p = parsed(v);
  return p ? v.slice(0, 1 + p.major.length) : '';
}

/** `v2.1` for `v2.1.0`; "" when invalid. */
export function majorMinor(v: string): string {
  const p = parsed(v);
  if (!p) return '';
  const i = 1 + p.major.length;
  const j = i + 1 + p.minor.length;
  if (j <= v.length && v[i] === '.' && v.slice(i + 1, j) === p.minor) return v.slice(0, j);
  return `${v.slice(0, i)}.${p.minor}`;
}

/** `-pre` for `v1.0.0-pre+meta`; "" when none or invalid. */
export function prerelease(v: string): string {
  return parsed(v)?.prerelease ?? '';
}

/** `+meta` for `v1.0.0-pre+meta`; "" when none or invalid. */
export function build(v: string): string {
  return parsed(v)?.build ?? '';
}

function compareInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/** Byte-wise order, as Go compares strings (JavaScript's `<` is UTF-16 order, equal for ASCII). */
function compareBytes(x: string, y: string): number {
  if (x === y) return 0;
  return Buffer.compare(Buffer.from(x), Buffer.from(y)) < 0 ? -1 : 1;
}

/**
 * What comparing needs of one version, computed once: the numeric triple packed into one number
 * when each part has at most five digits (NaN otherwise: compare the strings), and the prerelease
 * identifiers already split, each marked numeric or not. Pseudo-versions of one base share the
 * packed triple, so graph merges compare their prerelease over and over: `preOrder` turns that
 * into one string comparison.
 */
interface CompareKey {
  parsed: Parsed;
  packed: number;
  pre: string[];
  /** Per identifier of `pre`: all digits (numeric identifiers order by value, below alphanumeric ones). */
  preNumeric: boolean[];
  /** The prerelease as a string whose `<` order is semver's (preOrderOf); null when not encodable. */
  preOrder: string | null;
}

const NO_IDENTS: string[] = [];
const NO_FLAGS: boolean[] = [];

/** Above every prerelease encoding, which starts with NUMERIC or ALPHA: a release outranks its prereleases. */
const RELEASE = '\x03';
const NUMERIC = '\x01';
const ALPHA = '\x02';
/** Lengths of numeric identifiers are written as one character from here, so they stay one byte each. */
const LENGTH_BASE = 0x20;
const MAX_NUMERIC_LENGTH = 0xff - LENGTH_BASE;

/**
 * Identifiers in order, each marked: a numeric one (below every alphanumeric one) by its length and
 * then its digits (no leading zeros, so longer is larger), an alphanumeric one as written. The
 * marks sort below every identifier character, so a shorter identifier or list that is a prefix
 * of a longer one sorts first, as semver says.
 */
function preOrderOf(pre: readonly string[], numeric: readonly boolean[]): string | null {
  if (pre.length === 0) return RELEASE;
  let out = '';
  for (let i = 0; i < pre.length; i++) {
    const id = pre[i]!;
    if (!numeric[i]) out += ALPHA + id;
    else if (id.length > MAX_NUMERIC_LENGTH) return null;
    else out += NUMERIC + String.fromCharCode(LENGTH_BASE + id.length) + id;
  }
  return out;
}

function compareKey(p: Parsed): CompareKey {
  const small = p.major.length <= 5 && p.minor.length <= 5 && p.patch.length <= 5;
  const packed = small ? (Number(p.major) * 1e5 + Number(p.minor)) * 1e5 + Number(p.patch) : NaN;
  if (p.prerelease === '') return { parsed: p, packed, pre: NO_IDENTS, preNumeric: NO_FLAGS, preOrder: RELEASE };
  const pre = p.prerelease.slice(1).split('.');
  const preNumeric = pre.map(isAllDigits);
  return { parsed: p, packed, pre, preNumeric, preOrder: preOrderOf(pre, preNumeric) };
}

/**
 * Graph loads compare the same few thousand version strings millions of times: parse each once,
 * and keep its ModuleVersionKey (the same for every path but "go" and "toolchain") beside it.
 * Bounded, so a long-lived worker does not keep every string it ever saw.
 */
interface Known {
  key: CompareKey | null;
  moduleKey: ModuleVersionKey;
}
const known = new Map<string, Known>();
const MAX_PARSED = 50_000;

/** parse, through the same cache (callers only read the result). */
function parsed(v: string): Parsed | null {
  return keyFor(v)?.parsed ?? null;
}

function knownFor(v: string): Known {
  return known.get(v) ?? learn(v);
}

function learn(v: string): Known {
  const p = parse(v);
  const key = p ? compareKey(p) : null;
  const k: Known = { key, moduleKey: { version: v, path: null, key } };
  if (known.size >= MAX_PARSED) known.clear();
  known.set(v, k);
  return k;
}

function keyFor(v: string): CompareKey | null {
  return knownFor(v).key;
}

/** Prerelease order; an empty list (a release) is above every prerelease. */
function comparePre(kx: CompareKey, ky: CompareKey): number {
  const x = kx.preOrder;
  const y = ky.preOrder;
  if (x !== null && y !== null) return x === y ? 0 : x < y ? -1 : 1;
  return comparePreIdents(kx, ky);
}

/** Prerelease identifiers, split, one by one: for identifiers preOrderOf cannot encode. */
function comparePreIdents(kx: CompareKey, ky: CompareKey): number {
  const x = kx.pre;
  const y = ky.pre;
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 0 : x.length === 0 ? 1 : -1;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const dx = x[i]!;
    const dy = y[i]!;
    if (dx === dy) continue;
    const nx = kx.preNumeric[i]!;
    if (nx !== ky.preNumeric[i]) return nx ? -1 : 1;
    if (nx && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1;
    // Identifiers are ASCII (parse checks), where UTF-16 order is byte order.
    return dx < dy ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** -1, 0 or +1 by semver precedence; invalid versions are equal to each other and below all valid ones. */
export function compare(v: string, w: string): number {
  if (v === w) return 0;
  return compareKeys(keyFor(v), keyFor(w));
}

function compareKeys(kv: CompareKey | null, kw: CompareKey | null): number {
  if (!kv || !kw) return !kv && !kw ? 0 : !kv ? -1 : 1;
  // NaN (a part too long to pack) is unequal to everything, itself included.
  if (kv.packed === kw.packed) return comparePre(kv, kw);
  if (kv.packed === kv.packed && kw.packed === kw.packed) return kv.packed < kw.packed ? -1 : 1;
  const pv = kv.parsed;
  const pw = kw.parsed;
  return (
    compareInt(pv.major, pw.major) ||
    compareInt(pv.minor, pw.minor) ||
    compareInt(pv.patch, pw.patch) ||
    comparePre(kv, kw)
  );
}

/** The greater of the two, canonicalized (x/mod's deprecated `Max`, kept for parity). */
export function max(v: string, w: string): string {
  const cv = canonical(v);
  const cw = canonical(w);
  return compare(cv, cw) > 0 ? cv : cw;
}

/** Ascending by precedence; equal versions fall back to string order so the result is stable. */
export function sortVersions(list: string[]): string[] {
  return list.sort((a, b) => compare(a, b) || compareBytes(a, b));
}

export function isPrerelease(v: string): boolean {
  return prerelease(v) !== '';
}

/**
 * Compares two versions of module `path` as Go's module graph does: "go" by Go's release order,
 * "toolchain" by the version inside `goX.Y.Z`, everything else by semver. "none" (a module
 * version that is absent) is below every version, as is any invalid version.
 */
export function compareModuleVersions(path: string, a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'none' || b === 'none') return a === 'none' ? -1 : 1;
  if (path === 'go') return compareGoVersions(a, b);
  if (path === 'toolchain') return compareGoVersions(maybeToolchain(a), maybeToolchain(b));
  return compare(a, b);
}

/**
 * A version of one module path with what comparing it needs, for loops that compare the same
 * versions over and over (graph merges): the order is compareModuleVersions'.
 */
export interface ModuleVersionKey {
  readonly version: string;
  readonly path: 'go' | 'toolchain' | null;
  readonly key: CompareKey | null;
}

/** Shared per version string for ordinary paths: callers only read it. */
export function moduleVersionKey(path: string, version: string): ModuleVersionKey {
  if (path === 'go' || path === 'toolchain') return { version, path, key: null };
  return knownFor(version).moduleKey;
}

/** compareModuleVersions of two keys of the same path. */
export function compareModuleVersionKeys(a: ModuleVersionKey, b: ModuleVersionKey): number {
  if (a.version === b.version) return 0;
  if (a.version === 'none' || b.version === 'none') return a.version === 'none' ? -1 : 1;
  if (a.path !== null) return compareModuleVersions(a.path, a.version, b.version);
  return compareKeys(a.key, b.key);
}

function maybeToolchain(v: string): string {
  return toolchainVersion(v) || v;
}

/** The greater version of `path` by `compareModuleVersions`. */
export function maxModuleVersion(path: string, a: string, b: string): string {
  return compareModuleVersions(path, a, b) < 0 ? b : a;
}
