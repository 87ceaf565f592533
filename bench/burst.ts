/**
 * Burst benchmark: N repositories due at once, the app as production runs it (`dist/main.js`, one
 * process, or more with extra `ROLE=worker` processes) against the GitHub stand-in, on a private
 * redis-server. Every schedule is fired together; the benchmark waits for each repository's first
 * pull request and prints:
 *  - PRs per minute (per run and per worker) and p50/p95 time from the schedule firing to each
 *    repository's first PR; then, once no plan, apply or publish is left, the whole burst's PRs
 *    (the majors' own PRs too) per minute (`wholeBurst`);
 *  - writes per PR, by route;
 *  - the smallest gap GitHub saw between two writes (and two notifying writes) of one
 *    installation over the whole burst, and the most writes of one installation in flight at
 *    once: proof the spacing held;
 *  - where the time went: each stage's jobs (count, mean and p95 run time and queue wait; plan
 *    split into scheduled runs and the dashboard refreshes publish queues), the median path of a
 *    repository from its schedule to its first PR, and the CPU seconds of the app processes (their
 *    `go` children included), of Redis and of this process (the stand-in and the benchmark, not the app's).
 *
 *   npm run build && npx tsx bench/burst.ts [--repos 30] [--workers 1,2] [--installations 10] [--app DIST/main.js]
 *
 * `--app` runs another build (say main's) under the same benchmark, for before/after figures.
 * The repositories are copies of test/fixtures/retry-service (one module, two direct
 * requirements behind their latest versions, majors asked for: a second PR each). The first run
 * fetches those modules through the module proxy into the app's Go caches; later runs reuse them.
 * Goal on 2 cores: at least 20 PRs per minute per worker, with GitHub's write spacing kept per
 * installation. That spacing (one write a second, a notifying one every three) bounds one
 * installation alone at about 60 / (writes per PR) PRs a minute; `--installations K` spreads the
 * repositories over K installations, as a real burst would be.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { removeFirstRuns } from '../src/queues/first-run.js';
import { writeKind } from '../src/server/write-spacing.js';
import { startAppProcess, type AppProcess } from '../test/stand-in/app-process.js';
import { install } from '../test/stand-in/events.js';
import type { FakeRepo } from '../test/stand-in/fake-repo.js';
import { SCENARIO_APP_ID, startScenario } from '../test/stand-in/scenario.js';
import type { ExchangeRecord } from '../test/stand-in/stand-in.js';
import { startPrivateRedis } from '../test/support/redis.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/retry-service', import.meta.url));
const INSTALLATION = 501;
/** Linux's clock ticks per second for /proc/<pid>/stat times. */
const CLK_TCK = 100;

const { values } = parseArgs({
  options: {
    repos: { type: 'string', default: '20' },
    workers: { type: 'string', default: '1,2' },
    installations: { type: 'string', default: '1' },
    app: { type: 'string' },
  },
});
const repos = Number(values.repos);
const workerCounts = (values.workers ?? '1,2').split(',').map(Number);
const installations = Math.max(1, Number(values.installations));
const appMain = values.app ? resolve(values.app) : undefined;
/** Repository i belongs to installation INSTALLATION + (i mod installations). */
const installationOf = (i: number) => INSTALLATION + (i % installations);

const round1 = (x: number) => Math.round(x * 10) / 10;
const seconds = (ms: number) => round1(ms / 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(ms: number[]): { mean: number; p50: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { mean: seconds(mean), p50: seconds(percentile(sorted, 50)), p95: seconds(percentile(sorted, 95)) };
}

/** CPU ms a process and its reaped children (go, git) have used: /proc/<pid>/stat utime+stime+cutime+cstime. */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14-17 of stat(5), counted from after the command name (which starts at field 3).
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * (1000 / CLK_TCK);
  } catch {
    return 0;
  }
}

async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) =>
    Number(/^(\S+):(\S+)$/m.exec(info.split('\n').find((l) => l.startsWith(`${name}:`)) ?? '')?.[2] ?? 0);
  return (field('used_cpu_sys') + field('used_cpu_user')) * 1000;
}

