/**
 * Builds and starts what the role asks for on one Redis: the webhook receiver (web), the queue
 * workers (worker), or both (all); every role serves `/healthz`, `/readyz` and `/metrics`.
 * `stop()` is the graceful shutdown: stop accepting HTTP, let running jobs finish up to the
 * grace period, close the queues, quit Redis.
 */
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { createNodeMiddleware, Probot } from 'probot';
import { createApp } from '../app.js';
import type { AppEnv } from '../env.js';
import type { CommandActions } from '../commands/actions.js';
import { renderCommandsSection } from '../commands/help.js';
import { ignoresReader } from '../ignores/index.js';
import { appSlugResolver } from '../github/app-slug.js';
import { gitUrlFor } from '../github/clone.js';
import { enterpriseFetch } from '../github/enterprise-fetch.js';
import { StewardOctokit } from '../github/octokit-class.js';
import { proxyClientFromEnv } from '../toolchain/proxy-client.js';
import { modulesWithMainPackage } from '../impact/main-packages.js';
import { pipelineActions } from '../pipeline/command-actions.js';
import type { PipelineDeps, StageDeps } from '../pipeline/deps.js';
import type { PlanHandler } from '../pipeline/plan-handler.js';
import { releaseNotesPart } from '../pipeline/release-notes-part.js';
import { publicGitHubClient } from '../github/public-github.js';
import { planJobHandler } from '../pipeline/plan-jobs.js';
import { enqueueReconcile, ensureReconcileScheduler } from '../queues/installation-queue.js';
import { createQueues, DEFAULT_PREFIX, keyPrefix, type QueueSet } from '../queues/queue-set.js';
import { checkDatabase, createRedis, isCluster, pingRedis, quitRedis, whenReady } from '../redis/connection.js';
import { createMemoryNotesCache } from '../release-notes/index.js';
import { resolveGoEnv } from '../toolchain/go-env.js';
import { sweepStaleCheckouts } from '../toolchain/checkout-dir.js';
import { startWorkers, type WorkerSet } from './workers.js';
import { Metrics } from './metrics.js';
import { jsonLog } from './app-log.js';
import { githubMetricsPlugin } from './github-metrics.js';
import { workerAuth } from './worker-auth.js';
import { watchProxy } from './proxy-metrics.js';
import { watchQueues, watchWorkers } from './queue-metrics.js';
import { closeServer, createWebServer, listen, type Readiness } from './web-server.js';
import { startWebhookProxy } from './webhook-proxy.js';
import { left, within } from './within.js';
import { startScheduleHealer, type Healer, type HealerOptions } from './schedule-healer.js';

export interface RuntimeOptions {
  /** What a plan job does; default the pipeline (plan, then apply and publish jobs). */
  planHandler?: PlanHandler;
  /** What comment commands ask of the pipeline; the default goes through the plan queue. */
  commandActions?: CommandActions;
  /** Replaces parts of the pipeline's wiring (tests: a local module proxy, a local git remote). */
  pipeline?: Partial<PipelineDeps>;
  /** BullMQ key prefix (tests isolate themselves with their own). */
  prefix?: string;
  /** A Probot built by the caller (tests: with their own request options). */
  probot?: Probot;
  /** Reconcile schedulers with GitHub when workers start (default true). */
  reconcileOnStart?: boolean;
  /** How often schedules are checked and reconciled without a restart (schedule-healer.ts). */
  heal?: HealerOptions;
  /** How long to wait for Redis at start-up. */
  redisTimeoutMs?: number;
  /** Reconciliations read lost commands back from GitHub (default true; pipeline/recover-commands.ts). */
  recoverCommands?: boolean;
}

export interface Runtime {
  /** The bound HTTP port. */
  port: number;
  probot: Probot;
  queues: QueueSet;
  workers: WorkerSet | undefined;
  metrics: Metrics;
  /** Graceful shutdown; resolves true when every running job finished in time. */
  stop(): Promise<boolean>;
}

export function createProbotFor(env: AppEnv, metrics?: Metrics): Probot {
  return new Probot({
    appId: env.appId,
    privateKey: env.privateKey,
    secret: env.webhookSecret,
    webhookPath: env.webhookPath,
    baseUrl: env.githubApiUrl,
    ...(env.githubApiUrl ? { request: { fetch: enterpriseFetch(env.githubApiUrl) } } : {}),
    logLevel: env.logLevel,
    logFormat: env.logFormat,
    // Pretty output stays Probot's (a terminal); JSON lines get a base logger without a name.
    ...(env.logFormat === 'json' ? { log: jsonLog(env.logLevel) } : {}),
    // Rate limits are not slept on inside a request (github/octokit-class.ts); requests are counted on /metrics.
    Octokit: metrics ? StewardOctokit.plugin(githubMetricsPlugin(metrics)) : StewardOctokit,
  });
}

