/**
 * Moves a Go file's imports from one module path to another (a major upgrade to a new path), and
 * touches nothing else: only the import specs between the package clause and the first other
 * declaration are read, by Go's lexical rules (comments, interpreted and raw strings), so a string
 * or a comment that mentions the old path elsewhere, a build constraint, or a cgo preamble stays
 * byte for byte. A spec's name (alias, `.`, `_`) is kept; an unnamed import gets a name only when
 * the caller says the package's own name changes with the move.
 */
import { StewardError } from '../../errors.js';

/** One module path moved to another; its packages (`from/...`) move along. */
export interface PathMove {
  from: string;
  to: string;
}

/** A file whose import section is not Go we can read: it is left as it is. */
export class ImportScanError extends StewardError {
  readonly code = 'import-scan';
  constructor(
    readonly offset: number,
    what: string,
  ) {
    super(`cannot read the imports at byte ${offset}: ${what}`);
  }
}

export interface ImportSpec {
  /** `.`, `_`, an identifier, or null when the spec has no name. */
  name: string | null;
  path: string;
  /** Byte range of the path's string literal, quotes included. */
  start: number;
  end: number;
}

export interface RewriteResult {
  text: string;
  /** Import specs rewritten, as `old => new`. */
  moved: { from: string; to: string }[];
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isLetter = (c: string | undefined): boolean => c !== undefined && (c === '_' || /^\p{L}$/u.test(c));
const isIdentChar = (c: string | undefined): boolean => c !== undefined && (isLetter(c) || /^\p{Nd}$/u.test(c));

/** Go's escapes in an interpreted string literal; null when one is malformed. */
function unquote(body: string): string | null {
  if (!body.includes('\\')) return body;
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
  };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    if (simple[e] !== undefined) {
      out += simple[e];
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : /[0-7]/.test(e) ? 3 : 0;
    if (width === 0) return null;
    const digits = e === 'x' || e === 'u' || e === 'U' ? body.slice(i + 1, i + 1 + width) : body.slice(i, i + 3);
    const radix = /[0-7]/.test(e) ? 8 : 16;
    if (digits.length !== width || !(radix === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/).test(digits)) return null;
    out += String.fromCodePoint(parseInt(digits, radix));
    i += radix === 8 ? 2 : width;
  }
  return out;
}

class Scanner {
  i = 0;
  constructor(readonly src: string) {}

  /** White space, comments, and the semicolons Go allows between declarations. */
  skipTrivia(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.i];
      if (isSpace(c) || c === ';') this.i++;
      else if (c === '/' && s[this.i + 1] === '/') {
        const nl = s.indexOf('\n', this.i);
        this.i = nl < 0 ? s.length : nl + 1;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const close = s.indexOf('*/', this.i + 2);
        if (close < 0) throw new ImportScanError(this.i, 'unterminated comment');
        this.i = close + 2;
      } else return;
    }
  }

  /** An identifier at the cursor without moving, or null. */
  peekIdent(): string | null {
    if (!isLetter(this.src[this.i])) return null;
    let j = this.i + 1;
    while (isIdentChar(this.src[j])) j++;
    return this.src.slice(this.i, j);
  }

  ident(): string {
    const id = this.peekIdent();
    if (id === null) throw new ImportScanError(this.i, 'expected an identifier');
    this.i += id.length;
    return id;
  }

  stringLit(): { path: string; start: number; end: number } {
    const s = this.src;
    const start = this.i;
    const q = s[start];
    if (q === '`') {
      const close = s.indexOf('`', start + 1);
      if (close < 0) throw new ImportScanError(start, 'unterminated raw string');
      this.i = close + 1;
      return { path: s.slice(start + 1, close), start, end: this.i };
    }
    if (q !== '"') throw new ImportScanError(start, 'expected an import path');
    let j = start + 1;
    while (j < s.length && s[j] !== '"') {
      if (s[j] === '\n') throw new ImportScanError(start, 'newline in string');
      j += s[j] === '\\' ? 2 : 1;
    }
    if (j >= s.length) throw new ImportScanError(start, 'unterminated string');
    const path = unquote(s.slice(start + 1, j));
    if (path === null) throw new ImportScanError(start, 'malformed escape in import path');
    this.i = j + 1;
    return { path, start, end: this.i };
  }

  spec(): ImportSpec {
    this.skipTrivia();
    let name: string | null = null;
    if (this.src[this.i] === '.') {
      name = '.';
      this.i++;
    } else if (this.peekIdent() !== null) {
      name = this.ident();
    }
    this.skipTrivia();
    return { name, ...this.stringLit() };
  }
}

/** The import specs of a Go file, in order. Throws ImportScanError when the file does not start as Go does. */
export function scanImports(src: string): ImportSpec[] {
  const sc = new Scanner(src);
  sc.skipTrivia();
  if (sc.ident() !== 'package') throw new ImportScanError(0, 'no package clause');
  sc.skipTrivia();
  sc.ident();
  const specs: ImportSpec[] = [];
  for (;;) {
    sc.skipTrivia();
    if (sc.peekIdent() !== 'import') return specs;
    sc.i += 'import'.length;
    sc.skipTrivia();
    if (src[sc.i] !== '(') {
      specs.push(sc.spec());
      continue;
    }
    sc.i++;
    for (;;) {
      sc.skipTrivia();
      if (src[sc.i] === ')') {
        sc.i++;
        break;
      }
      if (sc.i >= src.length) throw new ImportScanError(sc.i, 'unterminated import group');
      specs.push(sc.spec());
    }
  }
}

/** The move whose module path holds `path` (the longest, when module paths nest), and the new import path. */
export function movedPath(path: string, moves: readonly PathMove[]): string | null {
  let best: PathMove | null = null;
  for (const m of moves) {
    if ((path === m.from || path.startsWith(`${m.from}/`)) && (!best || m.from.length > best.from.length)) best = m;
  }
  return best ? best.to + path.slice(best.from.length) : null;
}

/**
 * Rewrites the import specs that name a moved module or one of its packages. `nameAfter` gives,
 * for an unnamed import whose package name differs between old and new (by the packages' own
 * package clauses), the old name to keep as the spec's name, so the file's references still
 * resolve; absent or returning null, nothing is added.
 */
export function rewriteImports(
  src: string,
  moves: readonly PathMove[],
  nameAfter?: (from: string, to: string) => string | null,
): RewriteResult {
  const edits: { start: number; end: number; text: string }[] = [];
  const moved: { from: string; to: string }[] = [];
  for (const spec of scanImports(src)) {
    const to = movedPath(spec.path, moves);
    if (to === null || to === spec.path) continue;
    const keep = spec.name === null ? (nameAfter?.(spec.path, to) ?? null) : null;
    edits.push({ start: spec.start, end: spec.end, text: `${keep ? `${keep} ` : ''}"${to}"` });
    moved.push({ from: spec.path, to });
  }
  let text = src;
  for (const e of edits.reverse()) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return { text, moved };
}
