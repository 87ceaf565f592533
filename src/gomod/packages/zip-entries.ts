/**
 * Reads the files of a module zip (as the module proxy serves it) without unpacking it: the
 * central directory names every entry, and an entry is inflated only when asked for. A module
 * zip holds its files under `path@version/`; only stored and deflated entries occur (Go writes
 * nothing else), so those are the two methods read.
 */
import { constants, inflateRawSync } from 'node:zlib';

export interface ZipEntries {
  /** Entry names, as stored (`path@version/dir/file.go`). */
  names(): string[];
  /** The entry's bytes as text. */
  text(name: string): string;
  /**
   * The start of the entry as text, inflated from at most `compressedBytes` of it (a file's
   * header without the rest); `whole` says whether that was the entire entry.
   */
  head(name: string, compressedBytes: number): { text: string; whole: boolean };
}

const END_OF_CENTRAL_DIR = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

function findEndOfCentralDir(buf: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (view.getUint32(i, true) === END_OF_CENTRAL_DIR) return i;
  throw new ZipFormatError('no end of central directory record');
}

export function zipEntries(buf: Uint8Array): ZipEntries {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = findEndOfCentralDir(buf, view);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL_FILE_HEADER) throw new ZipFormatError('bad central directory entry');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(buf.subarray(at + 46, at + 46 + nameLen));
    entries.set(name, { method, compressedSize, localOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  const dataOf = (name: string): { e: Entry; data: Uint8Array } => {
    const e = entries.get(name);
    if (!e) throw new ZipFormatError(`no entry ${name}`);
    if (view.getUint32(e.localOffset, true) !== LOCAL_FILE_HEADER)
      throw new ZipFormatError(`bad local header for ${name}`);
    const start =
      e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    if (e.method !== 0 && e.method !== 8)
      throw new ZipFormatError(`unsupported compression method ${e.method} for ${name}`);
    return { e, data: buf.subarray(start, start + e.compressedSize) };
  };
  const inflate = (e: Entry, data: Uint8Array, partial: boolean): Uint8Array =>
    e.method === 0 ? data : inflateRawSync(data, partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
  return {
    names: () => [...entries.keys()],
    text(name) {
      const { e, data } = dataOf(name);
      return decoder.decode(inflate(e, data, false));
    },
    head(name, compressedBytes) {
      const { e, data } = dataOf(name);
      const whole = data.length <= compressedBytes;
      const bytes = inflate(e, whole ? data : data.subarray(0, compressedBytes), !whole);
      // A cut may split a character at the end; the caller reads only the header.
      return { text: decoder.decode(bytes), whole };
    },
  };
}
