/**
 * What the module loader reads from one Go file when it gathers imports for `go get` and
 * `go mod tidy`: the import paths, and whether the file's build constraint can hold. Both
 * commands load with every build tag at once ("any tags"): a tag counts as set and as unset,
 * whichever satisfies the expression, except `ignore`, which is never set. So only a constraint
 * that needs `ignore` (or is contradictory under that rule) drops a file; file-name suffixes such
 * as `_windows.go` drop nothing.
 */

/**
 * Go's rule for a standard-library import path: no dot in its first element. The loaders test
 * every import they walk, so this allocates nothing.
 */
export function isStandardImport(pkg: string): boolean {
  const dot = pkg.indexOf('.');
  if (dot < 0) return true;
  const slash = pkg.indexOf('/');
  return slash >= 0 && slash < dot;
}

export interface GoFileHeader {
  imports: string[];
  /** False when the build constraint cannot hold with any tags. */
  builds: boolean;
  /** Whether the text reached past the import declarations (false: read more of the file). */
  complete: boolean;
}

/** The leading comment block, before the package clause, where build constraints live. */
function headerLines(text: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    let line = text.slice(at, end).trim();
    at = end + 1;
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
      if (line === '') continue;
    }
    if (line === '') continue;
    if (line.startsWith('//')) {
      out.push(line);
      continue;
    }
    if (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        continue;
      }
      if (line.slice(end + 2).trim() === '') continue;
    }
    break;
  }
  return out;
}

type Expr = { tag: string } | { not: Expr } | { and: [Expr, Expr] } | { or: [Expr, Expr] };

/** Parses a `//go:build` expression: tags, !, &&, ||, parentheses. */
function parseGoBuild(src: string): Expr | null {
  const tokens = src.match(/\|\||&&|[!()]|[A-Za-z0-9_.]+|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  function or(): Expr {
    let x = and();
    while (peek() === '||') {
      i++;
      x = { or: [x, and()] };
    }
    return x;
  }
  function and(): Expr {
    let x = unary();
    while (peek() === '&&') {
      i++;
      x = { and: [x, unary()] };
    }
    return x;
  }
  function unary(): Expr {
    const t = tokens[i++];
    if (t === '!') return { not: unary() };
    if (t === '(') {
      const x = or();
      if (tokens[i++] !== ')') throw new Error('unbalanced');
      return x;
    }
    if (t === undefined || !/^[A-Za-z0-9_.]+$/.test(t)) throw new Error('bad tag');
    return { tag: t };
  }
  try {
    const x = or();
    return i === tokens.length ? x : null;
  } catch {
    return null;
  }
}

/** `// +build a,b !c` lines: space-separated alternatives of comma-separated conjunctions. */
function parsePlusBuild(line: string): Expr | null {
  const words = line
    .slice(line.indexOf('+build') + '+build'.length)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let x: Expr | null = null;
  for (const w of words) {
    let y: Expr | null = null;
    for (const part of w.split(',')) {
      const neg = part.startsWith('!');
      const tag = neg ? part.slice(1) : part;
      if (!/^[A-Za-z0-9_.]+$/.test(tag)) return null;
      const t: Expr = neg ? { not: { tag } } : { tag };
      y = y ? { and: [y, t] } : t;
    }
    if (y) x = x ? { or: [x, y] } : y;
  }
  return x;
}

/** Any-tags evaluation: every tag but `ignore` takes whichever value is preferred at its place. */
function evalAnyTags(x: Expr, prefer: boolean): boolean {
  if ('tag' in x) return x.tag === 'ignore' ? false : prefer;
  if ('not' in x) return !evalAnyTags(x.not, !prefer);
  if ('and' in x) return evalAnyTags(x.and[0], prefer) && evalAnyTags(x.and[1], prefer);
  return evalAnyTags(x.or[0], prefer) || evalAnyTags(x.or[1], prefer);
}

function buildsWithAnyTags(text: string): boolean {
  const header = headerLines(text);
  const goBuild = header.find((l) => /^\/\/go:build(\s|$)/.test(l));
  if (goBuild !== undefined) {
    const x = parseGoBuild(goBuild.slice('//go:build'.length));
    return x === null || evalAnyTags(x, true);
  }
  for (const l of header) {
    if (!/^\/\/\s*\+build(\s|$)/.test(l)) continue;
    const x = parsePlusBuild(l);
    if (x !== null && !evalAnyTags(x, true)) return false;
  }
  return true;
}

/** Character codes the scanner tests. */
const SLASH = 0x2f;
const STAR = 0x2a;
const NEWLINE = 0x0a;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKQUOTE = 0x60;
const BACKSLASH = 0x5c;

/** A letter, digit or `_`, or any code unit past ASCII (Go's letters, taken broadly). */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c >= 0x80;
}

/**
 * Tokens of Go source, read one at a time up to the end of the import declarations: comments,
 * newlines and semicolons skipped (the header reader never needs them), strings kept with their
 * quotes. A plan reads thousands of files: character codes and one slice per token, no
 * generator step or regular expression per character.
 */
class Tokens {
  private at = 0;

  constructor(private readonly text: string) {}

  /** The next token; undefined at the end of the text. */
  next(): string | undefined {
    const text = this.text;
    const n = text.length;
    let i = this.at;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === NEWLINE || c === SEMICOLON || c === SPACE || c === TAB || c === CR) {
        i++;
      } else if (c === QUOTE) {
        let j = i + 1;
        for (let d = text.charCodeAt(j); j < n && d !== QUOTE && d !== NEWLINE; d = text.charCodeAt(j))
          j += d === BACKSLASH ? 2 : 1;
        this.at = j + 1;
        return text.slice(i, j + 1);
      } else if (c === BACKQUOTE) {
        const end = text.indexOf('`', i + 1);
        const j = end < 0 ? n : end;
        this.at = j + 1;
        return text.slice(i, j + 1);
      } else if (isWordCode(c)) {
        let j = i + 1;
        while (j < n && isWordCode(text.charCodeAt(j))) j++;
        this.at = j;
        return text.slice(i, j);
      } else {
        this.at = i + 1;
        return text[i];
      }
    }
    this.at = n;
    return undefined;
  }
}

function unquote(s: string): string | null {
  if (s.startsWith('`')) return s.slice(1, -1);
  try {
    return JSON.parse(s) as string;
  } catch {
    return null;
  }
}

export function goFileHeader(text: string): GoFileHeader {
  const imports: string[] = [];
  const it = new Tokens(text);
  const next = (): string | undefined => it.next();
  // package clause
  const first = next();
  if (first !== 'package') return { imports, builds: buildsWithAnyTags(text), complete: first !== undefined };
  next();
  let t = next();
  while (t === 'import') {
    t = next();
    if (t === '(') {
      for (t = next(); t !== undefined && t !== ')'; t = next()) {
        if (t.startsWith('"') || t.startsWith('`')) {
          const p = unquote(t);
          if (p !== null) imports.push(p);
        }
      }
    } else {
      // optional name (identifier, `.` or `_`), then the path
      if (t !== undefined && !t.startsWith('"') && !t.startsWith('`')) t = next();
      if (t !== undefined) {
        const p = unquote(t);
        if (p !== null) imports.push(p);
      }
    }
    t = next();
  }
  // A top-level declaration keyword after the imports means they were all read (the text may
  // be cut anywhere, even inside a later `import`).
  const complete = t === 'func' || t === 'var' || t === 'const' || t === 'type';
  return { imports, builds: buildsWithAnyTags(text), complete };
}
