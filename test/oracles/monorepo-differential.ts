/**
 * Holds `plan` to Go on a laid-out monorepo (monorepo-corpus.ts):
 * - targets: every direct requirement's planned version against `go list -m -u`'s Update;
 * - carried: `go get` of exactly the planned versions in every module dir (GOWORK=off, local
 *   replace targets first, as apply does), then `go list -m all`, against the predicted carried;
 * - affected: the dirs whose build list Go changed against the plan's `affected`.
 * It returns figures and every disagreement; the tests decide what must hold.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import type { StewardConfig } from '../../src/config/schema.js';
import type { ModuleSource } from '../../src/gomod/types.js';
import { escapeModulePath, escapeVersion } from '../../src/gomod/module.js';
import { compare as semverCompare } from '../../src/gomod/version.js';
import { createPlan } from '../../src/planner/plan.js';
import type { CarriedChange, Plan } from '../../src/planner/plan-schema.js';
import { splitJsonStream } from '../../src/toolchain/apply/json-stream.js';
import { buildModuleGraph, withDependents } from '../../src/toolchain/apply/module-graph.js';
import { discoverModules } from '../../src/workspace/discover.js';
import { fsTree } from '../../src/workspace/tree.js';
import { corpusGoEnv, type MonorepoCorpus } from './monorepo-corpus.js';

const exec = promisify(execFile);

interface Listed {
  Path: string;
  Version?: string;
  Main?: boolean;
  Update?: { Version: string };
}

interface EditJson {
  Module: { Path: string };
  Require?: { Path: string; Version: string; Indirect?: boolean }[];
  Replace?: { Old: { Path: string }; New: { Path: string; Version?: string } }[];
}

export interface DirFigures {
  dir: string;
  /** Entries both agree on / entries either side names. */
  agreeing: number;
  entries: number;
  predicted: Omit<CarriedChange, 'dir'>[];
  actual: Omit<CarriedChange, 'dir'>[];
}

export interface TargetMismatch {
  dir: string;
  module: string;
  planned: string | null;
  go: string | null;
}

export interface Differential {
  plan: Plan;
  /**
   * `raised`: targets above `go list -m -u`'s Update because another planned target requires
   * them (go get refuses the lower one), and Go's own get selected exactly the planned version.
   */
  targets: { compared: number; mismatches: TargetMismatch[]; raised: TargetMismatch[] };
  carried: DirFigures[];
  /** Dirs where `go get` itself failed: not compared (the plan proposed what Go refuses). */
  getFailures: { dir: string; error: string }[];
  affected: { predicted: string[]; actual: string[] };
  seconds: { plan: number; go: number };
  /** The copy `go get` ran in, when `keep` was set. */
  workDir?: string;
}

export interface DifferentialOptions {
  config: StewardConfig;
  source: ModuleSource;
  /** Extra go environment, e.g. GOPROXY of a capped proxy. */
  env: Record<string, string>;
  /** Go commands run at once (list only; `go get` runs in order). */
  parallel?: number;
  /** Leave the worked-on copy in place (its path is in the result), to look at by hand. */
  keep?: boolean;
  /**
   * What Go runs: `get` (default) is `go get` of the planned versions alone, and the plan predicts
   * that alone (no tidy); `apply` is what apply runs — libraries first, per module `go get` then
   * `go mod tidy` (also in every module that builds against a gotten one), then `go work sync` and
   * `go mod tidy` of what it rewrote until sync has nothing left to do — and the plan predicts
   * tidy unless `tidy` is false.
   */
  mode?: 'get' | 'apply';
  /** Whether the plan predicts go mod tidy (default: in apply mode). */
  tidy?: boolean;
}

async function pool<T, R>(items: T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}

/** Dirs ordered so that each comes after the dirs it replaces locally (cycles: name order). */
function replaceTargetsFirst(edits: Map<string, EditJson>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    for (const r of edits.get(dir)?.Replace ?? []) {
      if (r.New.Version !== undefined) continue;
      const target = posix.normalize(posix.join(dir, r.New.Path));
      if (edits.has(target)) visit(target);
    }
    out.push(dir);
  };
  for (const dir of [...edits.keys()].sort()) visit(dir);
  return out;
}

/** `go work sync` in the workspace, then `go mod tidy` where it rewrote go.mod, until nothing moves. */
async function syncAndTidy(work: string, dirs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (!existsSync(join(work, 'go.work'))) return;
  const read = (dir: string) => readFile(join(work, dir, 'go.mod'), 'utf8');
  for (let round = 0; round < 5; round++) {
    const before = new Map(await Promise.all(dirs.map(async (d) => [d, await read(d)] as const)));
    await exec('go', ['work', 'sync'], { cwd: work, env: { ...env, GOWORK: '' }, maxBuffer: 256 << 20 });
    const rewritten: string[] = [];
    for (const d of dirs) if ((await read(d)) !== before.get(d)) rewritten.push(d);
    if (rewritten.length === 0) return;
    for (const d of rewritten) await exec('go', ['mod', 'tidy'], { cwd: join(work, d), env, maxBuffer: 256 << 20 });
  }
}

