/**
 * bench/plan: `gomod-steward plan` against `go list -m -u -json all` summed over the same modules,
 * measured in the same run. Prints figures and ratios; it never fails on a number.
 *
 *   npm run bench:plan
 *       examples/commerce-platform: plan cold (empty proxy cache) and warm (cache from the
 *       previous run), default policy.
 *   npm run bench:plan -- --large [project ...] [--dir PATH ...]
 *       Real multi-module releases rebuilt from the module proxy (test/oracles/monorepo-corpus.ts,
 *       built and cached on first use). Projects: otel-collector (collector v0.100.0, 44 modules),
 *       otel-go (go.opentelemetry.io/otel v1.26.0, 21 modules), otel-contrib
 *       (go.opentelemetry.io/contrib v1.26.0, 27 modules), otel-collector-contrib (v0.100.0, ~190
 *       modules, where the proxy serves its root module); default the first three (92 modules).
 *       `--dir PATH` adds a checked-out tree with a go.work (only go.mod/go.work files are read;
 *       Go runs with the default module cache). Figures are summed over everything named. For
 *       each policy — default (go-directive: keep) and permissive (go-directive: allow) — plan
 *       cold, warm, and with expired version lists (immutable answers on disk, @v/list and
 *       @latest fetched again: the production case, where lists live 60 s).
 *
 *   RUNS=3 for more rounds (medians are printed; default 1 in large mode, 3 otherwise).
 *   WARM_RUNS=N: in large mode each round's warm figure is the median of N runs (default 5).
 *   GOMODSTEWARD_CORPUS_DIR: where corpora and their module cache live (default under the temp dir).
 *
 * Plan runs as the CLI does (a whole `node dist/cli.js plan` process, so start-up is counted);
 * Go runs with GOWORK=off in each module dir, with the corpus's own module cache, warmed by an
 * untimed first pass so both sides start with immutable answers at hand.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  corpusGoEnv,
  monorepoCorpus,
  OTEL_COLLECTOR,
  OTEL_CONTRIB,
  type MonorepoCorpus,
  type MonorepoSpec,
} from '../test/oracles/monorepo-corpus.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..');
const example = join(repo, 'examples/commerce-platform');
const cli = join(repo, 'dist/cli.js');

const PROJECTS: Record<string, MonorepoSpec> = {
  'otel-collector': OTEL_COLLECTOR,
  'otel-contrib': OTEL_CONTRIB,
  'otel-go': { name: 'otel-go', prefix: 'go.opentelemetry.io/otel', version: 'v1.26.0' },
  'otel-collector-contrib': {
    name: 'otel-collector-contrib',
    prefix: 'github.com/open-telemetry/opentelemetry-collector-contrib',
    version: 'v0.100.0',
  },
};

function time(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv }): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { ...opts, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 2) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  // Exit 2: some input was invalid and skipped; the figure may time less work than asked for.
  if (r.status === 2 && cmd === 'node')
    console.warn(`note: ${args.slice(1, 3).join(' ')} exited 2: ${r.stderr}`.trim());
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;

function goListUpdates(dirs: string[], env: NodeJS.ProcessEnv): number {
  return dirs.reduce((sum, d) => sum + time('go', ['list', '-m', '-u', '-e', '-json', 'all'], { cwd: d, env }), 0);
}

function smallMode(): void {
  const runs = Number(process.env.RUNS ?? 3);
  const out = execFileSync('go', ['work', 'edit', '-json'], { cwd: example, encoding: 'utf8' });
  const dirs = (JSON.parse(out) as { Use: { DiskPath: string }[] }).Use.map((u) => join(example, u.DiskPath));
  const goEnv = { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod' };
  const cold: number[] = [];
  const warm: number[] = [];
  const go: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cache = mkdtempSync(join(tmpdir(), 'gomod-steward-bench-'));
    const env = { ...process.env, GOMODSTEWARD_CACHE: cache };
    go.push(goListUpdates(dirs, goEnv));
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
  console.log(`  go list -m -u -json all, summed over modules : ${ms(g)}`);
  console.log(`  gomod-steward plan, cold proxy cache         : ${ms(c)}   go/cold = ${(g / c).toFixed(2)}x`);
  console.log(`  gomod-steward plan, warm proxy cache         : ${ms(w)}   go/warm = ${(g / w).toFixed(2)}x`);
}

const WARM_RUNS = Math.max(1, Number(process.env.WARM_RUNS ?? 5));

interface PolicyTimes {
  cold: number;
  warm: number;
  expired: number;
}

/** One policy over every corpus: cold, warm, expired lists, each summed over the corpora. */
function planRound(corpora: MonorepoCorpus[], configFile: string | null): PolicyTimes {
  const t: PolicyTimes = { cold: 0, warm: 0, expired: 0 };
  for (const c of corpora) {
    const cache = mkdtempSync(join(tmpdir(), 'gomod-steward-bench-'));
    const env = { ...process.env, GOMODSTEWARD_CACHE: cache };
    const args = [cli, 'plan', c.root, '--json', ...(configFile ? ['--config', configFile] : [])];
    try {
      t.cold += time('node', args, { env });
      // A warm run takes seconds and one sample swings with the machine: the median of several,
      // all inside the lists' 60 s lifetime (the cold run just fetched them).
      t.warm += median(Array.from({ length: WARM_RUNS }, () => time('node', args, { env })));
      // Version lists and @latest expire (proxy-client keeps them 60 s); .mod/.info/.zip never do.
      rmSync(join(cache, 'volatile'), { recursive: true, force: true });
      t.expired += time('node', args, { env });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }
  return t;
}

/** A checked-out tree with a go.work, benchmarked as it is (Go uses the default module cache). */
function treeCorpus(dir: string): MonorepoCorpus {
  const root = resolve(dir);
  const out = execFileSync('go', ['work', 'edit', '-json'], { cwd: root, encoding: 'utf8' });
  const use = (JSON.parse(out) as { Use: { DiskPath: string }[] }).Use;
  const modCache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  return {
    root,
    modules: use.map((u) => ({ path: '', version: '', dir: u.DiskPath.replace(/^\.\/?/, '') || '.' })),
    modCache,
    missing: [],
  };
}

async function largeMode(names: string[], dirs: string[]): Promise<void> {
  const runs = Number(process.env.RUNS ?? 1);
  const specs = names.map((n) => {
    const spec = PROJECTS[n];
    if (!spec) throw new Error(`unknown project ${n}; known: ${Object.keys(PROJECTS).join(', ')}`);
    return spec;
  });
  const corpora: MonorepoCorpus[] = [];
  for (const s of specs) corpora.push(await monorepoCorpus(s));
  for (const d of dirs) corpora.push(treeCorpus(d));
  const dirsOf = (c: MonorepoCorpus) => c.modules.map((m) => join(c.root, m.dir));
  const modules = corpora.reduce((n, c) => n + c.modules.length, 0);
  const permissive = join(mkdtempSync(join(tmpdir(), 'gomod-steward-bench-config-')), 'permissive.yml');
  writeFileSync(permissive, 'go-directive: allow\n');

  // Untimed: Go's module cache gets every go.mod both sides will read.
  for (const c of corpora) goListUpdates(dirsOf(c), corpusGoEnv(c, { GOWORK: 'off' }));

  const go: number[] = [];
  const def: PolicyTimes[] = [];
  const perm: PolicyTimes[] = [];
  for (let i = 0; i < runs; i++) {
    go.push(corpora.reduce((s, c) => s + goListUpdates(dirsOf(c), corpusGoEnv(c, { GOWORK: 'off' })), 0));
    def.push(planRound(corpora, null));
    perm.push(planRound(corpora, permissive));
  }
  const g = median(go);
  const pick = (xs: PolicyTimes[], k: keyof PolicyTimes) => median(xs.map((x) => x[k]));
  console.log(
    `bench/plan --large: ${[...names, ...dirs].join(' + ')} (${modules} modules), ${runs} round(s), warm the median of ${WARM_RUNS} runs per round, medians (whole processes)`,
  );
  console.log(`  go list -m -u -json all, summed over modules : ${ms(g)}`);
  for (const [label, xs] of [
    ['default (go-directive: keep)', def],
    ['permissive (go-directive: allow)', perm],
  ] as const) {
    console.log(`  ${label}`);
    for (const k of ['cold', 'warm', 'expired'] as const) {
      const v = pick(xs, k);
      const what = { cold: 'cold proxy cache', warm: 'warm proxy cache', expired: 'expired version lists' }[k];
      console.log(`    plan, ${what.padEnd(22)}: ${ms(v)}   plan/go = ${(v / g).toFixed(3)}`);
    }
  }
  const dw = pick(def, 'warm');
  const pw = pick(perm, 'warm');
  const de = pick(def, 'expired');
  console.log('  goals');
  console.log(`    default warm ≤ 2000 ms                     : ${ms(dw)}`);
  console.log(`    default warm ≤ 1.5x permissive warm        : ${(dw / pw).toFixed(2)}x`);
  console.log(`    default expired ≤ 1/5 of go (ratio ≤ 0.2)  : ${(de / g).toFixed(3)}`);
}

const argv = process.argv.slice(2);
const at = argv.indexOf('--large');
if (at < 0) smallMode();
else {
  const names: string[] = [];
  const dirs: string[] = [];
  for (let i = at + 1; i < argv.length; i++) {
    if (argv[i] === '--dir') dirs.push(argv[++i]!);
    else if (!argv[i]!.startsWith('--')) names.push(argv[i]!);
  }
  await largeMode(names.length > 0 || dirs.length > 0 ? names : ['otel-collector', 'otel-go', 'otel-contrib'], dirs);
}
