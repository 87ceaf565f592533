/**
 * Reading one argument of a directive the way Go does: a double-quoted token is a Go
 * interpreted string literal; any other token is taken literally but may not contain a quote
 * character (backquoted raw strings are lexed, and then refused here, exactly like Go).
 */

export type Unquoted = { ok: true; value: string } | { ok: false; reason: string };

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

function hexValue(s: string): number | null {
  let n = 0;
  for (const c of s) {
    const d = parseInt(c, 16);
    if (Number.isNaN(d)) return null;
    n = n * 16 + d;
  }
  return n;
}

function pushCodePoint(bytes: number[], cp: number): void {
  for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
}

/** Go's strconv.Unquote for a `"..."` token; null when it is not a valid literal. */
export function unquoteInterpreted(token: string): string | null {
  if (token.length < 2 || !token.startsWith('"') || !token.endsWith('"')) return null;
  const body = token.slice(1, -1);
  if (body.includes('\n')) return null;
  if (!body.includes('\\')) return body.includes('"') ? null : body;
  // \x and octal escapes produce raw bytes, so build UTF-8 and decode once at the end.
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const cp = body.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 0x22) return null;
    if (cp !== 0x5c) {
      pushCodePoint(bytes, cp);
      i += width;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return null;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple);
      i += 2;
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + n);
      const v = digits.length === n ? hexValue(digits) : null;
      if (v === null) return null;
      if (e === 'x') {
        bytes.push(v);
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
        pushCodePoint(bytes, v);
      }
      i += 2 + n;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) return null;
      const v = parseInt(digits, 8);
      if (v > 255) return null;
      bytes.push(v);
      i += 4;
      continue;
    }
    return null;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** One directive argument as Go reads it (modfile's parseString). */
export function unquoteArg(token: string): Unquoted {
  if (token.startsWith('"')) {
    const value = unquoteInterpreted(token);
    return value === null ? { ok: false, reason: `invalid quoted string ${token}` } : { ok: true, value };
  }
  if (/["'`]/.test(token)) {
    return {
      ok: false,
      reason: `unquoted ${JSON.stringify(token)} cannot contain a quote character; use a "double-quoted" string`,
    };
  }
  return { ok: true, value: token };
}