function versions(listed: Listed[]): Map<string, string> {
  return new Map(listed.filter((m) => !m.Main).map((m) => [m.Path, m.Version ?? '']));
}

export async function runDifferential(corpus: MonorepoCorpus, opts: DifferentialOptions): Promise<Differential> {
  const work = await mkdtemp(join(corpus.root, '..', '.work-'));
  try {
    await cp(corpus.root, work, { recursive: true });
    // Apply runs go work sync only where there is a go.work: without one, the plan predicts go get
    // alone, which is what `get` mode holds it to.
    if (opts.mode !== 'apply') await rm(join(work, 'go.work'), { force: true });
    const env = corpusGoEnv(corpus, { GOWORK: 'off', ...opts.env });
    const go = async (args: string[], dir: string) =>
      (await exec('go', args, { cwd: join(work, dir), env, maxBuffer: 256 << 20 })).stdout;
    const dirs = corpus.modules.map((m) => m.dir);
    const parallel = opts.parallel ?? 2;
    const goStart = Date.now();

    const edits = new Map<string, EditJson>();
    const before = new Map<string, Listed[]>();
    await pool(dirs, parallel, async (dir) => {
      edits.set(dir, JSON.parse(await go(['mod', 'edit', '-json'], dir)) as EditJson);
      before.set(dir, splitJsonStream(await go(['list', '-m', '-u', '-json', 'all'], dir)) as Listed[]);
    });
    let goMs = Date.now() - goStart;

    const planStart = Date.now();
    const plan = await createPlan({
      tree: fsTree(work),
      root: '.',
      config: opts.config,
      source: opts.source,
      tidy: opts.tidy ?? opts.mode === 'apply',
    });
    const planMs = Date.now() - planStart;
    // Without the go.work, a module the directory scan skips (one under testdata/, named only by a
    // go.work use) is not a module of the repository: nothing is compared there.
    const planned = new Set(plan.modules.map((m) => m.dir));
    const compared = dirs.filter((d) => planned.has(d));

    // Targets.
    const mismatches: TargetMismatch[] = [];
    let targetsCompared = 0;
    for (const dir of compared) {
      const edit = edits.get(dir)!;
      const replaced = new Set((edit.Replace ?? []).map((r) => r.Old.Path));
      const listed = new Map(before.get(dir)!.map((m) => [m.Path, m]));
      for (const r of edit.Require ?? []) {
        if (r.Indirect || replaced.has(r.Path)) continue;
        const planned =
          plan.updates.find((u) => u.module === r.Path && !u.newPath && u.dirs.some((d) => d.dir === dir))?.to ?? null;
        const goUpdate = listed.get(r.Path)?.Update?.Version ?? null;
        targetsCompared++;
        if (planned !== goUpdate) mismatches.push({ dir, module: r.Path, planned, go: goUpdate });
      }
    }

    // Carried: go get exactly the planned versions, replace targets first.
    const getFailures: { dir: string; error: string }[] = [];
    const bumpsOf = (dir: string) =>
      plan.updates.flatMap((u) => (u.dirs.some((d) => d.dir === dir) ? [`${u.newPath ?? u.module}@${u.to}`] : []));
    const t = Date.now();
    // Apply's order and its tidied set: every module with bumps and every module building against one.
    const graph = opts.mode === 'apply' ? buildModuleGraph(await discoverModules(fsTree(work))) : null;
    const tidied = graph
      ? withDependents(
          graph,
          dirs.filter((d) => bumpsOf(d).length > 0),
        )
      : new Set<string>();
    for (const dir of graph ? graph.order : replaceTargetsFirst(edits)) {
      const bumps = bumpsOf(dir);
      if (bumps.length === 0 && !tidied.has(dir)) continue;
      try {
        if (bumps.length > 0) await go(['get', ...bumps], dir);
        if (tidied.has(dir)) await go(['mod', 'tidy'], dir);
      } catch (err) {
        getFailures.push({ dir, error: String((err as { stderr?: string }).stderr ?? err).trim() });
      }
    }
    if (opts.mode === 'apply') await syncAndTidy(work, dirs, env);
    const after = new Map<string, Listed[]>();
    await pool(dirs, parallel, async (dir) => {
      after.set(dir, splitJsonStream(await go(['list', '-m', '-json', 'all'], dir)) as Listed[]);
    });
    goMs += Date.now() - t;

    const raised: TargetMismatch[] = [];
    for (const m of mismatches.splice(0)) {
      const selected = after.get(m.dir)!.find((x) => x.Path === m.module)?.Version;
      const above = m.planned !== null && (m.go === null || semverCompare(m.planned, m.go) > 0);
      (above && selected === m.planned ? raised : mismatches).push(m);
    }

    const failed = new Set(getFailures.map((f) => f.dir));
    const carried: DirFigures[] = [];
    const actualAffected: string[] = [];
    for (const dir of compared) {
      const b = versions(before.get(dir)!);
      const a = versions(after.get(dir)!);
      const direct = new Set(bumpsOf(dir).map((s) => s.slice(0, s.lastIndexOf('@'))));
      const changed = [...new Set([...b.keys(), ...a.keys()])].filter((p) => b.get(p) !== a.get(p)).sort();
      if (changed.length > 0) actualAffected.push(dir);
      if (failed.has(dir)) continue;
      const actual = changed
        .filter((p) => !direct.has(p))
        .map((module) => ({ module, from: b.get(module) ?? null, to: a.get(module) ?? null }));
      const predicted = plan.carried.filter((c) => c.dir === dir).map(({ module, from, to }) => ({ module, from, to }));
      const key = (c: { module: string; from: string | null; to: string | null }) => `${c.module} ${c.from} ${c.to}`;
      const pk = new Set(predicted.map(key));
      const ak = new Set(actual.map(key));
      const agreeing = [...pk].filter((k) => ak.has(k)).length;
      const entries = new Set([...predicted, ...actual].map((c) => c.module)).size;
      carried.push({ dir, agreeing, entries, predicted, actual });
    }
    return {
      plan,
      targets: { compared: targetsCompared, mismatches, raised },
      carried,
      getFailures,
      affected: { predicted: [...plan.affected].sort(), actual: actualAffected.sort() },
      seconds: { plan: planMs / 1000, go: goMs / 1000 },
      workDir: opts.keep ? work : undefined,
    };
  } finally {
    if (!opts.keep) await rm(work, { recursive: true, force: true });
  }
}

