/**
 * The go.mod/go.work tokenizer: one pass, one token of lookahead, the same token boundaries
 * as golang.org/x/mod/modfile. Columns count Unicode code points, as Go's do.
 */
import { GoModSyntaxError } from './errors.js';

export type TokenKind =
  | 'eof'
  /** A `//` comment after a token on the same line; it also ends that line. */
  | 'eolComment'
  /** A `//` comment alone on its line (its newline included). */
  | 'comment'
  | 'ident'
  | 'string'
  | '\n'
  | '('
  | ')'
  | '['
  | ']'
  | '{'
  | '}'
  | ',';

export interface Token {
  kind: TokenKind;
  /** Raw text; strings keep their quotes, comments their `//` but not their newline. */
  text: string;
  line: number;
  column: number;
}

const PUNCT = new Set<TokenKind>(['\n', '(', ')', '[', ']', '{', '}', ',']);
const PRINTABLE_NON_ASCII = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's identifier runes: printable, not space, not one of `()[]{},`. */
function isIdentCodePoint(c: number): boolean {
  if (c < 0x80) {
    return (
      c > 0x20 &&
      c < 0x7f &&
      c !== 0x28 &&
      c !== 0x29 &&
      c !== 0x5b &&
      c !== 0x5d &&
      c !== 0x7b &&
      c !== 0x7d &&
      c !== 0x2c
    );
  }
  // A lone surrogate is what U+FFFD (a printable symbol) becomes once written out as UTF-8.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return PRINTABLE_NON_ASCII.test(String.fromCodePoint(c));
}

export function isEol(kind: TokenKind): boolean {
  return kind === 'eof' || kind === 'eolComment' || kind === '\n';
}

export class Lexer {
  private i = 0;
  private line = 1;
  private column = 1;
  /** Whether a token already stands on the current line (so a `//` there is an end-of-line comment). */
  private lineHasToken = false;
  private current: Token;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.current = this.read();
  }

  peek(): Token {
    return this.current;
  }

  next(): Token {
    const t = this.current;
    this.current = this.read();
    return t;
  }

  error(line: number, column: number, reason: string, expected?: string): GoModSyntaxError {
    return new GoModSyntaxError(this.file, line, column, reason, expected);
  }

  private codePointAt(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < this.text.length) {
      const d = this.text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
    }
    return c;
  }

  private advance(): number {
    const c = this.codePointAt(this.i);
    this.i += c > 0xffff ? 2 : 1;
    if (c === 0x0a) {
      this.line++;
      this.column = 1;
      this.lineHasToken = false;
    } else {
      this.column++;
    }
    return c;
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }

  private read(): Token {
    const text = this.text;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.i++;
        this.column++;
        continue;
      }
      if (c === 0x2f && this.startsWith('//')) return this.readComment();
      if (c === 0x2f && this.startsWith('/*')) throw this.blockCommentError();
      break;
    }
    const line = this.line;
    const column = this.column;
    if (this.i >= text.length) return { kind: 'eof', text: '', line, column };

    const start = this.i;
    const ch = text[this.i] as string;
    if (PUNCT.has(ch as TokenKind)) {
      this.advance();
      if (ch !== '\n') this.lineHasToken = true;
      return { kind: ch as TokenKind, text: ch, line, column };
    }
    if (ch === '"' || ch === '`') {
      this.readString(ch, line, column);
      this.lineHasToken = true;
      return { kind: 'string', text: text.slice(start, this.i), line, column };
    }
    const first = this.codePointAt(this.i);
    if (!isIdentCodePoint(first)) {
      throw this.error(
        line,
        column,
        `unexpected character ${describeChar(first)}`,
        'a directive, a module path, a version or a comment',
      );
    }
    this.skipAsciiIdent();
    while (this.i < text.length && isIdentCodePoint(this.codePointAt(this.i))) {
      if (this.startsWith('//')) break;
      if (this.startsWith('/*')) throw this.blockCommentError();
      this.advance();
    }
    this.lineHasToken = true;
    return { kind: 'ident', text: text.slice(start, this.i), line, column };
  }

  /**
   * The ASCII run of an identifier in one step (go.mod files are nearly all ASCII): stops before
   * `//`, at a `/*` (left to the caller's check), and at the first non-ASCII rune, which the
   * code-point loop then takes on. No newline is an ident rune, so only the column moves.
   */
  private skipAsciiIdent(): void {
    const text = this.text;
    let i = this.i;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80 || !isIdentCodePoint(c)) break;
      if (c === 0x2f) {
        const n = text.charCodeAt(i + 1);
        if (n === 0x2f || n === 0x2a) break;
      }
    }
    this.column += i - this.i;
    this.i = i;
  }

  private readComment(): Token {
    const line = this.line;
    const column = this.column;
    const kind: TokenKind = this.lineHasToken ? 'eolComment' : 'comment';
    const start = this.i;
    const nl = this.text.indexOf('\n', this.i);
    const end = nl < 0 ? this.text.length : nl;
    // A comment never holds a newline, so only columns move; count code points for them (a
    // surrogate pair is one).
    let pairs = 0;
    for (let k = this.i; k < end; k++) {
      const c = this.text.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < end) {
        const d = this.text.charCodeAt(k + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          pairs++;
          k++;
        }
      }
    }
    this.column += end - this.i - pairs;
    this.i = end;
    let body = this.text.slice(start, end);
    if (nl >= 0 && body.endsWith('\r')) body = body.slice(0, -1);
    if (nl >= 0) this.advance();
    return { kind, text: body, line, column };
  }

  private readString(quote: string, line: number, column: number): void {
    this.advance();
    for (;;) {
      if (this.i >= this.text.length) {
        throw this.error(line, column, 'unterminated string', `a closing ${quote}`);
      }
      if (this.text[this.i] === '\n') {
        throw this.error(this.line, this.column, 'newline in string', `a closing ${quote} on the same line`);
      }
      const c = this.text[this.i];
      this.advance();
      if (c === quote) return;
      if (c === '\\' && quote !== '`') {
        if (this.i >= this.text.length) {
          throw this.error(line, column, 'unterminated string', `a closing ${quote}`);
        }
        this.advance();
      }
    }
  }

  private blockCommentError(): GoModSyntaxError {
    return this.error(this.line, this.column, 'go.mod files must use // comments, not /* */ comments', '// comment');
  }
}

function describeChar(c: number): string {
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return c > 0x20 && c < 0x7f ? `${JSON.stringify(String.fromCharCode(c))} (${hex})` : hex;
}
