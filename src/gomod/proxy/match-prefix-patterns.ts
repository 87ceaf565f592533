/**
 * GOPRIVATE / GONOPROXY / GONOSUMDB matching, as Go's module.MatchPrefixPatterns: a
 * comma-separated list of path.Match globs, each compared with as many leading elements of the
 * module path as the glob has. Empty and malformed globs never match.
 */

class BadPattern extends Error {}

/** Matches one chunk (no `*`) at the start of `s`; returns the rest of `s`, or null on mismatch. */
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let c = 0;
  let i = 0;
  // After a mismatch keep scanning the chunk, so a malformed tail is still reported as such.
  let failed = false;
  while (c < chunk.length) {
    failed = failed || i >= s.length;
    const ch = chunk[c]!;
    if (ch === '[') {
      const r = failed ? undefined : s[i++];
      c++;
      let negated = false;
      if (chunk[c] === '^') {
        negated = true;
        c++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk[c] === ']' && nrange > 0) {
          c++;
          break;
        }
        let lo: string;
        [lo, c] = classChar(chunk, c);
        let hi = lo;
        if (chunk[c] === '-') [hi, c] = classChar(chunk, c + 1);
        if (r !== undefined && lo.codePointAt(0)! <= r.codePointAt(0)! && r.codePointAt(0)! <= hi.codePointAt(0)!) {
          match = true;
        }
        nrange++;
      }
      failed = failed || match === negated;
    } else if (ch === '?') {
      if (!failed) failed = s[i++] === '/';
      c++;
    } else {
      if (ch === '\\') {
        c++;
        if (c >= chunk.length) throw new BadPattern();
      }
      if (!failed) failed = chunk[c] !== s[i++];
      c++;
    }
  }
  return failed ? null : s.slice(i);
}

/** One (possibly escaped) character of a class range; the class must continue after it. */
function classChar(chunk: string[], at: number): [string, number] {
  let c = at;
  if (c >= chunk.length || chunk[c] === '-' || chunk[c] === ']') throw new BadPattern();
  if (chunk[c] === '\\') {
    c++;
    if (c >= chunk.length) throw new BadPattern();
  }
  const r = chunk[c]!;
  c++;
  if (c >= chunk.length) throw new BadPattern();
  return [r, c];
}

function scanChunk(p: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let k = 0;
  while (p[k] === '*') k++;
  const star = k > 0;
  let inRange = false;
  for (let i = k; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      if (i + 1 < p.length) i++;
    } else if (ch === '[') inRange = true;
    else if (ch === ']') inRange = false;
    else if (ch === '*' && !inRange) return { star, chunk: p.slice(k, i), rest: p.slice(i) };
  }
  return { star, chunk: p.slice(k), rest: [] };
}

/**
 * Go's path.Match: `*` any run of non-`/`, `?` one non-`/`, `[...]` classes with `^` and ranges,
 * `\` escapes. Throws BadPattern (internal) for a malformed pattern.
 */
function match(patternStr: string, nameStr: string): boolean {
  let pattern = Array.from(patternStr);
  let name = Array.from(nameStr);
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes('/');
    const t = matchChunk(chunk, name);
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== null) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return name.length === 0;
}

/** Go's path.Match, with a malformed pattern reported as `null`. */
export function pathMatch(pattern: string, name: string): boolean | null {
  try {
    return match(pattern, name);
  } catch (err) {
    if (err instanceof BadPattern) return null;
    throw err;
  }
}

export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (const raw of globs.split(',')) {
    const glob = raw.endsWith('/') ? raw.slice(0, -1) : raw;
    if (glob === '') continue;
    let n = glob.split('/').length - 1;
    let prefix = target;
    for (let i = 0; i < target.length; i++) {
      if (target[i] === '/') {
        if (n === 0) {
          prefix = target.slice(0, i);
          break;
        }
        n--;
      }
    }
    if (n > 0) continue;
    if (pathMatch(glob, prefix) === true) return true;
  }
  return false;
}