/** One line of figures: exact dirs / dirs, entries agreeing / entries. */
export function summarize(d: Differential): string {
  const exact = d.carried.filter((c) => c.agreeing === c.entries && c.predicted.length === c.actual.length).length;
  const agreeing = d.carried.reduce((s, c) => s + c.agreeing, 0);
  const entries = d.carried.reduce((s, c) => s + c.entries, 0);
  return (
    `carried exact in ${exact}/${d.carried.length} dirs, entries ${agreeing}/${entries}; ` +
    `targets ${d.targets.compared - d.targets.mismatches.length}/${d.targets.compared} ` +
    `(${d.targets.raised.length} raised by another update); ` +
    `go get failed in ${d.getFailures.length} dirs; plan ${d.seconds.plan.toFixed(1)} s, go ${d.seconds.go.toFixed(1)} s`
  );
}

/** One line per dir: entries agreeing / entries, and whether the plan warned that dir. */
export function perDirLines(d: Differential, warnedPrefix: string): string[] {
  const warned = new Set(d.plan.warnings.filter((w) => w.message.startsWith(warnedPrefix)).map((w) => w.dir));
  return d.carried.map(
    (c) =>
      `  ${c.dir.padEnd(40)} ${String(c.agreeing).padStart(4)}/${String(c.entries).padEnd(4)} ` +
      `${c.agreeing === c.entries ? 'exact' : 'differs'}${warned.has(c.dir) ? ' (warned)' : ''}`,
  );
}

/**
 * Planned targets that the proxy dates after `cutoff` (its `.info` Time), with the dirs that take
 * them. A date-capped proxy lists versions from the highest one published before the cutoff down,
 * so a newer version that sorts below an old high tag (k8s.io/client-go's v1.5.2 of 2016 above
 * its v0.x releases) stays listed: both Go and the plan may then target it. Reported, so that a
 * figure resting on such a version is not read as the capped world's.
 */
export async function targetsPublishedAfter(
  plan: Plan,
  proxyUrl: string,
  cutoff: string,
): Promise<{ module: string; version: string; dirs: string[] }[]> {
  const limit = Date.parse(cutoff);
  const out: { module: string; version: string; dirs: string[] }[] = [];
  for (const u of plan.updates) {
    const module = u.newPath ?? u.module;
    const res = await fetch(`${proxyUrl}/${escapeModulePath(module)}/@v/${escapeVersion(module, u.to)}.info`);
    if (!res.ok) continue;
    const time = Date.parse((JSON.parse(await res.text()) as { Time?: string }).Time ?? '');
    if (time > limit) out.push({ module, version: u.to, dirs: u.dirs.map((d) => d.dir) });
  }
  return out;
}
