/**
 * bench/apply: `apply` on a copy of a repository against the go commands it runs, replayed
 * directly with execFile (same arguments, environment and module directories) on a fresh copy,
 * in one run. Two baselines: every go command apply ran (the difference is apply's own
 * bookkeeping: snapshots, parsing, restores), and only the commands a person would run by hand —
 * `go get`, `go mod tidy`, `go work sync`, vendoring, i.e. everything but apply's read-only
 * `go list` measurements (the difference is what measuring impact costs; goal ≤ 1.15×).
 *
 * A first, untimed apply records every command and the module files (go.mod, go.sum, go.work,
 * go.work.sum) each one started from; it also warms the module and build caches for both sides.
 * The replay puts those files in place before each command (untimed), so every replayed command
 * does the same work it did inside apply. Then a second apply on a fresh copy is timed.
 *
 *   npm run bench:apply                        examples/commerce-platform
 *   npm run bench:apply -- --large [project]   a release rebuilt from the module proxy
 *       (test/oracles/monorepo-corpus.ts): otel-collector (v0.100.0, 44 modules, default) or
 *       otel-go (v1.26.0); go runs with the corpus's own module cache.
 *   RUNS=3 for more rounds (medians are printed). Modules apply could not update (the proxy may
 *   refuse a version) are counted and named, not fatal: both sides ran the same commands.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultConfig } from '../src/config/schema.js';
import { proxyClientFromEnv } from '../src/toolchain/proxy-client.js';
import { resolveToolchainLimit } from '../src/toolchain/toolchain-limit.js';
import { createPlan } from '../src/planner/plan.js';
import { fsTree } from '../src/workspace/tree.js';
import type { Plan } from '../src/planner/plan-schema.js';
import { apply, type GoCommandRecord } from '../src/toolchain/apply/index.js';
import { monorepoCorpus, OTEL_COLLECTOR, type MonorepoSpec } from '../test/oracles/monorepo-corpus.js';

const pexec = promisify(execFile);
const runs = Number(process.env.RUNS ?? 1);
const config = defaultConfig();
const PROJECTS: Record<string, MonorepoSpec> = {
  'otel-collector': OTEL_COLLECTOR,
  'otel-go': { name: 'otel-go', prefix: 'go.opentelemetry.io/otel', version: 'v1.26.0' },
};

const argv = process.argv.slice(2);
const large = argv.includes('--large');
const project = argv.find((a, i) => i > argv.indexOf('--large') && !a.startsWith('--')) ?? 'otel-collector';
let example = resolve(fileURLToPath(new URL('.', import.meta.url)), '../examples/commerce-platform');
let label = 'examples/commerce-platform';
let appEnv: NodeJS.ProcessEnv = process.env;
if (large) {
  const spec = PROJECTS[project];
  if (!spec) throw new Error(`unknown project ${project}; known: ${Object.keys(PROJECTS).join(', ')}`);
  const corpus = await monorepoCorpus(spec);
  example = corpus.root;
  label = `${spec.prefix}@${spec.version} (${corpus.modules.length} modules)`;
  appEnv = { ...process.env, GOMODCACHE: corpus.modCache, GOFLAGS: '-modcacherw' };
}

/**
 * Apply's own read-only measurements (`go list` of one module alone, GOWORK=off); everything else
 * is what a person would run by hand — including the workspace build that settles go.work.sum.
 */
const isMeasurement = (c: Pick<GoCommandRecord, 'args' | 'env'>) => c.args[0] === 'list' && c.env.GOWORK === 'off';
const MODULE_FILES = new Set(['go.mod', 'go.sum', 'go.work', 'go.work.sum']);

async function freshCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-bench-apply-'));
  await cp(example, dir, { recursive: true });
  return dir;
}

async function moduleFiles(root: string, rel = ''): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of await moduleFiles(root, p)) out.set(k, v);
    else if (MODULE_FILES.has(e.name)) out.set(p, await readFile(join(root, p)));
  }
  return out;
}

interface Step {
  command: GoCommandRecord;
  files: Map<string, Buffer>;
}

async function recordingApply(plan: Plan): Promise<{ steps: Step[]; root: string }> {
  const root = await freshCopy();
  // Measurements run several at a time, but only read: the files before each command that
  // writes are what matter, and those commands run one after another.
  const states: Map<string, Buffer>[] = [];
  const steps: Step[] = [];
  await apply(root, plan, {
    config,
    appEnv,
    // One snapshot per command, taken first-in first-out: measurements run a few at a time but
    // only among themselves, so each batch takes back exactly its own snapshots.
    beforeCommand: async () => {
      states.push(await moduleFiles(root));
    },
    onCommand: (command) => {
      const files = states.shift()!;
      steps.push({ command, files: isMeasurement(command) ? new Map() : files });
    },
  });
  return { steps, root };
}

