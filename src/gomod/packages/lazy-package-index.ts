/**
 * A stored package index read lazily: the text is checked and split into its packages in one
 * pass, and a package's imports are decoded only when asked for. A plan reads a few hundred
 * indexes (megabytes of JSON) but loads about one package in five of them (measured: 4,732 of
 * 26,133 on golang-samples); parsing each text whole took half as long again as this pass, and
 * made every import string, kept for the life of the process.
 *
 * Only the layout encodePackageIndex writes is read this way (no whitespace, the keys in its
 * order); for anything else the caller parses the text whole, so a text is never read otherwise
 * than JSON.parse with checkPackageIndex would.
 */

/** The packages of a stored index, by position: its dirs, and each package's text. */
export class LazyPackages {
  /** Each package decoded as [dir, imports, test imports], once asked for. */
  private readonly decoded: ([string, string[], string[]] | undefined)[];

  constructor(
    private readonly text: string,
    readonly dirs: readonly string[],
    /** Where each package's `[dir, [...], [...]]` starts and ends (past its last bracket). */
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {
    this.decoded = new Array<[string, string[], string[]] | undefined>(dirs.length).fill(undefined);
  }

  /** The package at position `i`: [dir, imports, test imports]. */
  at(i: number): [string, string[], string[]] {
    let p = this.decoded[i];
    if (p === undefined) {
      p = JSON.parse(this.text.slice(this.starts[i]!, this.ends[i]!)) as [string, string[], string[]];
      this.decoded[i] = p;
    }
    return p;
  }
}

export interface ScannedIndex {
  format: number;
  path: string;
  version: string;
  packages: LazyPackages;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** Where the string starting at `pos` ends (past its quote), or -1; the text holds no escapes. */
function skipString(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== QUOTE) return -1;
  const end = text.indexOf('"', pos + 1);
  return end < 0 ? -1 : end + 1;
}

/** Where the array of strings starting at `pos` ends (past its bracket), or -1. */
function skipStrings(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== OPEN) return -1;
  pos++;
  if (text.charCodeAt(pos) === CLOSE) return pos + 1;
  for (;;) {
    pos = skipString(text, pos);
    if (pos < 0) return -1;
    const c = text.charCodeAt(pos++);
    if (c === CLOSE) return pos;
    if (c !== COMMA) return -1;
  }
}

/** Characters a JSON string holds only escaped, and the escape itself. */
const ESCAPED = /[\\\x00-\x1f]/;

/**
 * Checks `text` as the layout `{"format":F,"path":"…","version":"…","packages":[["dir",[…],[…]],…]}`
 * and finds its packages; undefined when it is laid out otherwise, holds an escape (import paths
 * need none), or is not JSON at all.
 */
export function scanPackageIndex(text: string, format: number): ScannedIndex | undefined {
  if (ESCAPED.test(text)) return undefined;
  const head = `{"format":${format},"path":`;
  if (!text.startsWith(head)) return undefined;
  let pos = head.length;
  let end = skipString(text, pos);
  if (end < 0) return undefined;
  const path = text.slice(pos + 1, end - 1);
  if (!text.startsWith(',"version":', end)) return undefined;
  pos = end + ',"version":'.length;
  end = skipString(text, pos);
  if (end < 0) return undefined;
  const version = text.slice(pos + 1, end - 1);
  if (!text.startsWith(',"packages":[', end)) return undefined;
  pos = end + ',"packages":['.length;
  const dirs: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  if (text.charCodeAt(pos) === CLOSE) pos++;
  else {
    for (;;) {
      const start = pos;
      if (text.charCodeAt(pos) !== OPEN) return undefined;
      end = skipString(text, pos + 1);
      if (end < 0 || text.charCodeAt(end) !== COMMA) return undefined;
      const dir = text.slice(pos + 2, end - 1);
      pos = skipStrings(text, end + 1);
      if (pos < 0 || text.charCodeAt(pos) !== COMMA) return undefined;
      pos = skipStrings(text, pos + 1);
      if (pos < 0 || text.charCodeAt(pos) !== CLOSE) return undefined;
      pos++;
      dirs.push(dir);
      starts.push(start);
      ends.push(pos);
      const c = text.charCodeAt(pos++);
      if (c === CLOSE) break;
      if (c !== COMMA) return undefined;
    }
  }
  if (pos !== text.length - 1 || text.charCodeAt(pos) !== 0x7d /* } */) return undefined;
  return {
    format,
    path,
    version,
    packages: new LazyPackages(text, dirs, Int32Array.from(starts), Int32Array.from(ends)),
  };
}
