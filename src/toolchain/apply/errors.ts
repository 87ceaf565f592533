import { StewardError } from '../../errors.js';
import { GoAbortedError, GoCommandError } from '../errors.js';
import type { FailedModule } from './types.js';

/** apply was asked to restore or measure something it never recorded: a bug, not bad input. */
export class ApplyStateError extends StewardError {
  readonly code = 'apply-state';
}

/**
 * A go command failed for a reason that belongs to the module it ran in (not found, checksum,
 * syntax, timeout...). An abort is not one: it ends the whole apply.
 */
export function isGoFailure(err: unknown): err is GoCommandError {
  return err instanceof GoCommandError && !(err instanceof GoAbortedError);
}

/** How a failed go command is reported: Go's words, made repository-relative by `clean`. */
export function failureFrom(dir: string, err: GoCommandError, clean: (s: string) => string): FailedModule {
  return { dir, kind: err.code, error: clean(err.goMessage || err.message), command: `go ${err.args.join(' ')}` };
}
