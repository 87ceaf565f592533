/**
 * Parsed go.mod files of canonical versions, kept in one append-only file per proxy list: a
 * version's go.mod never changes, and a plan of a large workspace reads thousands of them — one
 * file and one JSON.parse each instead of opening, reading and parsing each go.mod again.
 *
 * The directory is named by a fingerprint of the parser's own code (the modfile folder and the
 * version and module-path rules it calls) and of the stored shape (FORMAT), so a parser or a
 * shape that changes never reads what an older one wrote. Lines are `path@version<TAB>json`; a
 * line that does not parse (a torn write by a concurrent process) is skipped and its go.mod
 * parsed again. A file past MAX_BYTES is started afresh. Best effort throughout: any failure
 * only costs the parse the store would have saved.
 *
 * The stored shape is lean (stored-go-mod.ts): a dependency's go.mod is mostly requirements, and
 * spelling each one as an object with a position object and naming the empty directives made the
 * decode most of the store's cost. An entry is decoded once and then shared (up to MAX_DECODED of them).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoMod } from '../types.js';
import { decodeStoredGoMod, encodeStoredGoMod } from './stored-go-mod.js';

/** Bumped when the stored shape changes without the parser's code changing (2: stored-go-mod.ts). */
const FORMAT = 2;
const MAX_BYTES = 64 << 20;

let fingerprintMemo: string | null | undefined;

/** The parser's code, hashed; null when its files cannot be found (then nothing is stored). */
export function parserFingerprint(): string | null {
  if (fingerprintMemo !== undefined) return fingerprintMemo;
  try {
    const gomod = fileURLToPath(new URL('..', import.meta.url));
    const h = createHash('sha256').update(`format ${FORMAT}\n`);
    const code = (f: string) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts');
    const files = [
      ...readdirSync(join(gomod, 'modfile'))
        .filter(code)
        .sort()
        .map((f) => join(gomod, 'modfile', f)),
      ...readdirSync(gomod)
        .filter((f) => code(f) && /^(module|version|go-version|pseudo-version|types)\./.test(f))
        .sort()
        .map((f) => join(gomod, f)),
    ];
    if (files.length === 0) throw new Error('no parser files');
    for (const f of files) h.update(f.slice(gomod.length)).update('\0').update(readFileSync(f)).update('\0');
    fingerprintMemo = h.digest('hex').slice(0, 16);
  } catch {
    fingerprintMemo = null;
  }
  return fingerprintMemo;
}

/** Decoded entries kept per store: a plan's worth, not every entry of a long-lived worker's file. */
const MAX_DECODED = 20_000;

export class ParsedModStore {
  /** Each key's stored line. */
  private entries: Map<string, string> | undefined;
  /** What lines decoded to, handed out again while they are here. */
  private decoded = new Map<string, GoMod>();
  private pending: string[] = [];
  private flushQueued = false;
  private dirMade = false;

  constructor(private readonly file: string) {}

  /** The store for one proxy key under `dir`, or null when the parser's fingerprint is unknown. */
  static under(dir: string, proxyKey: string): ParsedModStore | null {
    const fp = parserFingerprint();
    return fp ? new ParsedModStore(join(dir, 'parsed-go-mod', fp, `${proxyKey}.jsonl`)) : null;
  }

  private load(): Map<string, string> {
    if (this.entries) return this.entries;
    const entries = new Map<string, string>();
    this.entries = entries;
    let text: string;
    try {
      if (statSync(this.file).size > MAX_BYTES) {
        rmSync(this.file, { force: true });
        return entries;
      }
      // Lines are JSON of module paths and versions, ASCII nearly always: decoded as such, a few
      // megabytes take half the time UTF-8 decoding does, with the same text.
      const bytes = readFileSync(this.file);
      text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    } catch {
      return entries;
    }
    let at = 0;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      // A last line without its newline may still be being written: left for the parse.
      if (end < 0) break;
      const tab = text.indexOf('\t', at);
      if (tab > at && tab < end) entries.set(text.slice(at, tab), text.slice(tab + 1, end));
      at = end + 1;
    }
    return entries;
  }

  /**
   * The go.mod stored for `key` (`path@version`), or undefined. The same object each time it is
   * asked for while it stays decoded: callers read it and never change it, as they do what
   * fetchGoMod shares.
   */
  get(key: string): GoMod | undefined {
    const known = this.decoded.get(key);
    if (known) return known;
    const entries = this.load();
    const json = entries.get(key);
    if (json === undefined) return undefined;
    const goMod = decodeStoredGoMod(key, json);
    if (goMod) {
      this.keep(key, goMod);
      return goMod;
    }
    // A torn or foreign line: parsed again and written anew.
    entries.delete(key);
    return undefined;
  }

  add(key: string, goMod: GoMod): void {
    const line = encodeStoredGoMod(key, goMod);
    this.load().set(key, line);
    this.keep(key, goMod);
    this.pending.push(`${key}\t${line}\n`);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  private keep(key: string, goMod: GoMod): void {
    if (this.decoded.size >= MAX_DECODED) this.decoded.clear();
    this.decoded.set(key, goMod);
  }

  /**
   * Writes what was added since the last flush, synchronously, before the work that added it
   * goes on: nothing is left in flight for a process that exits or a caller that removes the
   * directory right after. One append per batch: whole lines from concurrent processes do not
   * interleave.
   */
  private flush(): void {
    this.flushQueued = false;
    const data = this.pending.join('');
    this.pending = [];
    try {
      if (!this.dirMade) mkdirSync(dirname(this.file), { recursive: true });
      this.dirMade = true;
      appendFileSync(this.file, data);
    } catch {
      // Best effort: the entries stay in memory for this process.
    }
  }
}
