/**
 * Captures a stream up to a byte budget, keeping the end: when go fails, the last lines are
 * the ones that say why.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes received but no longer held. */
  dropped = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxBytes) {
      const first = this.chunks[0];
      if (!first) break;
      const excess = this.size - this.maxBytes;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
        this.dropped += excess;
      }
    }
  }

  /** The kept bytes as text, led by a line saying how much was dropped, if anything was. */
  text(): string {
    const body = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `${droppedMarker(this.dropped)}\n${body}` : body;
  }
}

export function droppedMarker(bytes: number): string {
  return `[gomod-steward: ${bytes} earlier bytes of output dropped]`;
}
