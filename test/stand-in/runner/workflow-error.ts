/**
 * A workflow file or a set of dispatch inputs that GitHub would refuse (its dispatch endpoint
 * answers 422), or that uses something the stand-in runner cannot honour. Refusing is safer
 * than running something other than what the workflow says: results must be real.
 */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  /** The workflow file, and the 1-based line when the problem sits at a known place in it. */
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, where: { file?: string; line?: number } = {}) {
    const prefix =
      where.file === undefined ? '' : where.line === undefined ? `${where.file}: ` : `${where.file}:${where.line}: `;
    super(prefix + message);
    this.file = where.file;
    this.line = where.line;
  }
}

/**
 * An expression that cannot be parsed or evaluated. Found while reading the workflow it becomes
 * a WorkflowError with the place; found while running (fromJSON of bad JSON) it fails the step.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    /** The expression as written, without `${{ }}`. */
    readonly expression: string,
  ) {
    super(`${message} in expression "${expression}"`);
  }
}
