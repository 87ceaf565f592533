/**
 * A worker killed with SIGKILL in the middle of apply costs seconds, not the lock's old five
 * minutes: the app runs as its own process against the stand-in, its `go` stalls (a wrapper on
 * its PATH sleeps while a marker file exists, working in the checkout as go does), the process is
 * killed, and a new one is started. The new worker sweeps the dead one's checkout and the child
 * still running in it, BullMQ hands it the stalled job, the job takes its own repository lock
 * over, and the PR is opened within 90 s of the new worker's start. Nothing is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKOUT_PREFIX, processesIn } from '../../src/toolchain/checkout-dir.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { startAppProcess, type AppProcess } from '../stand-in/app-process.js';
import { install } from '../stand-in/events.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { SCENARIO_APP_ID, startScenario, type Scenario } from '../stand-in/scenario.js';

const INSTALLATION = 79;
const RETRY_SERVICE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));

let s: Scenario;
let repo: FakeRepo;
let work: string;
let appTmp: string;
let marker: string;
let appEnv: Record<string, string>;
let redisUrl: string;
let second: AppProcess | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'worker-killed-'));
  appTmp = join(work, 'tmp');
  marker = join(work, 'stall');
  const bin = join(work, 'bin');
  await mkdir(appTmp);
  await mkdir(bin);
  const real = execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim();
  // Inside a checkout, while the marker exists, go hangs (as a slow build would); elsewhere it is go.
  await writeFile(
    join(bin, 'go'),
    [
      '#!/bin/sh',
      'case "$PWD" in',
      `  */${CHECKOUT_PREFIX}*) if [ -f "${marker}" ]; then sleep 600; fi ;;`,
      'esac',
      `exec "${real}" "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(join(bin, 'go'), 0o755);
  await writeFile(marker, '');
  redisUrl = await isolatedRedisUrl();
  appEnv = { PATH: `${bin}:${process.env.PATH}`, TMPDIR: appTmp };
  s = await startScenario({ redisUrl, appEnv });
  repo = await s.gh.addRepo(RETRY_SERVICE, { owner: 'acme', name: 'killed', id: 9201, installationId: INSTALLATION });
}, 120_000);

afterAll(async () => {
  await second?.stop();
  await s?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<number> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) {
      const log = second ? await second.log() : await s.app.log();
      throw new Error(`${what}: not within ${ms} ms\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - t0;
}

async function checkouts(): Promise<string[]> {
  return (await readdir(appTmp)).filter((n) => n.startsWith(CHECKOUT_PREFIX)).map((n) => join(appTmp, n));
}

describe('a worker killed during apply', () => {
  it('the next worker opens the PR within 90 s; no child or checkout of the dead one is left', async () => {
    expect((await install(s.gh, INSTALLATION)).delivered).toBe(true);
    await s.watch.fireSchedule(INSTALLATION, repo.o.id);
    // Apply is under way: go is hanging inside the checkout.
    let stalled: number[] = [];
    await until(
      'go running in a checkout',
      async () => {
        const dirs = await checkouts();
        stalled = (await Promise.all(dirs.map(processesIn))).flat();
        return stalled.length > 0;
      },
      180_000,
    );
    const dead = await checkouts();

    s.app.child.kill('SIGKILL');
    await new Promise((r) => s.app.child.once('exit', r));
    await rm(marker);
    const started = Date.now();
    second = await startAppProcess({
      appId: SCENARIO_APP_ID,
      privateKey: s.secrets.privateKey,
      webhookSecret: s.secrets.webhookSecret,
      githubApiUrl: s.gh.apiUrl,
      redisUrl,
      env: appEnv,
    });
    s.gh.setWebhookUrl(second.webhookUrl);

    await until('the PR opened', () => repo.pulls.length === 1, 150_000);
    const took = Date.now() - started;
    expect(took).toBeLessThan(90_000);
    expect(repo.pulls[0]).toMatchObject({ head: 'gomod-steward/main/all', state: 'open' });
    // The dead worker's checkout and the go it left running are gone; so is the new one's.
    for (const dir of dead) expect(await processesIn(dir)).toEqual([]);
    await until('no checkout left', async () => (await checkouts()).length === 0, 30_000);
    for (const pid of stalled) expect(alive(pid)).toBe(false);
    expect(s.gh.violations).toEqual([]);
    process.stdout.write(`worker-killed: PR ${Math.round(took / 1000)} s after the new worker started\n`);
  }, 480_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
