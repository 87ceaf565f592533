/**
 * No accepted work is lost to a Redis outage: a delivery the web process refused (500 while Redis
 * was down) is one GitHub does not resend by itself. On every reconciliation the app lists its
 * recent deliveries and asks GitHub to redeliver each event whose every attempt failed, once:
 * an event that has a redelivery already (ours or a person's, from the settings page) or any
 * successful attempt is left alone, so this holds across restarts and a Redis that lost its keys.
 * Only events younger than `maxAgeMs` are considered (GitHub keeps deliveries for a few days; an
 * old command answered now would surprise more than help).
 */
import type { Logger } from 'probot';
import type { GitHubAuth } from '../github/app-auth.js';
import { listRecentDeliveries, redeliver, type HookDelivery } from '../github/hook-deliveries.js';

export const REDELIVER_MAX_AGE_MS = 24 * 3600_000;

const ok = (d: HookDelivery) => d.status_code >= 200 && d.status_code < 400;

/** The delivery to resend for each event that failed every time and was never redelivered. */
export function deliveriesToRedeliver(deliveries: readonly HookDelivery[]): HookDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const d of deliveries) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
  const out: HookDelivery[] = [];
  for (const attempts of byGuid.values()) {
    if (attempts.some(ok) || attempts.some((a) => a.redelivery)) continue;
    const latest = attempts.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) ? b : a));
    out.push(latest);
  }
  return out;
}

export interface RedeliverResult {
  listed: number;
  redelivered: number;
}

export async function redeliverFailed(
  deps: { auth: GitHubAuth; log: Logger },
  now: number = Date.now(),
  maxAgeMs: number = REDELIVER_MAX_AGE_MS,
): Promise<RedeliverResult> {
  const app = await deps.auth.app();
  const deliveries = await listRecentDeliveries(app, now - maxAgeMs);
  const todo = deliveriesToRedeliver(deliveries);
  let redelivered = 0;
  for (const d of todo) {
    try {
      await redeliver(app, d.id);
      redelivered++;
    } catch (err) {
      deps.log.warn({ err: { message: (err as Error).message }, deliveryId: d.id, guid: d.guid }, 'redelivery refused');
    }
  }
  if (todo.length) deps.log.info({ listed: deliveries.length, redelivered }, 'failed deliveries redelivered');
  return { listed: deliveries.length, redelivered };
}
