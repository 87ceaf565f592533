/**
 * Real webhook payloads (the community-collected examples of @octokit/webhooks-examples) and
 * signed deliveries, as GitHub sends them: JSON body, `X-GitHub-Event`, `X-GitHub-Delivery`,
 * `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body with the webhook secret>`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

type Payload = Record<string, unknown>;

let definitions: WebhookDefinition[] | undefined;

function all(): WebhookDefinition[] {
  definitions ??= createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
  return definitions;
}

/** A deep copy of the first real payload of `event` (and `action`, when given) that passes `filter`. */
export function examplePayload(event: string, action?: string, filter: (p: Payload) => boolean = () => true): Payload {
  const def = all().find((d) => d.name === event);
  if (!def) throw new Error(`no webhook examples for event ${event}`);
  const found = (def.examples as unknown as Payload[]).find(
    (p) => (action === undefined || p['action'] === action) && filter(p),
  );
  if (!found) throw new Error(`no ${event}${action ? `.${action}` : ''} example matches`);
  return structuredClone(found);
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface Delivery {
  id: string;
  headers: Record<string, string>;
  body: string;
}

/** A delivery of `payload`, signed with `secret` (pass `signature` to forge one). */
export function signedDelivery(
  event: string,
  payload: unknown,
  secret: string,
  opts: { id?: string; signature?: string } = {},
): Delivery {
  const body = JSON.stringify(payload);
  const id = opts.id ?? randomUUID();
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/test',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-hub-signature-256': opts.signature ?? signBody(secret, body),
    },
  };
}

/** POSTs a delivery to a webhook URL; resolves with the status and body text. */
export async function deliver(url: string, delivery: Delivery): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return { status: res.status, body: await res.text() };
}

/**
 * A repository entry as installation payloads list them, derived from a real one: same shape,
 * another id and name.
 */
export function listedRepo(template: Payload, id: number, owner: string, name: string): Payload {
  return {
    ...structuredClone(template),
    id,
    name,
    full_name: `${owner}/${name}`,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
  };
}
