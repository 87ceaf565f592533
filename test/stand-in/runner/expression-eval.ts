/**
 * Evaluates parsed expressions with GitHub's rules: loose comparison through numbers when the
 * types differ, case-insensitive string equality, `&&`/`||` yielding an operand (not a boolean),
 * and property names matched without regard to case.
 */
import type { Expr, Value } from './expression-parser.js';
import { ExpressionError } from './workflow-error.js';

/** What `success()`, `failure()` and `cancelled()` look at: the job so far. */
export type JobStatus = 'success' | 'failure' | 'cancelled';

export interface Scope {
  /** The contexts available where the expression sits, by lower-case name. */
  contexts: Readonly<Record<string, Value>>;
  /** Set only where status functions are allowed (a step's `if`). */
  status?: JobStatus;
}

/** Name (lower case) → how many arguments, and whether it reads the job status. */
export const FUNCTIONS: Readonly<Record<string, { args: number; status: boolean }>> = {
  fromjson: { args: 1, status: false },
  tojson: { args: 1, status: false },
  always: { args: 0, status: true },
  success: { args: 0, status: true },
  failure: { args: 0, status: true },
  cancelled: { args: 0, status: true },
};

export function truthy(v: Value): boolean {
  if (v === null || v === false || v === '' || v === 0) return false;
  if (typeof v === 'number' && Number.isNaN(v)) return false;
  return true;
}

/** How a value reads when interpolated into a string. */
export function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return Array.isArray(v) ? 'Array' : 'Object';
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? 0 : Number(s);
  }
  return NaN;
}

function isObject(v: Value): v is { [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function equal(a: Value, b: Value): boolean {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return toNumber(a) === toNumber(b);
  if (ta === 'string') return (a as string).toLowerCase() === (b as string).toLowerCase();
  return a === b;
}

function order(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x - y;
}

/** Exact key first, then any key equal ignoring case. */
function member(object: Value, key: Value): Value {
  if (Array.isArray(object)) {
    const i = toNumber(key);
    return Number.isInteger(i) && i >= 0 && i < object.length ? (object[i] as Value) : null;
  }
  if (!isObject(object)) return null;
  const name = toText(key);
  if (Object.hasOwn(object, name)) return object[name] as Value;
  const lower = name.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? null : (object[found] as Value);
}

export function evaluate(expr: Expr, scope: Scope, source: string): Value {
  const ev = (e: Expr): Value => evaluate(e, scope, source);
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'context': {
      if (!Object.hasOwn(scope.contexts, expr.name))
        throw new ExpressionError(`unknown context "${expr.name}"`, source);
      return scope.contexts[expr.name] as Value;
    }
    case 'property':
      return member(ev(expr.object), expr.key);
    case 'index':
      return member(ev(expr.object), ev(expr.index));
    case 'not':
      return !truthy(ev(expr.operand));
    case 'logical': {
      const left = ev(expr.left);
      if (expr.op === '&&') return truthy(left) ? ev(expr.right) : left;
      return truthy(left) ? left : ev(expr.right);
    }
    case 'call':
      return call(expr, scope, source, ev);
    case 'compare': {
      const left = ev(expr.left);
      const right = ev(expr.right);
      switch (expr.op) {
        case '==':
          return equal(left, right);
        case '!=':
          return !equal(left, right);
        case '<':
          return order(left, right) < 0;
        case '<=':
          return order(left, right) <= 0;
        case '>':
          return order(left, right) > 0;
        case '>=':
          return order(left, right) >= 0;
      }
    }
  }
}

function call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope, source: string, ev: (e: Expr) => Value): Value {
  const spec = FUNCTIONS[expr.name];
  if (spec === undefined) throw new ExpressionError(`unknown function "${expr.name}"`, source);
  if (expr.args.length !== spec.args)
    throw new ExpressionError(`${expr.name}() takes ${spec.args} argument(s), got ${expr.args.length}`, source);
  if (spec.status) {
    if (scope.status === undefined)
      throw new ExpressionError(`${expr.name}() is only allowed in a step's "if"`, source);
    if (expr.name === 'always') return true;
    return scope.status === expr.name;
  }
  const arg = ev(expr.args[0] as Expr);
  if (expr.name === 'tojson') return JSON.stringify(arg, null, 2);
  try {
    return JSON.parse(toText(arg)) as Value;
  } catch (err) {
    throw new ExpressionError(
      `fromJSON could not parse ${JSON.stringify(toText(arg))}: ${(err as Error).message}`,
      source,
    );
  }
}
