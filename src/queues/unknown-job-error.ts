import { StewardError } from '../errors.js';

/** A job name this version does not know: enqueued by a newer or older deployment. */
export class UnknownJobError extends StewardError {
  readonly code = 'unknown-job';
  constructor(queue: string, name: string) {
    super(`${queue} queue: unknown job name ${JSON.stringify(name)}`);
  }
}
