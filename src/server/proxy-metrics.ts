/** The module proxy client on /metrics: requests sent and how many answers came from its caches. */
import { Counter } from 'prom-client';
import type { ProxyStats } from '../gomod/proxy/client.js';
import { METRIC_PREFIX, type Metrics } from './metrics.js';

export function watchProxy(metrics: Metrics, stats: () => ProxyStats): void {
  // The client keeps its own running totals; each scrape copies them (counters never go down).
  const total = (name: string, help: string, read: (s: ProxyStats) => number) => {
    let copied = 0;
    new Counter({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [metrics.registry],
      collect() {
        const v = read(stats());
        if (v > copied) this.inc(v - copied);
        copied = Math.max(copied, v);
      },
    });
  };
  total('proxy_requests_total', 'HTTP requests sent to the module proxy, retries included.', (s) => s.requests);
  total(
    'proxy_cache_hits_total',
    'Proxy answers served from memory or disk without a request.',
    (s) => s.memoryHits + s.diskHits,
  );
  total('proxy_coalesced_total', 'Proxy calls that joined an identical call already in flight.', (s) => s.coalesced);
}
