/**
 * Reading the arguments of the directives go.mod and go.work share (go, toolchain, godebug,
 * replace) and the checks on module paths and versions, with Go's acceptance rules
 * (golang.org/x/mod/modfile with no version fixer, as `go mod edit` parses).
 */
import type { Godebug, Pos, Replace } from '../types.js';
import { canonicalModuleVersion, checkPathMajor, splitPathVersion } from '../module.js';
import { GoModSyntaxError } from './errors.js';
import type { Token } from './lexer.js';
import { unquoteArg } from './quoted.js';
import type { Stmt, SyntaxBlock, SyntaxLine } from './syntax.js';

/** One directive: `verb args...` on its own line, or a line of a `verb ( ... )` block. */
export interface Directive {
  verb: string;
  args: Token[];
  line: SyntaxLine;
  block: SyntaxBlock | null;
  file: string;
}

export function directiveOf(file: string, line: SyntaxLine, block: SyntaxBlock | null): Directive {
  const verb = block ? (block.head[0] as Token).text : (line.tokens[0] as Token).text;
  return { verb, args: block ? line.tokens : line.tokens.slice(1), line, block, file };
}

/**
 * Every directive of a file, lines and block lines alike, handed to `apply` in order. A block whose
 * head is not one of `blockVerbs` is an error, unless `unknownBlocksAllowed` (Go's lax reading of
 * a dependency's go.mod skips them).
 */
export function eachDirective(
  file: string,
  stmts: readonly Stmt[],
  blockVerbs: ReadonlySet<string>,
  apply: (d: Directive) => void,
  errors: GoModSyntaxError[],
  unknownBlocksAllowed = false,
): void {
  for (const stmt of stmts) {
    if (stmt.kind === 'line') {
      apply(directiveOf(file, stmt, null));
      continue;
    }
    const verb = stmt.head[0] as Token;
    if (stmt.head.length === 1 && blockVerbs.has(verb.text)) {
      for (const line of stmt.lines) apply(directiveOf(file, line, stmt));
    } else if (!unknownBlocksAllowed) {
      const name = stmt.head.map((h) => h.text).join(' ');
      errors.push(
        new GoModSyntaxError(
          file,
          verb.line,
          verb.column,
          `unknown block type ${JSON.stringify(name)}`,
          `a block of ${[...blockVerbs].join(', ')}`,
        ),
      );
    }
  }
}

export function posOf(d: Directive): Pos {
  const first = d.line.tokens[0] as Token;
  return { line: first.line, column: first.column };
}

export function fail(d: Directive, at: Token | undefined, reason: string, expected?: string): GoModSyntaxError {
  const t = at ?? (d.line.tokens[d.line.tokens.length - 1] as Token);
  return new GoModSyntaxError(d.file, t.line, t.column, reason, expected);
}

/** The token to blame when argument `i` is missing: the last one there is. */
export function argAt(d: Directive, i: number): Token | undefined {
  return d.args[i] ?? d.args[d.args.length - 1];
}

export function expectArgs(d: Directive, n: number, usage: string): void {
  if (d.args.length === n) return;
  const at = d.args.length > n ? d.args[n] : argAt(d, d.args.length - 1);
  const count = n === 1 ? 'exactly one argument' : `exactly ${n} arguments`;
  throw fail(d, at, `${d.verb} expects ${count} (${usage}), found ${d.args.length}`, usage);
}

export function stringArg(d: Directive, t: Token): string {
  const u = unquoteArg(t.text);
  if (!u.ok) throw fail(d, t, u.reason, 'a path, "double-quoted" if it has spaces');
  return u.value;
}

/** A module version: any semver Go accepts, returned canonical (`v1.2` reads as `v1.2.0`). */
export function versionArg(d: Directive, t: Token): string {
  const raw = stringArg(d, t);
  const v = canonicalModuleVersion(raw);
  if (v === '')
    throw fail(d, t, `expected a version like v1.2.3, found ${JSON.stringify(raw)}`, 'a version like v1.2.3');
  return v;
}

/** The major-version suffix of a module path (`/v2`, `.v1`, ""), refusing malformed ones like `/v1`. */
export function pathMajorOf(d: Directive, t: Token, path: string): string {
  const split = splitPathVersion(path);
  if (!split.ok) {
    throw fail(
      d,
      t,
      `invalid module path ${JSON.stringify(path)}: malformed major version suffix`,
      'a module path ending in /v2 or higher, or without a /vN suffix',
    );
  }
  return split.pathMajor;
}

export function checkMajor(d: Directive, t: Token, path: string, version: string, pathMajor: string): void {
  const mismatch = checkPathMajor(version, pathMajor);
  if (!mismatch) return;
  const hint = pathMajor === '' ? ` (did you mean ${version}+incompatible?)` : '';
  throw fail(
    d,
    t,
    `expected a ${mismatch.expected} version for ${path}, found ${JSON.stringify(version)}${hint}`,
    `a ${mismatch.expected} version`,
  );
}

