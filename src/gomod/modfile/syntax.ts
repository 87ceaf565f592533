/**
 * The statement structure of a go.mod/go.work file: single-line directives and `verb ( ... )`
 * blocks, with the comments Go attaches to each line. Which comments belong to which line
 * follows golang.org/x/mod/modfile exactly, because `// indirect`, retraction rationales and
 * `// Deprecated:` are read from them.
 */
import { isEol, Lexer, type Token } from './lexer.js';

export interface Comment {
  /** The comment with its `//`; "" marks a blank line kept between lines of a block. */
  text: string;
  line: number;
  column: number;
}

export interface SyntaxLine {
  kind: 'line';
  tokens: Token[];
  /** Whole-line comments directly above (inside a block: since the previous line). */
  before: Comment[];
  /** The comment ending this line, if any. */
  suffix: Comment | null;
}

export interface SyntaxBlock {
  kind: 'block';
  /** The tokens before `(`: normally just the verb. */
  head: Token[];
  lines: SyntaxLine[];
  before: Comment[];
}

export type Stmt = SyntaxLine | SyntaxBlock;

const BLANK = (line: number): Comment => ({ text: '', line, column: 1 });

function toComment(t: Token): Comment {
  return { text: t.text, line: t.line, column: t.column };
}

function endOfLine(lines: Token[], end: Token): SyntaxLine {
  return { kind: 'line', tokens: lines, before: [], suffix: end.kind === 'eolComment' ? toComment(end) : null };
}

export function parseSyntax(file: string, text: string): Stmt[] {
  const lx = new Lexer(file, text);
  const stmts: Stmt[] = [];
  let pending: Comment[] | null = null;
  for (;;) {
    const t = lx.peek();
    if (t.kind === 'eof') return stmts;
    if (t.kind === '\n') {
      // A blank line detaches the comments above it from the next statement.
      lx.next();
      pending = null;
    } else if (t.kind === 'comment') {
      (pending ??= []).push(toComment(lx.next()));
    } else {
      const stmt = parseStatement(lx);
      if (pending) stmt.before = pending;
      pending = null;
      stmts.push(stmt);
    }
  }
}

function parseStatement(lx: Lexer): Stmt {
  const tokens = [lx.next()];
  for (;;) {
    const t = lx.next();
    if (isEol(t.kind)) return endOfLine(tokens, t);
    if (t.kind !== '(') {
      tokens.push(t);
      continue;
    }
    const after = lx.peek().kind;
    if (isEol(after)) return parseBlock(lx, tokens, t);
    if (after === ')') {
      const rparen = lx.next();
      if (isEol(lx.peek().kind)) {
        lx.next();
        return { kind: 'block', head: tokens, lines: [], before: [] };
      }
      // `( )` in the middle of a line is two ordinary tokens.
      tokens.push(t, rparen);
      continue;
    }
    tokens.push(t);
  }
}

function parseBlock(lx: Lexer, head: Token[], lparen: Token): SyntaxBlock {
  const block: SyntaxBlock = { kind: 'block', head, lines: [], before: [] };
  let comments: Comment[] = [];
  for (;;) {
    const t = lx.peek();
    switch (t.kind) {
      case 'eolComment':
        // Only possible right after `(`; Go keeps it on the parenthesis, not on any directive.
        lx.next();
        break;
      case '\n': {
        lx.next();
        const last = comments[comments.length - 1];
        if ((comments.length === 0 && block.lines.length > 0) || (last !== undefined && last.text !== '')) {
          comments.push(BLANK(t.line));
        }
        break;
      }
      case 'comment':
        comments.push(toComment(lx.next()));
        break;
      case 'eof': {
        const verb = head.map((h) => h.text).join(' ');
        throw lx.error(
          t.line,
          t.column,
          `unterminated ${verb} block opened at line ${lparen.line}`,
          `")" to close the block opened at line ${lparen.line}`,
        );
      }
      case ')': {
        lx.next();
        const after = lx.peek();
        if (!isEol(after.kind)) {
          throw lx.error(
            after.line,
            after.column,
            `expected a newline after ")", found ${JSON.stringify(after.text)}`,
            'a newline after ")"',
          );
        }
        lx.next();
        return block;
      }
      default: {
        const line = parseBlockLine(lx);
        line.before = comments;
        comments = [];
        block.lines.push(line);
      }
    }
  }
}

function parseBlockLine(lx: Lexer): SyntaxLine {
  const tokens = [lx.next()];
  for (;;) {
    const t = lx.next();
    if (isEol(t.kind)) return endOfLine(tokens, t);
    tokens.push(t);
  }
}
