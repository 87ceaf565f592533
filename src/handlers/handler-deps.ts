/** What a handler may touch: the queues it feeds and the delivery counters. Nothing reaches GitHub. */
import type { Queue } from 'bullmq';

export type DeliveryOutcome = 'queued' | 'skipped' | 'rejected';

/** How handlers account for each delivery; the server's Metrics implements it. */
export interface DeliveryCounter {
  delivery(event: string, outcome: DeliveryOutcome, reason?: string): void;
  /** A delivery the webhook layer refused or a handler failed on, by HTTP status. */
  webhookError(status: number): void;
}

export interface HandlerDeps {
  queues: { installation: Queue; reschedule: Queue; impact: Queue; command: Queue; governance: Queue };
  metrics: DeliveryCounter;
}
