/**
 * Faults on demand for the stand-in's REST API: an answer GitHub gives when it is unwell or
 * pushing back (5xx, a secondary rate limit with Retry-After, a 422), a slow answer, or a
 * connection dropped without one. Each rule matches a method and a path and fires a set number
 * of times; rules fire in the order they were added.
 */
export type FaultAction =
  | { kind: 'reply'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' };

interface Rule {
  method: string;
  path: RegExp;
  action: FaultAction;
  left: number;
}

export interface FiredFault {
  method: string;
  path: string;
  action: FaultAction['kind'];
  status?: number;
}

export class FaultBook {
  private rules: Rule[] = [];
  /** Every fault that fired, in order. */
  readonly fired: FiredFault[] = [];

  /** `method` '*' matches any; `path` is matched against the path after the API prefix. */
  add(method: string, path: RegExp, action: FaultAction, times = 1): this {
    this.rules.push({ method: method.toUpperCase(), path, action, left: times });
    return this;
  }

  serverError(method: string, path: RegExp, times = 1, status = 502): this {
    return this.add(method, path, { kind: 'reply', status, body: { message: 'Server Error' } }, times);
  }

  /** GitHub's secondary rate limit: 403 with Retry-After (seconds). */
  secondaryRateLimit(method: string, path: RegExp, retryAfterSeconds = 1, times = 1): this {
    const body = {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
    };
    return this.add(
      method,
      path,
      {
        kind: 'reply',
        status: 403,
        body,
        headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '4000' },
      },
      times,
    );
  }

  unprocessable(method: string, path: RegExp, message = 'Validation Failed', times = 1): this {
    return this.add(
      method,
      path,
      { kind: 'reply', status: 422, body: { message, documentation_url: 'https://docs.github.com/rest' } },
      times,
    );
  }

  slow(method: string, path: RegExp, ms: number, times = 1): this {
    return this.add(method, path, { kind: 'delay', ms }, times);
  }

  drop(method: string, path: RegExp, times = 1): this {
    return this.add(method, path, { kind: 'drop' }, times);
  }

  /** The fault for this request, if a rule still has shots left; a delay does not stop others. */
  take(method: string, path: string): FaultAction | undefined {
    for (const r of this.rules) {
      if (r.left <= 0 || (r.method !== '*' && r.method !== method) || !r.path.test(path)) continue;
      r.left--;
      this.fired.push({
        method,
        path,
        action: r.action.kind,
        ...(r.action.kind === 'reply' ? { status: r.action.status } : {}),
      });
      return r.action;
    }
    return undefined;
  }

  /** Rules that have not fired as often as asked. */
  pending(): string[] {
    return this.rules.filter((r) => r.left > 0).map((r) => `${r.method} ${r.path} ${r.action.kind} ×${r.left}`);
  }

  clear(): void {
    this.rules = [];
  }
}
