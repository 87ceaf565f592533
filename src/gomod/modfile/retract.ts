/**
 * The version interval of a retract directive: `v1.2.3` or `[v1.0.0, v1.2.3]`. Like
 * `go mod edit`, the versions themselves are only unquoted, not checked: Go checks them
 * against the module path only when it builds.
 */
import { argAt, type Directive, fail, stringArg } from './directives.js';
import type { Token } from './lexer.js';

export interface Interval {
  low: string;
  high: string;
  /** Tokens after the interval (an error in a main module, ignored in a dependency's go.mod). */
  rest: Token[];
}

export function retractInterval(d: Directive): Interval {
  const t = d.args;
  const first = t[0];
  if (!first || first.text === '(') {
    throw fail(d, argAt(d, 0), `expected "[" or a version after retract`, 'a version or [low, high]');
  }
  if (first.text !== '[') {
    const v = stringArg(d, first);
    return { low: v, high: v, rest: t.slice(1) };
  }
  const need = (i: number, what: string): Token => {
    const tok = t[i];
    if (!tok || (what !== 'version' && tok.text !== what)) {
      const after = i === 1 ? '"["' : i === 3 ? '","' : 'the version';
      const found = tok ? `, found ${JSON.stringify(tok.text)}` : '';
      throw fail(
        d,
        tok ?? argAt(d, i),
        `expected ${what === 'version' ? 'a version' : JSON.stringify(what)} after ${after}${found}`,
        'a range like [v1.0.0, v1.2.3]',
      );
    }
    return tok;
  };
  const low = stringArg(d, need(1, 'version'));
  need(2, ',');
  const high = stringArg(d, need(3, 'version'));
  need(4, ']');
  return { low, high, rest: t.slice(5) };
}
