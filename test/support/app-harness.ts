/**
 * The app as it runs in production (startRuntime: Probot middleware, BullMQ queues and workers on
 * the real Redis), listening on loopback, with GitHub replaced by nock mocks that are checked
 * against GitHub's OpenAPI description. Deliveries are real signed HTTP requests.
 */
import { expect } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import nock from 'nock';
import type { Probot } from 'probot';
import { loadEnv, type AppEnv, type Role } from '../../src/env.js';
import type { CommandActions } from '../../src/commands/actions.js';
import type { PlanHandler } from '../../src/pipeline/plan-handler.js';
import type { RuntimeOptions } from '../../src/server/runtime.js';
import { listRepoSchedulers, type RepoSchedulerInfo } from '../../src/queues/repo-schedulers.js';
import { createProbotFor, startRuntime, type Runtime } from '../../src/server/runtime.js';
import { documentedExample, mockGitHub, type GitHubMock } from './github-openapi.js';
import { isolatedRedisUrl, redisClient, uniquePrefix } from './redis.js';
import { deliver, examplePayload, listedRepo, signedDelivery } from './webhooks.js';
import { recordOnlyPlanHandler } from './plan-handlers.js';

let key: string | undefined;

/** An RSA key made for this test run: Probot signs real app JWTs with it. */
export function testPrivateKey(): string {
  key ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  return key;
}

export const TEST_APP_ID = 4242;

export interface TestApp {
  env: AppEnv;
  runtime: Runtime;
  gh: GitHubMock;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  secret: string;
  webhookUrl: string;
  baseUrl: string;
  /** Signs and POSTs a delivery. */
  send(
    event: string,
    payload: unknown,
    opts?: { id?: string; signature?: string },
  ): Promise<{ status: number; body: string }>;
  /** Waits until no job (other than a scheduler's next run) is waiting, delayed or active. */
  idle(timeoutMs?: number): Promise<void>;
  /** Like idle, but a job that failed and waits for its retry is waited for, not reported. */
  settled(timeoutMs?: number): Promise<void>;
  schedulers(): Promise<RepoSchedulerInfo[]>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  role?: Role;
  /** Default: plan jobs are only recorded, unless `pipeline` is given. */
  planHandler?: PlanHandler;
  /** Run the real pipeline with these parts replaced (module proxy, git remote, caches). */
  pipeline?: RuntimeOptions['pipeline'];
  reconcileOnStart?: boolean;
  redisUrl?: string;
  prefix?: string;
  /** What comment commands ask of the pipeline (default: through the plan queue). */
  commandActions?: CommandActions;
  /** More environment variables (e.g. APP_SLUG). */
  env?: Record<string, string>;
  /** GitHub mocks the start-up itself needs (the reconciliation). */
  mocks?: (gh: GitHubMock) => void;
  /**
   * Reconciliations read lost commands back from GitHub (default false here: nock answers only
   * the requests a test mocks; test/e2e/command-recovery.test.ts covers it against the stand-in).
   */
  recoverCommands?: boolean;
}

