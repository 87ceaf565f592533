/**
 * bench/plan: `gomod-steward plan` cold (empty proxy cache) and warm (cache from the previous
 * run) against `go list -m -u all` summed over the modules of examples/commerce-platform,
 * measured in the same run. Prints figures and ratios; it never fails on a number.
 *
 *   npm run bench:plan            (RUNS=5 for more rounds)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..');
const example = join(repo, 'examples/commerce-platform');
const cli = join(repo, 'dist/cli.js');
const runs = Number(process.env.RUNS ?? 3);

function time(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv }): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { ...opts, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 2) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function moduleDirs(): string[] {
  const out = execFileSync('go', ['work', 'edit', '-json'], { cwd: example, encoding: 'utf8' });
  return (JSON.parse(out) as { Use: { DiskPath: string }[] }).Use.map((u) => join(example, u.DiskPath));
}

function goListUpdates(dirs: string[]): number {
  const env = { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod' };
  return dirs.reduce((sum, d) => sum + time('go', ['list', '-m', '-u', '-e', '-json', 'all'], { cwd: d, env }), 0);
}

const dirs = moduleDirs();
const cold: number[] = [];
const warm: number[] = [];
const go: number[] = [];
for (let i = 0; i < runs; i++) {
  const cache = mkdtempSync(join(tmpdir(), 'gomod-steward-bench-'));
  const env = { ...process.env, GOMODSTEWARD_CACHE: cache };
  go.push(goListUpdates(dirs));
  cold.push(time('node', [cli, 'plan', example, '--json'], { env }));
  warm.push(time('node', [cli, 'plan', example, '--json'], { env }));
  rmSync(cache, { recursive: true, force: true });
}

const g = median(go);
const c = median(cold);
const w = median(warm);
console.log(
  `bench/plan: ${dirs.length} modules of examples/commerce-platform, ${runs} rounds, medians (whole processes)`,
);
console.log(`  go list -m -u -json all, summed over modules : ${g.toFixed(0)} ms`);
console.log(`  gomod-steward plan, cold proxy cache         : ${c.toFixed(0)} ms   go/cold = ${(g / c).toFixed(2)}x`);
console.log(`  gomod-steward plan, warm proxy cache         : ${w.toFixed(0)} ms   go/warm = ${(g / w).toFixed(2)}x`);
