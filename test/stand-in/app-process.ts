/**
 * The app as production runs it: `node dist/main.js` in a process of its own, configured only
 * through its environment, with GITHUB_API_URL pointing at the stand-in. Its log goes to a file,
 * so a failing scenario can show what the app said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/free-port.js';
import { untilReady } from '../support/until-ready.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface AppProcessOptions {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  githubApiUrl: string;
  redisUrl: string;
  /** More or overriding variables (LOG_LEVEL, WORKER_CONCURRENCY, APP_SLUG...). */
  env?: Record<string, string>;
  /** Another build's entry point (a benchmark comparing two builds); default this checkout's dist/main.js. */
  main?: string;
}

export interface AppProcess {
  url: string;
  webhookUrl: string;
  logFile: string;
  /** The log so far. */
  log(): Promise<string>;
  /** SIGTERM, then waits for the graceful shutdown. */
  stop(): Promise<number | null>;
  child: ChildProcess;
}

/** Variables that must not reach the app from the test's own environment. */
const SCRUB = /^(GITHUB_|GH_|APP_|PRIVATE_KEY|WEBHOOK_|REDIS_URL$|ROLE$|PORT$|HOST$|NODE_OPTIONS$|JEST_)/;

export async function startAppProcess(o: AppProcessOptions): Promise<AppProcess> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-app-'));
  const logFile = join(dir, 'app.log');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCRUB.test(k)));
  const env: Record<string, string | undefined> = {
    ...base,
    APP_ID: String(o.appId),
    PRIVATE_KEY: o.privateKey,
    WEBHOOK_SECRET: o.webhookSecret,
    GITHUB_API_URL: o.githubApiUrl,
    // The stand-in is GHES-shaped and also plays github.com, where release notes are read.
    GITHUB_COM_API_URL: o.githubApiUrl,
    REDIS_URL: o.redisUrl,
    ROLE: 'all',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_SECONDS: '10',
    ...o.env,
  };
  const child = spawn(process.execPath, [o.main ?? MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile);
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  // The app must not outlive the test or demo that started it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', orphanGuard);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const log = () => readFile(logFile, 'utf8');
  try {
    await untilReady(url, {
      gaveUp: () => (child.exitCode !== null ? `the app exited with ${child.exitCode} at start-up` : undefined),
    });
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}:\n${await log()}`);
  }
  return {
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    logFile,
    log,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      out.end();
      return code;
    },
  };
}
