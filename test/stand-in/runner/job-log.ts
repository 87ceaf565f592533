/**
 * A job's log as GitHub serves it: one timestamp per line. Capped, because a test binary gone
 * wrong can print without end; the beginning and the end are kept (the end is where go reports
 * what failed) and the middle is left out with a note saying how much.
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_LOG_LIMIT = 1 << 20;

export class JobLog {
  private readonly head: string[] = [];
  private headBytes = 0;
  private readonly tail: string[] = [];
  private tailBytes = 0;
  private droppedBytes = 0;

  constructor(private readonly limit = DEFAULT_LOG_LIMIT) {}

  /** Adds whole lines (text may hold several). */
  line(text: string): void {
    for (const l of text.split(/\r?\n/)) this.push(`${new Date().toISOString()} ${l}\n`);
  }

  /** A writer for one output stream: it keeps a partial last line (and a split UTF-8 character) until the rest arrives. */
  stream(): { write(chunk: Buffer): void; end(): void } {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    const take = (text: string): void => {
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop() as string;
      for (const l of lines) this.line(l);
    };
    return {
      write: (chunk) => take(decoder.write(chunk)),
      end: () => {
        take(decoder.end());
        if (partial !== '') this.line(partial);
        partial = '';
      },
    };
  }

  private push(entry: string): void {
    const bytes = Buffer.byteLength(entry);
    if (this.headBytes + bytes <= this.limit / 2 && this.tail.length === 0) {
      this.head.push(entry);
      this.headBytes += bytes;
      return;
    }
    this.tail.push(entry);
    this.tailBytes += bytes;
    while (this.tailBytes > this.limit / 2 && this.tail.length > 0) {
      const dropped = Buffer.byteLength(this.tail.shift() as string);
      this.tailBytes -= dropped;
      this.droppedBytes += dropped;
    }
  }

  toString(): string {
    const note =
      this.droppedBytes > 0
        ? [`${new Date().toISOString()} [stand-in runner: ${this.droppedBytes} bytes of log left out here]\n`]
        : [];
    return [...this.head, ...note, ...this.tail].join('');
  }
}
