import { StewardError } from '../errors.js';

/**
 * A signed delivery whose payload lacks what the handler relies on. `status` is what the
 * webhook middleware answers with: a 4xx, so the sender sees the delivery was refused.
 */
export class MalformedPayloadError extends StewardError {
  readonly code = 'malformed-payload';
  readonly status = 400;
  constructor(event: string, detail: string) {
    super(`malformed ${event} payload: ${detail}`);
  }
}