/** One installation's writes as GitHub saw them: the smallest start-to-start gaps, and the most in flight at once. */
function spacing(exchanges: ExchangeRecord[]): { minWriteGapMs: number; minNotifyGapMs: number; maxInFlight: number } {
  const byInstallation = new Map<string, ExchangeRecord[]>();
  for (const e of exchanges) {
    if (!e.principal.startsWith('installation') || !writeKind(e.method, e.path).write) continue;
    byInstallation.set(e.principal, [...(byInstallation.get(e.principal) ?? []), e]);
  }
  let minWriteGapMs = Infinity;
  let minNotifyGapMs = Infinity;
  let maxInFlight = 0;
  const minGap = (ats: number[]) => Math.min(...ats.slice(1).map((t, i) => t - ats[i]!));
  for (const writes of byInstallation.values()) {
    const at = writes.map((w) => w.at).sort((a, b) => a - b);
    if (at.length > 1) minWriteGapMs = Math.min(minWriteGapMs, minGap(at));
    const notify = writes
      .filter((w) => writeKind(w.method, w.path).notify)
      .map((w) => w.at)
      .sort((a, b) => a - b);
    if (notify.length > 1) minNotifyGapMs = Math.min(minNotifyGapMs, minGap(notify));
    for (const w of writes)
      maxInFlight = Math.max(maxInFlight, writes.filter((o) => o.at <= w.at && o.doneAt > w.at).length);
  }
  return { minWriteGapMs, minNotifyGapMs, maxInFlight };
}

