/**
 * bench/apply: `apply` on a copy of examples/commerce-platform against the go commands it runs,
 * replayed directly with execFile (same arguments, environment and module directories) on a
 * fresh copy, in one run. The difference is what apply itself costs: snapshots, parsing,
 * restores, bookkeeping.
 *
 * A first, untimed apply records every command and the module files (go.mod, go.sum, go.work,
 * go.work.sum) each one started from; it also warms the module and build caches for both sides.
 * The replay puts those files in place before each command (untimed), so every replayed command
 * does the same work it did inside apply. Then a second apply on a fresh copy is timed.
 *
 *   npx tsx bench/apply.ts            (RUNS=3 for more rounds; medians are printed)
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultConfig } from '../src/config/schema.js';
import { proxyClientFromEnv } from '../src/toolchain/proxy-client.js';
import { createPlan } from '../src/planner/plan.js';
import { fsTree } from '../src/workspace/tree.js';
import type { Plan } from '../src/planner/plan-schema.js';
import { apply, type GoCommandRecord } from '../src/toolchain/apply/index.js';

const pexec = promisify(execFile);
const example = resolve(fileURLToPath(new URL('.', import.meta.url)), '../examples/commerce-platform');
const runs = Number(process.env.RUNS ?? 1);
const config = defaultConfig();
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
  const states: Map<string, Buffer>[] = [];
  const steps: Step[] = [];
  await apply(root, plan, {
    config,
    appEnv: process.env,
    beforeCommand: async () => {
      states.push(await moduleFiles(root));
    },
    onCommand: (command) => steps.push({ command, files: states[steps.length]! }),
  });
  return { steps, root };
}

async function timedApply(plan: Plan): Promise<{ ms: number; goMs: number; commands: number }> {
  const root = await freshCopy();
  const commands: GoCommandRecord[] = [];
  let ms: number;
  let result;
  try {
    const t0 = performance.now();
    result = await apply(root, plan, { config, appEnv: process.env, onCommand: (c) => commands.push(c) });
    ms = performance.now() - t0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  if (result.failed.length > 0) throw new Error(`apply failed: ${JSON.stringify(result.failed)}`);
  return { ms, goMs: commands.reduce((s, c) => s + c.durationMs, 0), commands: commands.length };
}

async function replay(steps: Step[], from: string): Promise<number> {
  const root = await freshCopy();
  const outside = await mkdtemp(join(tmpdir(), 'gomod-steward-bench-query-'));
  let total = 0;
  try {
    for (const { command: c, files } of steps) {
      for (const [f, bytes] of files) {
        const now = await readFile(join(root, f)).catch(() => null);
        if (!now || !now.equals(bytes)) await writeFile(join(root, f), bytes);
      }
      for (const f of (await moduleFiles(root)).keys()) if (!files.has(f)) await rm(join(root, f));
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

const plan = await createPlan({
  tree: fsTree(example),
  root: '.',
  config,
  source: proxyClientFromEnv({ env: process.env }),
});
const recorded = await recordingApply(plan);
await rm(recorded.root, { recursive: true, force: true });

const applyMs: number[] = [];
const goInsideMs: number[] = [];
const replayMs: number[] = [];
let count = 0;
for (let i = 0; i < runs; i++) {
  replayMs.push(await replay(recorded.steps, recorded.root));
  const a = await timedApply(plan);
  applyMs.push(a.ms);
  goInsideMs.push(a.goMs);
  count = a.commands;
}

const ap = median(applyMs);
const rp = median(replayMs);
const gi = median(goInsideMs);
const pct = (x: number, base: number) => `${(((x - base) / base) * 100).toFixed(1)}%`;
console.log(
  `bench/apply: examples/commerce-platform, ${plan.updates.length} planned upgrades, ${count} go commands (${recorded.steps.length} recorded), ${runs} round(s), medians`,
);
console.log(`  apply (wall clock)                          : ${ap.toFixed(0)} ms`);
console.log(`  the same go commands replayed with execFile : ${rp.toFixed(0)} ms`);
console.log(`  overhead of apply over the raw go commands  : ${pct(ap, rp)}   (goal: at most 15%)`);
console.log(
  `  go time measured inside apply               : ${gi.toFixed(0)} ms   (apply's own share of its wall clock: ${pct(ap, gi)})`,
);
