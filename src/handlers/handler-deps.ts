import type { Queue } from 'bullmq';
import type { Metrics } from '../server/metrics.js';

/** What a handler may touch: the queues it feeds and the delivery counters. Nothing reaches GitHub. */
export interface HandlerDeps {
  queues: { installation: Queue; reschedule: Queue; impact: Queue; command: Queue };
  metrics: Metrics;
}
