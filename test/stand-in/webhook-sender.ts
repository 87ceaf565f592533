/**
 * The stand-in's webhook deliveries: signed like GitHub's (`X-Hub-Signature-256` over the exact
 * body), one GUID per delivery that a redelivery keeps, and a log of every attempt. Deliveries
 * can be lost on demand, before they reach the app or after (the app got it but the answer
 * never came back, as on a timeout); `redeliverFailed` then sends them again, as someone would
 * from the app's "Recent Deliveries" page.
 */
import { randomUUID } from 'node:crypto';
import { signBody } from '../support/webhooks.js';

export interface DeliveryAttempt {
  /** GitHub's id of this attempt (a delivery, in its API's words); a redelivery gets a new one. */
  id: number;
  /** Made through `POST /app/hook/deliveries/{id}/attempts`. */
  redelivery: boolean;
  at: string;
  status?: number;
  error?: string;
}

export interface SentDelivery {
  guid: string;
  event: string;
  action: string | undefined;
  body: string;
  attempts: DeliveryAttempt[];
  /** True once an attempt was answered with 2xx and the answer arrived. */
  delivered: boolean;
}

export type LossMode = 'before-app' | 'after-app';

interface LossRule {
  match: (event: string, action: string | undefined) => boolean;
  mode: LossMode;
  left: number;
}

export class WebhookSender {
  readonly deliveries: SentDelivery[] = [];
  private losses: LossRule[] = [];
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly url: () => string | undefined,
    private readonly secret: string,
  ) {}

  /** Loses the next `times` deliveries of `event` (and `action`, when given). */
  lose(event: string, mode: LossMode, times = 1, action?: string): void {
    this.losses.push({ match: (e, a) => e === event && (action === undefined || a === action), mode, left: times });
  }

  /** Sends a delivery and waits for the attempt to end; never throws (a failed attempt is logged). */
  async send(event: string, payload: Record<string, unknown>): Promise<SentDelivery> {
    const action = typeof payload['action'] === 'string' ? payload['action'] : undefined;
    const d: SentDelivery = {
      guid: randomUUID(),
      event,
      action,
      body: JSON.stringify(payload),
      attempts: [],
      delivered: false,
    };
    this.deliveries.push(d);
    await this.track(this.attempt(d, this.takeLoss(event, action)));
    return d;
  }

  /** Sends every delivery that has not been delivered again, with its GUID; resolves with how many. */
  async redeliverFailed(): Promise<number> {
    const failed = this.deliveries.filter((d) => !d.delivered);
    for (const d of failed) await this.track(this.attempt(d, undefined));
    return failed.length;
  }

  /** Sends the delivery of attempt `id` again, as `POST /app/hook/deliveries/{id}/attempts` asks; false when unknown. */
  redeliverAttempt(id: number): boolean {
    const d = this.deliveries.find((x) => x.attempts.some((a) => a.id === id));
    if (!d) return false;
    void this.track(this.attempt(d, undefined, true));
    return true;
  }

  /** Every attempt, newest first, as `GET /app/hook/deliveries` lists them. */
  attemptsNewestFirst(): { delivery: SentDelivery; attempt: DeliveryAttempt }[] {
    return this.deliveries
      .flatMap((delivery) => delivery.attempts.map((attempt) => ({ delivery, attempt })))
      .sort((a, b) => b.attempt.id - a.attempt.id);
  }

  /** Attempts under way. */
  get busy(): number {
    return this.inFlight.size;
  }

  failed(): SentDelivery[] {
    return this.deliveries.filter((d) => !d.delivered);
  }

  /** Waits for attempts under way. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private takeLoss(event: string, action: string | undefined): LossMode | undefined {
    const rule = this.losses.find((r) => r.left > 0 && r.match(event, action));
    if (!rule) return undefined;
    rule.left--;
    return rule.mode;
  }

  private nextAttemptId = 1;

  private async attempt(d: SentDelivery, loss: LossMode | undefined, redelivery = false): Promise<void> {
    const at = new Date().toISOString();
    const id = this.nextAttemptId++;
    const url = this.url();
    if (!url) {
      d.attempts.push({ id, redelivery, at, error: 'no webhook URL configured' });
      return;
    }
    if (loss === 'before-app') {
      d.attempts.push({ id, redelivery, at, error: 'lost on the way (fault injected)' });
      return;
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/stand-in',
          'x-github-event': d.event,
          'x-github-delivery': d.guid,
          'x-github-hook-installation-target-type': 'integration',
          'x-hub-signature-256': signBody(this.secret, d.body),
        },
        body: d.body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (loss === 'after-app') {
        d.attempts.push({ id, redelivery, at, error: `answer lost (fault injected; the app said ${res.status})` });
        return;
      }
      d.attempts.push({ id, redelivery, at, status: res.status });
      d.delivered = res.status >= 200 && res.status < 300;
    } catch (err) {
      d.attempts.push({ id, redelivery, at, error: (err as Error).message });
    }
  }
}