async function timedApply(plan: Plan): Promise<{ ms: number; goMs: number; commands: number; failed: string[] }> {
  const root = await freshCopy();
  const commands: GoCommandRecord[] = [];
  let ms: number;
  let result;
  try {
    const t0 = performance.now();
    result = await apply(root, plan, { config, appEnv, onCommand: (c) => commands.push(c) });
    ms = performance.now() - t0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return {
    ms,
    goMs: commands.reduce((s, c) => s + c.durationMs, 0),
    commands: commands.length,
    failed: result.failed.map((f) => f.dir),
  };
}

async function replay(all: Step[], from: string, which: (s: Step) => boolean): Promise<number> {
  const steps = all.filter(which);
  const root = await freshCopy();
  const outside = await mkdtemp(join(tmpdir(), 'gomod-steward-bench-query-'));
  let total = 0;
  try {
    for (const { command: c, files } of steps) {
      // A measurement reads whatever the commands before it left; only writers start from a recorded state.
      if (!isMeasurement(c)) {
        for (const [f, bytes] of files) {
          const now = await readFile(join(root, f)).catch(() => null);
          if (!now || !now.equals(bytes)) await writeFile(join(root, f), bytes);
        }
        for (const f of (await moduleFiles(root)).keys()) if (!files.has(f)) await rm(join(root, f));
      }
      const rel = relative(from, c.cwd);
      const inRepo = !rel.startsWith('..');
      const env: Record<string, string> = { ...c.env };
      if (env.GOWORK && env.GOWORK !== 'off') env.GOWORK = join(root, relative(from, env.GOWORK));
      const t0 = performance.now();
      await pexec('go', [...c.args], { cwd: inRepo ? join(root, rel) : outside, env, maxBuffer: 256 << 20 }).catch(
        (err: unknown) => {
          if (c.ok) throw err;
        },
      );
      total += performance.now() - t0;
    }
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
  return total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const source = proxyClientFromEnv({ env: process.env });
const toolchain = await resolveToolchainLimit(process.env, source);
const plan = await createPlan({
  tree: fsTree(example),
  root: '.',
  config,
  source,
  ...(toolchain ? { toolchain } : {}),
});
const recorded = await recordingApply(plan);
await rm(recorded.root, { recursive: true, force: true });

const applyMs: number[] = [];
const goInsideMs: number[] = [];
const replayMs: number[] = [];
const byHandMs: number[] = [];
let count = 0;
let failed: string[] = [];
for (let i = 0; i < runs; i++) {
  replayMs.push(await replay(recorded.steps, recorded.root, () => true));
  byHandMs.push(await replay(recorded.steps, recorded.root, (s) => !isMeasurement(s.command)));
  const a = await timedApply(plan);
  applyMs.push(a.ms);
  goInsideMs.push(a.goMs);
  count = a.commands;
  failed = a.failed;
}
if (process.env.BENCH_VERBOSE) {
  for (const s of recorded.steps) {
    const c = s.command;
    console.log(
      `  ${c.durationMs.toFixed(0).padStart(6)} ms  ${relative(recorded.root, c.cwd) || '.'}: go ${c.args.join(' ')}`,
    );
  }
}
const byHandCount = recorded.steps.filter((s) => !isMeasurement(s.command)).length;

const ap = median(applyMs);
const rp = median(replayMs);
const bh = median(byHandMs);
const gi = median(goInsideMs);
const pct = (x: number, base: number) => `${(((x - base) / base) * 100).toFixed(1)}%`;
console.log(
  `bench/apply: ${label}, ${plan.updates.length} planned upgrades, ${count} go commands (${recorded.steps.length} recorded, ${byHandCount} by hand), ${runs} round(s), medians`,
);
if (failed.length > 0) console.log(`  modules apply could not update: ${failed.length} (${failed.join(', ')})`);
console.log(`  apply (wall clock)                          : ${ap.toFixed(0)} ms`);
console.log(
  `  every go command apply ran, replayed        : ${rp.toFixed(0)} ms   (apply's bookkeeping: ${pct(ap, rp)})`,
);
console.log(`  get/tidy/work sync/vendor by hand           : ${bh.toFixed(0)} ms`);
console.log(`  apply / by hand                             : ${(ap / bh).toFixed(2)}x   (goal: at most 1.15x)`);
console.log(
  `  go time measured inside apply               : ${gi.toFixed(0)} ms   (apply's own share of its wall clock: ${pct(ap, gi)})`,
);
