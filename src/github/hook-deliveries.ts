/**
 * The app's recent webhook deliveries as GitHub records them (`GET /app/hook/deliveries`, newest
 * first, paged by cursor), and asking GitHub to deliver one again
 * (`POST /app/hook/deliveries/{id}/attempts`). Both are app-authenticated (a JWT).
 */
import { z } from 'zod';
import type { GitHubClient } from './app-auth.js';

export const hookDeliverySchema = z.object({
  id: z.number().int(),
  guid: z.string(),
  delivered_at: z.string(),
  redelivery: z.boolean(),
  status_code: z.number().int(),
  event: z.string(),
  action: z.string().nullable().optional(),
});
export type HookDelivery = z.infer<typeof hookDeliverySchema>;

/** Every delivery made since `sinceMs` (epoch ms); stops paging at the first older page. */
export async function listRecentDeliveries(appClient: GitHubClient, sinceMs: number): Promise<HookDelivery[]> {
  const out: HookDelivery[] = [];
  for await (const page of appClient.paginate.iterator(appClient.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
    const items = z.array(hookDeliverySchema).parse(page.data);
    let older = false;
    for (const d of items) {
      if (Date.parse(d.delivered_at) < sinceMs) older = true;
      else out.push(d);
    }
    if (older) break;
  }
  return out;
}

export async function redeliver(appClient: GitHubClient, deliveryId: number): Promise<void> {
  await appClient.rest.apps.redeliverWebhookDelivery({ delivery_id: deliveryId });
}
