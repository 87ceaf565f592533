/** The Grafana dashboard under docker/ plots only series the app exports. */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { zeroProxyStats } from '../../src/gomod/proxy/client.js';
import { githubMetricsPlugin } from '../../src/server/github-metrics.js';
import { Metrics } from '../../src/server/metrics.js';
import { watchProxy } from '../../src/server/proxy-metrics.js';
import { watchQueues, watchWorkers } from '../../src/server/queue-metrics.js';

describe('docker/grafana-dashboard.json', () => {
  it('names only metrics the app registers', async () => {
    const metrics = new Metrics();
    watchQueues(metrics, () => []);
    watchWorkers(metrics, []);
    githubMetricsPlugin(metrics);
    watchProxy(metrics, zeroProxyStats);
    const registered = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const dashboard = await readFile(new URL('../../docker/grafana-dashboard.json', import.meta.url), 'utf8');
    const used = [...new Set(dashboard.match(/gomod_steward_[a-z_]+/g) ?? [])];
    expect(used.length).toBeGreaterThan(8);
    const unknown = used.filter((n) => !registered.has(n) && !registered.has(n.replace(/_(bucket|sum|count)$/, '')));
    expect(unknown).toEqual([]);
  });
});
