import { InputError } from '../../errors.js';

/**
 * A go.mod or go.work file that Go itself would refuse. The position points at the offending
 * token (Go reports the start of its line; the line is always the same). When a file has
 * several bad directives, the first is thrown and `errors` lists all of them in file order.
 */
export class GoModSyntaxError extends InputError {
  override readonly code = 'gomod-syntax';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Every problem found in the file, this one first. */
  errors: readonly GoModSyntaxError[] = [this];

  constructor(
    file: string,
    line: number,
    column: number,
    /** What was wrong, without the position prefix. */
    readonly reason: string,
    expected?: string,
  ) {
    super(reason, { file, line, column }, expected);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** Throws the first of `errors`, carrying all of them; returns when there are none. */
export function throwCollected(errors: GoModSyntaxError[]): void {
  const first = errors[0];
  if (!first) return;
  first.errors = errors;
  throw first;
}
