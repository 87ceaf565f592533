/**
 * The last step of every builder: a payload leaves only if GitHub's webhook schema accepts it and
 * none of its links lead away from the stand-in. Anything else is a bug in the builder, and throws.
 */
import { examplePayload } from '../../support/webhooks.js';
import type { Json } from '../webhook-parts.js';
import { checkWebhookPayload, WebhookPayloadError } from '../webhook-schema.js';
import type { Site } from '../webhook-state.js';
import { foreignUrls } from '../webhook-urls.js';

export function checked(event: string, payload: Json, site: Site): Json {
  const away = foreignUrls(payload, site).map((link) => `${link} does not point at the stand-in`);
  const problems = [...checkWebhookPayload(event, payload), ...away];
  if (problems.length > 0) throw new WebhookPayloadError(event, problems);
  return payload;
}

/** The first example GitHub's schema accepts: the older examples lack fields added since. */
export function fittingExample(
  event: string,
  action: string | undefined,
  also: (p: Json) => boolean = () => true,
): Json {
  return examplePayload(event, action, (p) => also(p) && checkWebhookPayload(event, p).length === 0);
}
