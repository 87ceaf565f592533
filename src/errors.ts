/**
 * Typed errors shared by every layer. `InputError`s are the user's to fix (exit 2, a file and
 * a line); everything else is the work failing (exit 1) and, inside a queue processor, is
 * rethrown so BullMQ retries.
 */
export interface SourcePosition {
  file: string;
  line: number;
  column?: number;
}

export abstract class StewardError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: a broken go.mod, go.work, config file or CLI usage. */
export class InputError extends StewardError {
  readonly code: string = 'bad-input';
  constructor(
    message: string,
    readonly position?: SourcePosition,
    readonly expected?: string,
  ) {
    super(position ? `${formatPosition(position)}: ${message}` : message);
  }
}

export class UsageError extends InputError {
  override readonly code = 'usage';
}

export function formatPosition(p: SourcePosition): string {
  return p.column ? `${p.file}:${p.line}:${p.column}` : `${p.file}:${p.line}`;
}
