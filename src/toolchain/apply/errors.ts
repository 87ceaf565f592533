import { StewardError } from '../../errors.js';

/** apply was asked to restore or measure something it never recorded: a bug, not bad input. */
export class ApplyStateError extends StewardError {
  readonly code = 'apply-state';
}
