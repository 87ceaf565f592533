/**
 * The syntax of GitHub Actions expressions (the text inside `${{ }}`), for the subset the
 * stand-in evaluates. Operators not in that subset are refused here, so a workflow never runs
 * with an expression read differently from how GitHub reads it.
 */
import { ExpressionError } from './workflow-error.js';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export type Expr =
  | { kind: 'literal'; value: Value }
  | { kind: 'context'; name: string }
  | { kind: 'property'; object: Expr; key: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'not'; operand: Expr }
  | { kind: 'compare'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'logical'; op: '&&' | '||'; left: Expr; right: Expr };

type Token =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'ident'; value: string }
  | { type: 'punct'; value: string };

const NUMBER = /^-?(?:0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i;
const IDENT = /^[a-z_][a-z0-9_-]*/i;
const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest.startsWith("'")) {
      // A quote inside a string literal is written twice.
      let j = 1;
      let value = '';
      for (;;) {
        if (j >= rest.length) throw new ExpressionError('unterminated string literal', source);
        if (rest[j] === "'") {
          if (rest[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += rest[j];
        j += 1;
      }
      tokens.push({ type: 'string', value });
      i += j + 1;
      continue;
    }
    const previous = tokens.at(-1);
    // "-" only ever starts a number: the language has no subtraction.
    const number = NUMBER.exec(rest);
    if (number && !(previous?.type === 'punct' && previous.value === '.')) {
      // Number() reads "0x1f" but not "-0x1f".
      const text = number[0];
      tokens.push({ type: 'number', value: text.startsWith('-') ? -Number(text.slice(1)) : Number(text) });
      i += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const punct = PUNCT.find((p) => rest.startsWith(p));
    if (punct) {
      tokens.push({ type: 'punct', value: punct });
      i += punct.length;
      continue;
    }
    if (rest.startsWith('"'))
      throw new ExpressionError('string literals take single quotes, not double quotes', source);
    if (rest.startsWith('*'))
      throw new ExpressionError('the object filter "*" is not supported by the stand-in runner', source);
    throw new ExpressionError(`unexpected character "${rest[0]}"`, source);
  }
  return tokens;
}

/** Parses one expression; `source` is the text between `${{` and `}}`. */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let pos = 0;

  const peek = (): Token | undefined => tokens[pos];
  const isPunct = (value: string): boolean => {
    const t = peek();
    return t?.type === 'punct' && t.value === value;
  };
  const expect = (value: string): void => {
    if (!isPunct(value)) throw new ExpressionError(`expected "${value}"${describeAt(peek())}`, source);
    pos += 1;
  };

  const orExpr = (): Expr => {
    let left = andExpr();
    while (isPunct('||')) {
      pos += 1;
      left = { kind: 'logical', op: '||', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): Expr => {
    let left = equality();
    while (isPunct('&&')) {
      pos += 1;
      left = { kind: 'logical', op: '&&', left, right: equality() };
    }
    return left;
  };
  const equality = (): Expr => {
    let left = relational();
    while (isPunct('==') || isPunct('!=')) {
      const op = (tokens[pos++] as { value: '==' | '!=' }).value;
      left = { kind: 'compare', op, left, right: relational() };
    }
    return left;
  };
  const relational = (): Expr => {
    let left = unary();
    while (isPunct('<') || isPunct('<=') || isPunct('>') || isPunct('>=')) {
      const op = (tokens[pos++] as { value: '<' | '<=' | '>' | '>=' }).value;
      left = { kind: 'compare', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    if (isPunct('!')) {
      pos += 1;
      return { kind: 'not', operand: unary() };
    }
    return postfix(primary());
  };
  const postfix = (start: Expr): Expr => {
    let expr = start;
    for (;;) {
      if (isPunct('.')) {
        pos += 1;
        const t = peek();
        if (t?.type !== 'ident')
          throw new ExpressionError(`expected a property name after "."${describeAt(t)}`, source);
        pos += 1;
        expr = { kind: 'property', object: expr, key: t.value };
      } else if (isPunct('[')) {
        pos += 1;
        const index = orExpr();
        expect(']');
        expr = { kind: 'index', object: expr, index };
      } else {
        return expr;
      }
    }
  };
  const primary = (): Expr => {
    const t = peek();
    if (t === undefined) throw new ExpressionError('unexpected end', source);
    pos += 1;
    if (t.type === 'number' || t.type === 'string') return { kind: 'literal', value: t.value };
    if (t.type === 'punct') {
      if (t.value !== '(') throw new ExpressionError(`unexpected "${t.value}"`, source);
      const inner = orExpr();
      expect(')');
      return inner;
    }
    const word = t.value.toLowerCase();
    if (isPunct('(')) {
      pos += 1;
      const args: Expr[] = [];
      if (!isPunct(')')) {
        args.push(orExpr());
        while (isPunct(',')) {
          pos += 1;
          args.push(orExpr());
        }
      }
      expect(')');
      return { kind: 'call', name: word, args };
    }
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', value: null };
    return { kind: 'context', name: word };
  };

  if (tokens.length === 0) throw new ExpressionError('empty expression', source);
  const expr = orExpr();
  if (pos < tokens.length) throw new ExpressionError(`unexpected ${describe(tokens[pos] as Token)}`, source);
  return expr;
}

function describe(t: Token): string {
  return t.type === 'string' ? `'${t.value}'` : `"${String(t.value)}"`;
}

function describeAt(t: Token | undefined): string {
  return t === undefined ? ' at the end' : `, found ${describe(t)}`;
}
