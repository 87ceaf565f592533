/**
 * Burst benchmark: N repositories of one installation due at once, the app as production runs
 * it (`dist/main.js`, one process, or two with a second `ROLE=worker`) against the GitHub
 * stand-in, on a private redis-server. Every schedule is fired together; the benchmark waits for
 * N pull requests and prints PRs per minute (per run and per worker) and p50/p95 time from the
 * schedule firing to each PR.
 *
 *   npm run build && npx tsx bench/burst.ts [--repos 20] [--workers 1,2] [--installations 1]
 *
 * The repositories are copies of test/fixtures/retry-service (one module, two direct
 * requirements behind their latest versions). The first run fetches those modules through the
 * module proxy into the app's Go caches; later runs reuse them. Goal on 2 cores: at least 20
 * PRs per minute per worker, with GitHub's write spacing kept per installation. That spacing (one
 * write a second) bounds one installation alone at about 60 / (writes per PR) PRs a minute;
 * `--installations K` spreads the repositories over K installations, as a real burst would be.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { removeFirstRuns } from '../src/queues/first-run.js';
import { startAppProcess, type AppProcess } from '../test/stand-in/app-process.js';
import { install } from '../test/stand-in/events.js';
import type { FakeRepo } from '../test/stand-in/fake-repo.js';
import { SCENARIO_APP_ID, startScenario } from '../test/stand-in/scenario.js';
import { startPrivateRedis } from '../test/support/redis.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/retry-service', import.meta.url));
const INSTALLATION = 501;

const { values } = parseArgs({
  options: {
    repos: { type: 'string', default: '20' },
    workers: { type: 'string', default: '1,2' },
    installations: { type: 'string', default: '1' },
  },
});
const repos = Number(values.repos);
const workerCounts = (values.workers ?? '1,2').split(',').map(Number);
const installations = Math.max(1, Number(values.installations));
/** Repository i belongs to installation INSTALLATION + (i mod installations). */
const installationOf = (i: number) => INSTALLATION + (i % installations);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function run(workers: number): Promise<void> {
  const redis = await startPrivateRedis();
  const work = await mkdtemp(join(tmpdir(), 'burst-'));
  const s = await startScenario({ redisUrl: redis.url, appEnv: { LOG_LEVEL: 'warn', TMPDIR: work } });
  const extra: AppProcess[] = [];
  try {
    for (let w = 1; w < workers; w++)
      extra.push(
        await startAppProcess({
          appId: SCENARIO_APP_ID,
          privateKey: s.secrets.privateKey,
          webhookSecret: s.secrets.webhookSecret,
          githubApiUrl: s.gh.apiUrl,
          redisUrl: redis.url,
          env: { ROLE: 'worker', LOG_LEVEL: 'warn', TMPDIR: work },
        }),
      );
    const fakes: FakeRepo[] = [];
    for (let i = 0; i < repos; i++)
      fakes.push(
        await s.gh.addRepo(FIXTURE, {
          owner: `burst-${installationOf(i)}`,
          name: `svc-${i}`,
          id: 70_000 + i,
          installationId: installationOf(i),
        }),
      );
    for (let k = 0; k < installations; k++) await install(s.gh, INSTALLATION + k);
    const plan = s.watch.queue('plan');
    const deadline = Date.now() + 120_000;
    while ((await plan.getJobSchedulers()).length < repos) {
      if (Date.now() > deadline) throw new Error('schedulers were not all created');
      await new Promise((r) => setTimeout(r, 200));
    }

    // Installing queued each repository's jittered first run: gone, so the burst is the fired schedules alone
    // (a first run falling due mid-burst would publish a second time).
    let firstRunsRemoved = 0;
    for (let k = 0; k < installations; k++) firstRunsRemoved += await removeFirstRuns(plan, INSTALLATION + k);
    const fired = new Map<number, number>();
    const t0 = Date.now();
    for (const f of fakes) {
      await s.watch.fireSchedule(f.o.installationId, f.o.id);
      fired.set(f.o.id, Date.now());
    }
    const opened = new Map<number, number>();
    const until = Date.now() + 30 * 60_000;
    while (opened.size < repos) {
      for (const f of fakes) if (!opened.has(f.o.id) && f.pulls.length > 0) opened.set(f.o.id, Date.now());
      if (Date.now() > until) throw new Error(`only ${opened.size} of ${repos} PRs after 30 min`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = Math.max(...opened.values()) - t0;
    const latencies = [...opened.entries()].map(([id, at]) => at - fired.get(id)!).sort((a, b) => a - b);
    const perMin = repos / (total / 60_000);
    // Where the time went: mean run time and wait of each stage's jobs.
    const stages: Record<string, { runS: number; waitS: number }> = {};
    for (const name of ['plan', 'apply', 'publish']) {
      const done = (await s.watch.queue(name).getJobs(['completed'])).filter((j) => j.processedOn && j.finishedOn);
      const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length) / 100) / 10;
      stages[name] = {
        runS: mean(done.map((j) => j.finishedOn! - j.processedOn!)),
        waitS: mean(done.map((j) => j.processedOn! - j.timestamp)),
      };
    }
    // What each PR cost in writes (the requests GitHub's spacing applies to), by route.
    const writes = s.gh.exchanges.filter(
      (e) => e.method !== 'GET' && e.principal.startsWith('installation') && !e.path.endsWith('/access_tokens'),
    );
    const byRoute: Record<string, number> = {};
    for (const w of writes) {
      const route = `${w.method} ${w.path.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/:r').replace(/\/\d+/g, '/:n')}`;
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    // A repository whose config asks for majors gets a second PR (the major's own); every PR opened
    // by now counts, the second ones included.
    const pullsOpened = fakes.reduce((n, f) => n + f.pulls.length, 0);
    const writesPerPr = Object.fromEntries(
      Object.entries(byRoute)
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => [r, Math.round((n / pullsOpened) * 10) / 10]),
    );
    console.log(
      JSON.stringify({
        writesPerPr,
        firstRunsRemoved,
        stages,
        repos,
        installations,
        workers,
        seconds: Math.round(total / 100) / 10,
        prsPerMinute: Math.round(perMin * 10) / 10,
        pullsOpened,
        allPrsPerMinute: Math.round((pullsOpened / (total / 60_000)) * 10) / 10,
        prsPerMinutePerWorker: Math.round((perMin / workers) * 10) / 10,
        p50Seconds: Math.round(percentile(latencies, 50) / 100) / 10,
        p95Seconds: Math.round(percentile(latencies, 95) / 100) / 10,
        violations: s.gh.violations.length,
      }),
    );
  } finally {
    for (const a of extra) await a.stop();
    await s.stop();
    await redis.stop();
    await rm(work, { recursive: true, force: true });
  }
}

for (const w of workerCounts) await run(w);