async function run(workers: number): Promise<void> {
  const redis = await startPrivateRedis();
  const work = await mkdtemp(join(tmpdir(), 'burst-'));
  const s = await startScenario({
    redisUrl: redis.url,
    appEnv: { LOG_LEVEL: 'warn', TMPDIR: work },
    ...(appMain ? { appMain } : {}),
  });
  const extra: AppProcess[] = [];
  const stats = new Redis(redis.url);
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
          ...(appMain ? { main: appMain } : {}),
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
    // No plan runs until the burst: installing queues each repository's jittered first run (a few
    // seconds per repository), which would otherwise start before the burst or fall due in it.
    const plan = s.watch.queue('plan');
    await plan.pause();
    for (let k = 0; k < installations; k++) await install(s.gh, INSTALLATION + k);
    const deadline = Date.now() + 120_000;
    while ((await plan.getJobSchedulers()).length < repos) {
      if (Date.now() > deadline) throw new Error('schedulers were not all created');
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let installing settle (its token requests and reconcile), so the burst is measured alone.
    await new Promise((r) => setTimeout(r, 2_000));
    let firstRunsRemoved = 0;
    for (let k = 0; k < installations; k++) firstRunsRemoved += await removeFirstRuns(plan, INSTALLATION + k);
    // Those already due wait in the paused queue.
    for (const j of await plan.getJobs(['waiting', 'prioritized']))
      if (j?.id?.includes('-first-run-')) {
        await j.remove();
        firstRunsRemoved++;
      }
    const early = fakes.filter((f) => f.pulls.length > 0).length;
    if (early) throw new Error(`${early} repositories have a PR before the burst`);
    const pids = [s.app.child.pid, ...extra.map((a) => a.child.pid)];
    const cpu0 = {
      app: pids.reduce<number>((n, pid) => n + processCpuMs(pid), 0),
      redis: await redisCpuMs(stats),
      bench: process.cpuUsage(),
    };
    const load0 = loadavg()[0]!;
    const exchanges0 = s.gh.exchanges.length;
    // Every schedule fires into the paused queue; resuming it starts them all at once.
    for (const f of fakes) await s.watch.fireSchedule(f.o.installationId, f.o.id);
    const t0 = Date.now();
    await plan.resume();
    const fired = new Map<number, number>(fakes.map((f) => [f.o.id, t0]));
    const opened = new Map<number, number>();
    const until = Date.now() + 30 * 60_000;
    while (opened.size < repos) {
      for (const f of fakes) if (!opened.has(f.o.id) && f.pulls.length > 0) opened.set(f.o.id, Date.now());
      if (Date.now() > until) throw new Error(`only ${opened.size} of ${repos} PRs after 30 min`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = Math.max(...opened.values()) - t0;
    const benchCpu = process.cpuUsage(cpu0.bench);
    const cpu = {
      appS: seconds(pids.reduce<number>((n, pid) => n + processCpuMs(pid), 0) - cpu0.app),
      redisS: seconds((await redisCpuMs(stats)) - cpu0.redis),
      standInAndBenchS: seconds((benchCpu.user + benchCpu.system) / 1000),
      wallS: seconds(total),
    };
    const load1 = loadavg()[0]!;
    const latencies = [...opened.entries()].map(([id, at]) => at - fired.get(id)!).sort((a, b) => a - b);
    const perMin = repos / (total / 60_000);

    // Where the time went: every stage's jobs of the burst, and each repository's path to its first PR.
    const jobsOf = async (name: string) =>
      (await s.watch.queue(name).getJobs(['completed', 'failed', 'active'])).filter(
        (j): j is Job => !!j?.processedOn && j.processedOn >= t0,
      );
    const repoOf = (j: Job) => (j.data as { repositoryId?: number }).repositoryId ?? -1;
    // A scheduled job waited from its firing; any other from when it was queued (plus any delay it was given).
    const queuedAt = (j: Job) =>
      j.repeatJobKey ? (fired.get(repoOf(j)) ?? j.timestamp) : j.timestamp + (j.opts.delay ?? 0);
    const describe = (jobs: Job[]) => ({
      jobs: jobs.length,
      runS: summary(jobs.map((j) => (j.finishedOn ?? Date.now()) - j.processedOn!)),
      waitS: summary(jobs.map((j) => j.processedOn! - queuedAt(j))),
    });
    const planJobs = await jobsOf('plan');
    const applyJobs = await jobsOf('apply');
    const publishJobs = await jobsOf('publish');
    const stages = {
      planScheduled: describe(planJobs.filter((j) => j.repeatJobKey)),
      planOther: describe(planJobs.filter((j) => !j.repeatJobKey)),
      apply: describe(applyJobs),
      publish: describe(publishJobs),
    };
    // Per repository: its scheduled plan, its first apply and the publish that opened its first PR.
    const path: Record<string, number[]> = {
      planWait: [],
      planRun: [],
      applyWait: [],
      applyRun: [],
      publishWait: [],
      publishToPr: [],
    };
    for (const f of fakes) {
      const id = f.o.id;
      const p = planJobs.find((j) => j.repeatJobKey && repoOf(j) === id);
      const a = applyJobs.filter((j) => repoOf(j) === id).sort((x, y) => x.processedOn! - y.processedOn!)[0];
      const pub = publishJobs
        .filter((j) => repoOf(j) === id && j.processedOn! <= opened.get(id)!)
        .sort((x, y) => y.processedOn! - x.processedOn!)[0];
      if (!p?.finishedOn || !a?.finishedOn || !pub) continue;
      path.planWait!.push(p.processedOn! - fired.get(id)!);
      path.planRun!.push(p.finishedOn - p.processedOn!);
      path.applyWait!.push(a.processedOn! - queuedAt(a));
      path.applyRun!.push(a.finishedOn - a.processedOn!);
      path.publishWait!.push(pub.processedOn! - queuedAt(pub));
      path.publishToPr!.push(opened.get(id)! - pub.processedOn!);
    }
    const medianPathS = Object.fromEntries(Object.entries(path).map(([k, v]) => [k, summary(v).p50]));

    // Then every other PR of the burst (each repository's major has its own): until no plan, apply
    // or publish is left, for the burst's whole throughput and its spacing.
    let allPrs = fakes.reduce((n, f) => n + f.pulls.length, 0);
    let lastPrAt = t0 + total;
    for (let idleSince = Date.now(); Date.now() - idleSince < 3_000 && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 250));
      const now = fakes.reduce((n, f) => n + f.pulls.length, 0);
      if (now > allPrs) [allPrs, lastPrAt] = [now, Date.now()];
      const busy = await s.watch.busy();
      if (busy.plan || busy.apply || busy.publish) idleSince = Date.now();
    }
    const whole = {
      prs: allPrs,
      seconds: seconds(lastPrAt - t0),
      prsPerMinute: round1(allPrs / ((lastPrAt - t0) / 60_000)),
    };
    const everyWrite = s.gh.exchanges.slice(exchanges0);

    // What each PR cost in writes (the requests GitHub's spacing applies to), by route.
    const burst = s.gh.exchanges.slice(exchanges0);
    const writes = burst.filter((e) => e.principal.startsWith('installation') && writeKind(e.method, e.path).write);
    const byRoute: Record<string, number> = {};
    for (const w of writes) {
      const route = `${w.method} ${w.path.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/:r').replace(/\/\d+/g, '/:n')}`;
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    // A repository whose config asks for majors gets a second PR (the major's own); every PR opened
    // by now counts, the second ones included.
    const pullsOpened = fakes.reduce((n, f) => n + f.pulls.length, 0);
    const writesPerPrByRoute = Object.fromEntries(
      Object.entries(byRoute)
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => [r, round1(n / pullsOpened)]),
    );
    console.log(
      JSON.stringify({
        app: appMain ?? 'this checkout',
        repos,
        installations,
        workers,
        loadAverage: [round1(load0), round1(load1)],
        seconds: seconds(total),
        prsPerMinute: round1(perMin),
        prsPerMinutePerWorker: round1(perMin / workers),
        p50Seconds: seconds(percentile(latencies, 50)),
        p95Seconds: seconds(percentile(latencies, 95)),
        writesPerPr: round1(writes.length / pullsOpened),
        writesPerPrByRoute,
        wholeBurst: whole,
        ...spacing(everyWrite),
        cpu,
        medianPathS,
        stages,
        firstRunsRemoved,
        violations: s.gh.violations.length,
      }),
    );
  } finally {
    await stats.quit();
    for (const a of extra) await a.stop();
    await s.stop();
    await redis.stop();
    await rm(work, { recursive: true, force: true });
  }
}

for (const w of workerCounts) await run(w);
