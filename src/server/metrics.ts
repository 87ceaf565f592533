/**
 * A few counters in the Prometheus text format on `/metrics`. Every webhook delivery that reaches a
 * handler ends as exactly one of: queued (a job was added), skipped (deliberately ignored, with a
 * reason) or rejected (malformed); the benchmark accounts for deliveries with these.
 */
import type { DeliveryCounter, DeliveryOutcome } from '../handlers/handler-deps.js';

export class Metrics implements DeliveryCounter {
  private readonly deliveries = new Map<string, number>();
  private readonly errors = new Map<string, number>();

  delivery(event: string, outcome: DeliveryOutcome, reason = ''): void {
    const key = `${event}\u0000${outcome}\u0000${reason}`;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
  }

  /** A delivery the webhook layer refused or a handler failed on, by HTTP status. */
  webhookError(status: number): void {
    const key = String(status);
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  /** Deliveries with this outcome, over all events and reasons. */
  count(outcome: DeliveryOutcome): number {
    let n = 0;
    for (const [key, v] of this.deliveries) if (key.split('\u0000')[1] === outcome) n += v;
    return n;
  }

  render(): string {
    const lines = [
      '# HELP gomod_steward_webhook_deliveries_total Webhook deliveries handled, by event, outcome and skip reason.',
      '# TYPE gomod_steward_webhook_deliveries_total counter',
    ];
    for (const [key, v] of [...this.deliveries].sort()) {
      const [event = '', outcome = '', reason = ''] = key.split('\u0000');
      lines.push(
        `gomod_steward_webhook_deliveries_total{event="${esc(event)}",outcome="${outcome}",reason="${esc(reason)}"} ${v}`,
      );
    }
    lines.push(
      '# HELP gomod_steward_webhook_errors_total Webhook deliveries answered with an error, by status.',
      '# TYPE gomod_steward_webhook_errors_total counter',
    );
    for (const [status, v] of [...this.errors].sort())
      lines.push(`gomod_steward_webhook_errors_total{status="${status}"} ${v}`);
    return `${lines.join('\n')}\n`;
  }
}

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