export async function startRuntime(env: AppEnv, options: RuntimeOptions = {}): Promise<Runtime> {
  const metrics = new Metrics();
  const probot = options.probot ?? createProbotFor(env, metrics);
  await probot.ready();
  const log = probot.log.child({ role: env.role });
  const web = env.role !== 'worker';
  const work = env.role !== 'web';

  const producer = createRedis(env.redis, 'producer');
  producer.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis (producer) error'));
  const workerRedis = work ? createRedis(env.redis, 'worker') : undefined;
  workerRedis?.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis (worker) error'));
  const redisTimeoutMs = options.redisTimeoutMs ?? 30_000;
  try {
    await Promise.all([
      whenReady(producer, redisTimeoutMs, env.redis),
      workerRedis && whenReady(workerRedis, redisTimeoutMs, env.redis),
    ]);
    await checkDatabase(producer, env.redis);
  } catch (err) {
    producer.disconnect();
    workerRedis?.disconnect();
    throw err;
  }

  const prefix = keyPrefix(options.prefix ?? DEFAULT_PREFIX, isCluster(producer));
  const queues = createQueues(producer, prefix);
  watchQueues(metrics, () => queues.all());
  let workerQueues: QueueSet | undefined;
  let workers: WorkerSet | undefined;
  let healer: Healer | undefined;
  if (workerRedis) {
    workerQueues = createQueues(workerRedis, prefix);
    const auth = workerAuth(probot, { redis: workerRedis, prefix, log });
    const proxy = proxyClientFromEnv({ env: process.env });
    const appSlug = appSlugResolver(auth, env.appSlug);
    const pipeline: PipelineDeps = {
      source: proxy,
      githubModuleHosts: env.githubModuleHosts,
      sections: {
        releaseNotes: releaseNotesPart({
          proxy,
          cache: createMemoryNotesCache(),
          ...(env.publicGitHub ? { github: publicGitHubClient(env.publicGitHub) } : {}),
        }),
        commands: async () => renderCommandsSection(await appSlug()),
      },
      readIgnores: ignoresReader(appSlug),
      cloneUrl: (owner, repo) => gitUrlFor(env.githubApiUrl ?? 'https://api.github.com', owner, repo),
      appEnv: process.env,
      withMainPackage: async (dir, dirs) => [
        ...(await modulesWithMainPackage(dir, dirs, { env: await resolveGoEnv({ appEnv: process.env }) })),
      ],
      ...options.pipeline,
    };
    const base = { auth, log, queues: workerQueues, redis: workerRedis, prefix, pipeline, appSlug };
    const stages: StageDeps = {
      ...base,
      planHandler: options.planHandler ?? planJobHandler(base),
      commandActions: options.commandActions ?? pipelineActions(base),
      recoverCommands: options.recoverCommands ?? true,
    };
    // What a killed worker left behind on this machine: checkouts and the go/git still in them.
    const swept = await sweepStaleCheckouts(pipeline.workRoot ?? tmpdir());
    if (swept.removed.length) log.warn(swept, 'removed checkouts of a worker that is gone');
    workers = startWorkers(stages, { plan: env.workerConcurrency });
    watchWorkers(metrics, workers.workers);
    watchProxy(metrics, () => proxy.stats());
    await ensureReconcileScheduler(workerQueues.installation);
    if (options.reconcileOnStart ?? true) await enqueueReconcile(workerQueues.installation);
    healer = startScheduleHealer(
      { redis: workerRedis, installationQueue: workerQueues.installation, log },
      options.heal,
    );
  }

  const webhooks = web
    ? await createNodeMiddleware(createApp({ queues, metrics }), { probot, webhooksPath: env.webhookPath })
    : undefined;
  let stopping = false;
  const readiness = async (): Promise<Readiness> => {
    const pings = await Promise.all([pingRedis(producer, 1000), workerRedis ? pingRedis(workerRedis, 1000) : true]);
    const redisOk = pings.every(Boolean);
    const running = workers?.running() ?? 0;
    const workersOk = !workers || running === workers.workers.length;
    return {
      ready: !stopping && redisOk && workersOk,
      body: { redis: redisOk ? 'ok' : 'unreachable', workers: running, ...(stopping ? { stopping: true } : {}) },
    };
  };
  const server: Server = createWebServer({ readiness, metrics, webhooks });
  const port = await listen(server, env.port, env.host);
  log.info({ port, host: env.host, webhookPath: web ? env.webhookPath : null }, 'listening');
  const proxy =
    web && env.webhookProxyUrl
      ? await startWebhookProxy(env.webhookProxyUrl, `http://127.0.0.1:${port}${env.webhookPath}`, log)
      : undefined;

  return {
    port,
    probot,
    queues,
    workers,
    metrics,
    stop: async () => {
      // One deadline for the whole shutdown: running jobs get most of the grace period, the rest
      // is for aborting them and closing; whatever has not closed by then is dropped.
      const deadline = Date.now() + env.shutdownGraceMs;
      const reserve = Math.min(2_000, env.shutdownGraceMs / 5);
      stopping = true;
      healer?.stop();
      proxy?.close();
      // Workers stop taking jobs at once, not after HTTP has closed: a slot left free by the
      // running jobs would otherwise take a job queued while connections drain.
      const serverClosed = within(closeServer(server), left(deadline - reserve));
      const finished = workers
        ? await workers.close(left(deadline - reserve), Math.max(100, (reserve * 3) / 4 - 100))
        : true;
      await serverClosed;
      const closed = await within(
        Promise.all([queues.close(), workerQueues?.close()]).then(() =>
          Promise.all([quitRedis(producer), workerRedis && quitRedis(workerRedis)]),
        ),
        Math.max(100, left(deadline)),
      );
      if (!closed) {
        // Redis is gone: QUIT would wait for an answer that never comes.
        producer.disconnect();
        workerRedis?.disconnect();
      }
      log.info({ finished, redisClosed: closed }, 'stopped');
      return finished;
    },
  };
}