const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const LAX_GO_VERSION = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/;
const TOOLCHAIN = /^default$|^go1($|\.)/;

/** The `go` version; dependency go.mod files (`lax`) may write `1.18beta` or `v1.18.x`, read as `1.18`. */
export function goVersionArg(d: Directive, lax: boolean): string {
  expectArgs(d, 1, 'go 1.23.0');
  const t = d.args[0] as Token;
  if (GO_VERSION.test(t.text)) return t.text;
  const m = lax ? LAX_GO_VERSION.exec(t.text) : null;
  if (m?.[1]) return m[1];
  throw fail(
    d,
    t,
    `invalid go version ${JSON.stringify(t.text)}: expected a version like 1.23.0, 1.23 or 1.23rc1`,
    'a Go version like 1.23.0',
  );
}

export function toolchainArg(d: Directive): string {
  expectArgs(d, 1, 'toolchain go1.23.0');
  const t = d.args[0] as Token;
  if (TOOLCHAIN.test(t.text)) return t.text;
  throw fail(
    d,
    t,
    `invalid toolchain ${JSON.stringify(t.text)}: expected a name like go1.23.0 or default`,
    'a toolchain like go1.23.0',
  );
}

export function godebugArg(d: Directive): Godebug {
  const t = d.args[0];
  if (d.args.length !== 1 || !t || /["`',]/.test(t.text) || !t.text.includes('=')) {
    throw fail(
      d,
      d.args.length > 1 ? d.args[1] : t,
      `expected godebug key=value, found ${JSON.stringify(d.args.map((a) => a.text).join(' '))}`,
      'key=value',
    );
  }
  const eq = t.text.indexOf('=');
  return { key: t.text.slice(0, eq), value: t.text.slice(eq + 1), pos: posOf(d) };
}

/** Go's IsDirectoryPath: `.`, `..`, `./x`, `../x`, rooted paths and Windows drive paths, in either slash style. */
export function isDirectoryPath(p: string): boolean {
  return (
    p === '.' ||
    p.startsWith('./') ||
    p.startsWith('.\\') ||
    p === '..' ||
    p.startsWith('../') ||
    p.startsWith('..\\') ||
    p.startsWith('/') ||
    p.startsWith('\\') ||
    (p.length >= 2 && /[A-Za-z]/.test(p[0] as string) && p[1] === ':')
  );
}

const REPLACE_USAGE = 'replace module/path [v1.2.3] => other/module v1.4.0, or => ../local/directory';

export function replaceArg(d: Directive): Replace {
  const a = d.args;
  const arrow = a.length >= 2 && a[1]?.text === '=>' ? 1 : 2;
  if (a.length < arrow + 2 || a.length > arrow + 3 || a[arrow]?.text !== '=>') {
    const at = a[arrow];
    const reason =
      at && at.text !== '=>'
        ? `expected "=>", found ${JSON.stringify(at.text)}`
        : a.length > arrow + 3
          ? `unexpected ${JSON.stringify(a[arrow + 3]?.text)} after the replacement version`
          : `incomplete replace directive`;
    throw fail(
      d,
      a.length > arrow + 3 ? a[arrow + 3] : (at ?? argAt(d, a.length - 1)),
      `${reason} (usage: ${REPLACE_USAGE})`,
      REPLACE_USAGE,
    );
  }
  const oldTok = a[0] as Token;
  const oldPath = stringArg(d, oldTok);
  const pathMajor = pathMajorOf(d, oldTok, oldPath);
  const old: Replace['old'] = { path: oldPath };
  if (arrow === 2) {
    const vt = a[1] as Token;
    old.version = versionArg(d, vt);
    checkMajor(d, vt, oldPath, old.version, pathMajor);
  }
  const newTok = a[arrow + 1] as Token;
  const newPath = stringArg(d, newTok);
  const repl: Replace['new'] = { path: newPath };
  const newVersionTok = a[arrow + 2];
  if (!newVersionTok) {
    if (!isDirectoryPath(newPath)) {
      throw fail(
        d,
        newTok,
        newPath.includes('@')
          ? `replacement ${JSON.stringify(newPath)} must be written "path version", not "path@version"`
          : `replacement module ${JSON.stringify(newPath)} needs a version, or must be a directory path (rooted or starting with ./ or ../)`,
        'a module path and version, or a directory path',
      );
    }
    if (newPath.includes('\\')) {
      throw fail(
        d,
        newTok,
        `replacement directory ${JSON.stringify(newPath)} looks like a Windows path`,
        'a directory path with forward slashes',
      );
    }
  } else {
    repl.version = versionArg(d, newVersionTok);
    if (isDirectoryPath(newPath)) {
      throw fail(
        d,
        newVersionTok,
        `replacement directory ${JSON.stringify(newPath)} cannot have a version`,
        'no version after a directory path',
      );
    }
  }
  return { old, new: repl, pos: posOf(d) };
}
