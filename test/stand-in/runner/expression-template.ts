/**
 * Workflow values with `${{ }}` in them, compiled once when the workflow is read. Compiling also
 * checks each expression against the contexts GitHub makes available at that place, so a
 * mistake is reported when the workflow is dispatched rather than halfway through a run.
 */
import { evaluate, FUNCTIONS, toText, truthy, type Scope } from './expression-eval.js';
import { parseExpression, type Expr, type Value } from './expression-parser.js';
import { ExpressionError } from './workflow-error.js';

export interface Template {
  source: string;
  parts: (string | { expr: Expr; text: string })[];
}

export interface Condition {
  template: Template;
  /** Without a status function GitHub reads the condition as `success() && (...)`. */
  readsStatus: boolean;
}

/** The contexts an expression may read where it sits, and whether status functions are allowed. */
export interface Allowed {
  contexts: readonly string[];
  status?: boolean;
}

/** Contexts GitHub knows but the stand-in does not fill in. */
const UNSUPPORTED_CONTEXTS = new Set(['vars', 'secrets', 'job', 'jobs', 'steps', 'runner', 'strategy', 'needs']);

/** The parts of the `github` context the stand-in fills in. */
export const GITHUB_KEYS: readonly string[] = ['workspace', 'event_name', 'job'];

export function compileTemplate(source: string, allowed: Allowed): Template {
  const parts: Template['parts'] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('${{', i);
    if (open < 0) {
      parts.push(source.slice(i));
      break;
    }
    if (open > i) parts.push(source.slice(i, open));
    const close = findClose(source, open + 3);
    const text = source.slice(open + 3, close).trim();
    const expr = parseExpression(text);
    check(expr, allowed, text);
    parts.push({ expr, text });
    i = close + 2;
  }
  return { source, parts };
}

/** The `}}` that ends the expression, skipping any inside string literals. */
function findClose(source: string, from: number): number {
  let inString = false;
  for (let i = from; i < source.length; i += 1) {
    const c = source[i];
    if (c === "'") inString = !inString;
    else if (!inString && c === '}' && source[i + 1] === '}') return i;
  }
  throw new ExpressionError('no closing "}}"', source.slice(from - 3));
}

function check(expr: Expr, allowed: Allowed, text: string): void {
  switch (expr.kind) {
    case 'literal':
      return;
    case 'context':
      if (allowed.contexts.includes(expr.name)) return;
      if (UNSUPPORTED_CONTEXTS.has(expr.name))
        throw new ExpressionError(`the "${expr.name}" context is not supported by the stand-in runner`, text);
      if (['github', 'env', 'matrix', 'inputs'].includes(expr.name))
        throw new ExpressionError(`the "${expr.name}" context is not available here`, text);
      throw new ExpressionError(`unknown context "${expr.name}"`, text);
    case 'property':
      if (
        expr.object.kind === 'context' &&
        expr.object.name === 'github' &&
        !GITHUB_KEYS.includes(expr.key.toLowerCase())
      ) {
        throw new ExpressionError(
          `github.${expr.key} is not provided by the stand-in runner (it has ${GITHUB_KEYS.join(', ')})`,
          text,
        );
      }
      check(expr.object, allowed, text);
      return;
    case 'index':
      check(expr.object, allowed, text);
      check(expr.index, allowed, text);
      return;
    case 'not':
      check(expr.operand, allowed, text);
      return;
    case 'compare':
    case 'logical':
      check(expr.left, allowed, text);
      check(expr.right, allowed, text);
      return;
    case 'call': {
      const spec = FUNCTIONS[expr.name];
      if (spec === undefined) throw new ExpressionError(`unknown function "${expr.name}"`, text);
      if (spec.status && !allowed.status)
        throw new ExpressionError(`${expr.name}() is only allowed in a step's "if"`, text);
      if (expr.args.length !== spec.args)
        throw new ExpressionError(`${expr.name}() takes ${spec.args} argument(s), got ${expr.args.length}`, text);
      for (const arg of expr.args) check(arg, allowed, text);
      return;
    }
  }
}

/** The value as text: every expression interpolated. */
export function renderText(t: Template, scope: Scope): string {
  return t.parts.map((p) => (typeof p === 'string' ? p : toText(evaluate(p.expr, scope, p.text)))).join('');
}

/** A value that is one expression alone keeps its type (an array from fromJSON); anything else is text. */
export function evaluateValue(t: Template, scope: Scope): Value {
  const only = t.parts.length === 1 ? t.parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string') return evaluate(only.expr, scope, only.text);
  return renderText(t, scope);
}

/**
 * An `if` may be written with or without `${{ }}`; a value that is more than one wrapped
 * expression is a string, and a non-empty string is true (as on GitHub).
 */
export function compileCondition(source: string, allowed: Allowed): Condition {
  const trimmed = source.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  const single = wrapped !== null && !(wrapped[1] as string).includes('${{');
  const template =
    trimmed.includes('${{') && !single
      ? compileTemplate(source, allowed)
      : compileTemplate(`\${{ ${single ? (wrapped[1] as string) : trimmed} }}`, allowed);
  return { template, readsStatus: template.parts.some((p) => typeof p !== 'string' && readsStatus(p.expr)) };
}

function readsStatus(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal':
    case 'context':
      return false;
    case 'property':
      return readsStatus(expr.object);
    case 'index':
      return readsStatus(expr.object) || readsStatus(expr.index);
    case 'not':
      return readsStatus(expr.operand);
    case 'compare':
    case 'logical':
      return readsStatus(expr.left) || readsStatus(expr.right);
    case 'call':
      return (FUNCTIONS[expr.name]?.status ?? false) || expr.args.some(readsStatus);
  }
}

export function conditionHolds(c: Condition, scope: Scope & { status: NonNullable<Scope['status']> }): boolean {
  if (!c.readsStatus && scope.status !== 'success') return false;
  return truthy(evaluateValue(c.template, scope));
}
