import { StewardError } from '../../errors.js';

/** The database could not be read or answered something that is not its published layout. */
export class VulnDbError extends StewardError {
  readonly code = 'vulndb-unavailable';
}