/** Hosts of the module proxies the go command is configured with: the pipeline may reach those, and nothing else off the machine. */
function moduleProxyHosts(): string[] {
  const value = execFileSync('go', ['env', 'GOPROXY'], { encoding: 'utf8' }).trim();
  return value
    .split(/[,|]/)
    .filter((p) => /^https?:\/\//.test(p))
    .map((p) => new URL(p).host);
}

export async function startTestApp(o: TestAppOptions = {}): Promise<TestApp> {
  nock.disableNetConnect();
  const proxies = o.pipeline ? moduleProxyHosts() : [];
  nock.enableNetConnect(
    (host) =>
      host.startsWith('127.0.0.1') ||
      host.startsWith('localhost') ||
      proxies.some((p) => host === p || host.startsWith(`${p}:`)),
  );
  const redisUrl = o.redisUrl ?? (await isolatedRedisUrl());
  const prefix = o.prefix ?? uniquePrefix('app');
  const secret = 'test-webhook-secret';
  const env = loadEnv({
    APP_ID: String(TEST_APP_ID),
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: secret,
    REDIS_URL: redisUrl,
    ROLE: o.role ?? 'all',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    ...o.env,
  });
  const gh = mockGitHub();
  o.mocks?.(gh);
  const planHandler = o.planHandler ?? (o.pipeline ? undefined : recordOnlyPlanHandler);
  const runtime = await startRuntime(env, {
    prefix,
    reconcileOnStart: o.reconcileOnStart ?? false,
    recoverCommands: o.recoverCommands ?? false,
    ...(planHandler ? { planHandler } : {}),
    ...(o.pipeline ? { pipeline: o.pipeline } : {}),
    ...(o.commandActions ? { commandActions: o.commandActions } : {}),
  });
  const baseUrl = `http://127.0.0.1:${runtime.port}`;
  const webhookUrl = `${baseUrl}${env.webhookPath}`;
  const redis = redisClient(redisUrl);
  return {
    env,
    runtime,
    gh,
    redis,
    redisUrl,
    prefix,
    secret,
    webhookUrl,
    baseUrl,
    send: (event, payload, opts) => deliver(webhookUrl, signedDelivery(event, payload, secret, opts)),
    idle: (timeoutMs = 15_000) =>
      waitIdle(
        [
          runtime.queues.installation,
          runtime.queues.reschedule,
          runtime.queues.plan,
          runtime.queues.apply,
          runtime.queues.publish,
          runtime.queues.impact,
          runtime.queues.command,
          runtime.queues.governance,
        ],
        timeoutMs,
      ),
    settled: (timeoutMs = 240_000) =>
      waitIdle(
        [
          runtime.queues.installation,
          runtime.queues.reschedule,
          runtime.queues.plan,
          runtime.queues.apply,
          runtime.queues.publish,
          runtime.queues.impact,
          runtime.queues.command,
          runtime.queues.governance,
        ],
        timeoutMs,
        true,
      ),
    schedulers: () => listRepoSchedulers(runtime.queues.plan),
    stop: async () => {
      await runtime.stop();
      await redis.quit();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

async function waitIdle(queues: Queue[], timeoutMs: number, tolerateRetries = false): Promise<void> {
  const until = Date.now() + timeoutMs;
  // The queues are looked at one after another, so a job that enqueues its follow-up (a publish
  // its dashboard refresh) and completes between two looks leaves every queue idle in that pass:
  // idle counts only when a second whole pass agrees.
  for (let idlePasses = 0; ;) {
    let busy = 0;
    for (const q of queues) {
      const failed = await q.getFailed();
      if (failed.length && !tolerateRetries)
        throw new Error(`${q.name} job ${failed[0]?.id} failed: ${failed[0]?.failedReason}`);
      const jobs = await q.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      busy += jobs.filter((j) => j && !String(j.id).startsWith('repeat:')).length;
      const retrying = jobs.find((j) => j?.failedReason);
      if (retrying && !tolerateRetries)
        throw new Error(`${q.name} job ${retrying.id} failed and waits for a retry: ${retrying.failedReason}`);
    }
    idlePasses = busy === 0 ? idlePasses + 1 : 0;
    if (idlePasses === 2) return;
    if (Date.now() > until) throw new Error(`queues not idle after ${timeoutMs} ms (${busy} jobs)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---------------------------------------------------------------------------------------------
// GitHub answers, built from the documented examples of the OpenAPI description

const CONFIG_API_PATH = '.github%2Fgomod-steward.yml';

export function notFound(): { message: string; documentation_url: string } {
  return { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
}

/** `POST /app/installations/{id}/access_tokens` answered with a fresh token. */
export function mockInstallationToken(
  gh: GitHubMock,
  installationId: number,
  token = `ghs_test${installationId}token`,
): string {
  const body = documentedExample('post', `/app/installations/${installationId}/access_tokens`, 201) as Record<
    string,
    unknown
  >;
  gh.post(`/app/installations/${installationId}/access_tokens`).reply(201, {
    ...body,
    token,
    expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  return token;
}

/** The config file of a repository: its text, or absent (404). `ref` undefined: the default branch. */
export function mockConfigFile(gh: GitHubMock, owner: string, repo: string, text: string | null, ref?: string): void {
  const path = `/repos/${owner}/${repo}/contents/${CONFIG_API_PATH}`;
  const query = ref ? { ref } : undefined;
  if (text === null) {
    gh.get(path, query).reply(404, notFound());
    return;
  }
  const body = documentedExample('get', path, 200) as Record<string, unknown>;
  gh.get(path, query).reply(200, {
    ...body,
    type: 'file',
    encoding: 'base64',
    name: 'gomod-steward.yml',
    path: '.github/gomod-steward.yml',
    size: Buffer.byteLength(text),
    content: Buffer.from(text).toString('base64'),
  });
}

/** `POST /repos/{owner}/{repo}/check-runs` answered with the documented check run. */
export function mockCheckRunCreated(gh: GitHubMock, owner: string, repo: string, id: number): void {
  const body = documentedExample('post', `/repos/${owner}/${repo}/check-runs`, 201) as Record<string, unknown>;
  gh.post(`/repos/${owner}/${repo}/check-runs`).reply(201, { ...body, id, name: 'gomod-steward / config' });
}

/** `GET /app/installations` (one page) listing these installation ids, some of them suspended. */
export function mockInstallations(gh: GitHubMock, ids: number[], suspended: number[] = []): void {
  const [template] = documentedExample('get', '/app/installations', 200) as Record<string, unknown>[];
  gh.get('/app/installations', { per_page: '100' }).reply(
    200,
    ids.map((id) => ({
      ...template,
      id,
      suspended_at: suspended.includes(id) ? '2024-01-01T00:00:00Z' : null,
      suspended_by: null,
    })),
  );
}

/** `GET /app/hook/deliveries` (one page): the app's recent deliveries, none by default. */
export function mockHookDeliveries(gh: GitHubMock, deliveries: Record<string, unknown>[] = []): void {
  gh.get('/app/hook/deliveries', { per_page: '100' }).reply(200, deliveries);
}

/** `GET /installation/repositories`, split into pages of `pageSize` linked by `Link: rel="next"`. */
export function mockInstallationRepos(
  gh: GitHubMock,
  repos: { id: number; owner: string; name: string }[],
  pageSize = 100,
): void {
  const page = documentedExample('get', '/installation/repositories', 200) as {
    repositories: Record<string, unknown>[];
  };
  const template = page.repositories[0] ?? {};
  const owner = template['owner'] as Record<string, unknown>;
  const pages = Math.max(1, Math.ceil(repos.length / pageSize));
  for (let p = 1; p <= pages; p++) {
    const slice = repos.slice((p - 1) * pageSize, p * pageSize);
    const query: Record<string, string> = p === 1 ? { per_page: '100' } : { per_page: '100', page: String(p) };
    const link: Record<string, string> =
      p < pages
        ? { link: `<https://api.github.com/installation/repositories?per_page=100&page=${p + 1}>; rel="next"` }
        : {};
    gh.get('/installation/repositories', query).reply(
      200,
      {
        total_count: repos.length,
        repositories: slice.map((r) => ({
          ...template,
          id: r.id,
          name: r.name,
          full_name: `${r.owner}/${r.name}`,
          owner: { ...owner, login: r.owner },
        })),
      },
      link,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The app as a child process

export interface ChildApp {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when a line matching `pattern` has appeared on stdout. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs a TypeScript entry (default src/main.ts) with only `env` (plus PATH), from an empty
 * directory so no `.env` file of the developer's leaks in.
 */
export function spawnApp(env: Record<string, string>, entry = 'src/main.ts'): ChildApp {
  const cwd = mkdtempSync(join(tmpdir(), 'gomod-steward-app-'));
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(REPO_ROOT, entry)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine: (pattern, timeoutMs = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const line = out.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) return resolve(line);
        const timer = setTimeout(
          () =>
            reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`)),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`process exited before a line matching ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
        });
      }),
  };
}

/**
 * The documented `installation.created` delivery, with three repositories and no config files:
 * the app answers 200 and, once idle, has asked GitHub for what it needed.
 */
export async function installByWebhook(t: TestApp) {
  const payload = examplePayload('installation', 'created');
  const inst = payload['installation'] as { id: number; account: { login: string } };
  const [template] = payload['repositories'] as Record<string, unknown>[];
  const repos = [
    { id: 186853002, owner: inst.account.login, name: 'Hello-World' },
    { id: 601, owner: inst.account.login, name: 'orders' },
    { id: 602, owner: inst.account.login, name: 'billing' },
  ];
  payload['repositories'] = repos.map((r) => listedRepo(template ?? {}, r.id, r.owner, r.name));
  mockInstallationToken(t.gh, inst.id);
  for (const r of repos) mockConfigFile(t.gh, r.owner, r.name, null);
  expect((await t.send('installation', payload)).status).toBe(200);
  await t.idle();
  t.gh.done();
  return { installationId: inst.id, repos };
}

/** A Probot as the app builds it, talking to the GitHub stand-in at `apiUrl` as app `appId`. */
export function standInProbot(apiUrl: string, appId: number): Probot {
  return createProbotFor(
    loadEnv({
      APP_ID: String(appId),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: 'x',
      GITHUB_API_URL: apiUrl,
      LOG_LEVEL: 'fatal',
    }),
  );
}
