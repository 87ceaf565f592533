/**
 * A real Redis Cluster of the test's own: three `redis-server --cluster-enabled yes` on free
 * loopback ports in a temporary folder, joined by `redis-cli --cluster create` (three masters, no
 * replicas, the 16384 slots split between them), ready once every node says `cluster_state:ok`.
 * A node can be killed as a crash would and started again; it rejoins from its nodes file with
 * its slots (its keys are gone: no persistence). `stop()` kills the servers and removes the folder.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { answersPing } from './redis.js';

const run = promisify(execFile);

export interface LocalCluster {
  /** `127.0.0.1:<port>` of each node, as REDIS_CLUSTER_NODES takes them. */
  nodes: string[];
  ports: number[];
  /** `redis-cli -p <port> <args…>` on one node, its output trimmed. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** Kills one node (SIGKILL), as a crash would. */
  kill(port: number): Promise<void>;
  /** Starts a killed node again and waits until every node reports the cluster ok. */
  restart(port: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalCluster(size = 3, deadlineMs = 20_000): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-cluster-'));
  const children = new Map<number, ChildProcess>();
  const buses = new Map<number, number>();
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 })).stdout.trim();
  const start = (port: number) => {
    // The bus port is chosen too: the default (port + 10000) may be taken, or past 65535.
    const args = ['--port', String(port), '--cluster-port', String(buses.get(port))];
    args.push('--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`);
    args.push('--cluster-node-timeout', '5000', '--save', '', '--appendonly', 'no', '--dir', dir);
    children.set(port, spawn('redis-server', args, { stdio: 'ignore' }));
  };
  const waitFor = async (what: string, ok: () => Promise<boolean>) => {
    const until = Date.now() + deadlineMs;
    while (!(await ok().catch(() => false))) {
      if (Date.now() > until) throw new Error(`local Redis Cluster: ${what} within ${deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const ports: number[] = [];
  const clusterOk = async () => {
    for (const port of ports)
      await waitFor(`node ${port} did not report cluster_state:ok`, async () =>
        /^cluster_state:ok\b/m.test(await cli(port, 'cluster', 'info')),
      );
  };
  const kill = (port: number) =>
    new Promise<void>((resolve) => {
      const c = children.get(port);
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  const restart = async (port: number) => {
    await kill(port);
    start(port);
    await waitFor(`node ${port} did not answer PING`, () => answersPing(port));
    await clusterOk();
  };
  const stop = async () => {
    await Promise.all(ports.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      const port = await freePort();
      buses.set(port, await freePort());
      ports.push(port);
      start(port);
    }
    for (const port of ports) await waitFor(`node ${port} did not answer PING`, () => answersPing(port));
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: deadlineMs,
    });
    await clusterOk();
    return { nodes, ports, cli, kill, restart, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
