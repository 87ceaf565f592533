/**
 * The process's Prometheus metrics (`/metrics` on every role), one prom-client registry per
 * runtime so that several runtimes in one test process never share series. Webhook deliveries:
 * every delivery that reaches a handler ends as exactly one of queued (a job was added), skipped
 * (deliberately ignored, with a reason) or rejected (malformed); the benchmark accounts for
 * deliveries with these. Queues, jobs, GitHub and the module proxy are observed by the watchers
 * in queue-metrics.ts, github-metrics.ts and proxy-metrics.ts, which register here.
 */
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { DeliveryCounter, DeliveryOutcome } from '../handlers/handler-deps.js';

export const METRIC_PREFIX = 'gomod_steward_';

export class Metrics implements DeliveryCounter {
  readonly registry = new Registry();
  private readonly deliveries = new Counter({
    name: `${METRIC_PREFIX}webhook_deliveries_total`,
    help: 'Webhook deliveries handled, by event, outcome and skip reason.',
    labelNames: ['event', 'outcome', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: `${METRIC_PREFIX}webhook_errors_total`,
    help: 'Webhook deliveries answered with an error, by status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly outcomes = new Map<DeliveryOutcome, number>();

  constructor(opts: { processDefaults?: boolean } = {}) {
    if (opts.processDefaults ?? true) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  delivery(event: string, outcome: DeliveryOutcome, reason = ''): void {
    this.deliveries.inc({ event, outcome, reason });
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** A delivery the webhook layer refused or a handler failed on, by HTTP status. */
  webhookError(status: number): void {
    this.errors.inc({ status: String(status) });
  }

  /** Deliveries with this outcome, over all events and reasons. */
  count(outcome: DeliveryOutcome): number {
    return this.outcomes.get(outcome) ?? 0;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format; collectors that ask Redis run now, each bounded in time. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
