/**
 * Real modules at pinned versions for the oracle tests, and how to get each as a writable main
 * module directory: `go mod download -json`, then a copy of the extracted module.
 */
import { chmod, cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runGo } from './go-command.js';

export const REAL_MODULES: { path: string; version: string; why: string }[] = [
  // go < 1.17: unpruned graphs, loaded transitively
  { path: 'github.com/spf13/cobra', version: 'v1.8.1', why: 'go 1.15' },
  { path: 'github.com/sirupsen/logrus', version: 'v1.9.3', why: 'go 1.13' },
  { path: 'github.com/rs/zerolog', version: 'v1.33.0', why: 'go 1.15' },
  { path: 'github.com/segmentio/kafka-go', version: 'v0.4.47', why: 'go 1.15' },
  { path: 'github.com/jmoiron/sqlx', version: 'v1.4.0', why: 'go 1.10' },
  { path: 'github.com/hashicorp/go-getter', version: 'v1.7.6', why: 'go 1.13, a wide unpruned graph' },
  // replace and exclude directives
  { path: 'github.com/prometheus/prometheus', version: 'v0.54.1', why: 'remote replaces, excludes' },
  { path: 'github.com/containerd/containerd', version: 'v1.7.22', why: 'exclude' },
  // pruned graphs of several shapes
  { path: 'github.com/stretchr/testify', version: 'v1.9.0', why: 'go 1.17' },
  { path: 'github.com/gin-gonic/gin', version: 'v1.10.0', why: 'go 1.20' },
  { path: 'github.com/spf13/viper', version: 'v1.19.0', why: 'go 1.21' },
  { path: 'github.com/prometheus/client_golang', version: 'v1.20.5', why: 'go 1.20' },
  { path: 'go.uber.org/zap', version: 'v1.27.0', why: 'go 1.19' },
  { path: 'google.golang.org/grpc', version: 'v1.64.0', why: 'go 1.19' },
  { path: 'github.com/redis/go-redis/v9', version: 'v9.7.0', why: '/v9 path' },
  { path: 'github.com/labstack/echo/v4', version: 'v4.12.0', why: '/v4 path' },
  { path: 'github.com/jackc/pgx/v5', version: 'v5.7.1', why: '/v5 path' },
  { path: 'github.com/IBM/sarama', version: 'v1.43.3', why: 'upper-case path' },
  { path: 'github.com/go-kit/kit', version: 'v0.13.0', why: 'go 1.17, wide' },
  { path: 'github.com/grpc-ecosystem/grpc-gateway/v2', version: 'v2.22.0', why: 'go 1.21' },
  { path: 'github.com/nats-io/nats-server/v2', version: 'v2.10.21', why: 'go 1.21.0' },
  { path: 'github.com/cilium/ebpf', version: 'v0.16.0', why: 'go 1.21' },
  { path: 'github.com/hashicorp/vault/api', version: 'v1.15.0', why: 'nested module path' },
  { path: 'github.com/go-redis/redis/v8', version: 'v8.11.5', why: 'go 1.17' },
];

interface Downloaded {
  Path: string;
  Version: string;
  Dir?: string;
  Error?: string;
}

/** Downloads every module (one go invocation) and returns its extracted directory by `path@version`. */
export async function downloadModules(
  mods: { path: string; version: string }[],
  cwd: string,
): Promise<Map<string, string>> {
  const out = await runGo(['mod', 'download', '-json', ...mods.map((m) => `${m.path}@${m.version}`)], cwd);
  const dirs = new Map<string, string>();
  for (const chunk of out.split(/\n(?=\{)/)) {
    if (!chunk.trim()) continue;
    const d = JSON.parse(chunk) as Downloaded;
    if (d.Error || !d.Dir) throw new Error(`go mod download ${d.Path}@${d.Version}: ${d.Error ?? 'no Dir'}`);
    dirs.set(`${d.Path}@${d.Version}`, d.Dir);
  }
  return dirs;
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const e of await readdir(dir)) {
    const p = join(dir, e);
    if ((await stat(p)).isDirectory()) await makeWritable(p);
    else await chmod(p, 0o644);
  }
}

/** A writable copy of a module cache directory. */
export async function writableCopy(from: string, to: string): Promise<string> {
  await mkdir(to, { recursive: true });
  await cp(from, to, { recursive: true });
  await makeWritable(to);
  return to;
}
