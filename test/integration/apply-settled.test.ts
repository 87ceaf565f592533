/**
 * apply leaves the workspace settled, with Go as the judge: after apply on a copy of
 * examples/commerce-platform, `go build ./...` in every workspace module (workspace mode, as CI
 * builds) and `go mod tidy -diff` in every module change no go.mod, go.sum, go.work or
 * go.work.sum — a CI step `git diff --exit-code` after the build stays green.
 *
 * Two copies: the plan as the planner makes it, and the same plan where one service cannot be
 * updated (a chi version the proxy does not have). That service goes back to its original files
 * and builds in the workspace against versions only the other modules' go.sum files used to
 * vouch for, so the workspace build needs sums no module's go.sum holds: apply must have written
 * them to go.work.sum already, and report go.work.sum as changed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultConfig } from '../../src/config/schema.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import { apply, type ApplyResult } from '../../src/toolchain/apply/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { fsTree } from '../../src/workspace/tree.js';
import { copyExample, exampleModuleDirs } from '../support/go-cli.js';
import { differing, readAll } from './apply-fixtures.js';

const pexec = promisify(execFile);
const FAILING = 'services/payment-service';

/** What locates the toolchain, its caches, the proxy and the checksum database; nothing else. */
function judgeEnv(gowork: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const n of ['PATH', 'HOME', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GOPRIVATE'])
    if (process.env[n] !== undefined) env[n] = process.env[n];
  return { ...env, GOWORK: gowork, GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' };
}

/** Runs go; a failure is returned as text, not thrown (the byte comparison is the verdict). */
async function goIn(cwd: string, args: string[], gowork: string): Promise<string> {
  try {
    await pexec('go', args, { cwd, env: judgeEnv(gowork), maxBuffer: 64 << 20 });
    return '';
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    return `go ${args.join(' ')} in ${cwd}: ${e.stderr || e.stdout || e.message}`;
  }
}

const MOD_FILES = /(^|\/)(go\.mod|go\.sum|go\.work|go\.work\.sum)$/;

async function modFiles(root: string): Promise<Map<string, Buffer>> {
  return new Map([...(await readAll(root))].filter(([f]) => MOD_FILES.test(f)));
}

interface Judged {
  copy: string;
  result: ApplyResult;
  /** Files the builds and tidy -diff changed. */
  changed: string[];
  /** Build errors (a module that does not build at all would hide the question). */
  buildErrors: string[];
  /** Modules `go mod tidy -diff` reports as untidy. */
  untidy: string[];
}

async function applyAndJudge(edit: (plan: Plan) => void): Promise<Judged> {
  const dirs = await exampleModuleDirs();
  const copy = await copyExample();
  const config = defaultConfig();
  const plan = await createPlan({
    tree: fsTree(copy),
    root: '.',
    config,
    source: proxyClientFromEnv({ env: process.env }),
  });
  edit(plan);
  const result = await apply(copy, plan, { config, appEnv: process.env });

  const before = await modFiles(copy);
  const buildErrors: string[] = [];
  const untidy: string[] = [];
  for (const d of dirs) {
    const problem = await goIn(join(copy, d), ['build', './...'], join(copy, 'go.work'));
    if (problem) buildErrors.push(problem);
  }
  for (const d of dirs) {
    if (await goIn(join(copy, d), ['mod', 'tidy', '-diff'], 'off')) untidy.push(d);
  }
  return { copy, result, changed: differing(before, await modFiles(copy)), buildErrors, untidy };
}

let planned: Judged;
let oneFailed: Judged;

beforeAll(async () => {
  planned = await applyAndJudge(() => {});
  oneFailed = await applyAndJudge((plan) => {
    plan.updates.push({
      module: 'github.com/go-chi/chi/v5',
      to: 'v5.99.0',
      kind: 'minor',
      dirs: [{ dir: FAILING, from: 'v5.2.1' }],
    });
  });
}, 600_000);

afterAll(async () => {
  for (const j of [planned, oneFailed]) if (j) await rm(j.copy, { recursive: true, force: true });
});

describe('apply leaves a settled workspace', () => {
  it('the planned upgrade: every module builds in the workspace, is tidy, and nothing changes', () => {
    expect(planned.result.failed).toEqual([]);
    expect(planned.buildErrors).toEqual([]);
    expect(planned.untidy).toEqual([]);
    expect(planned.changed).toEqual([]);
  });

  it('with one module that could not be updated: the workspace build writes nothing either', async () => {
    expect(oneFailed.result.failed.map((f) => f.dir)).toEqual([FAILING]);
    expect(oneFailed.buildErrors).toEqual([]);
    expect(oneFailed.changed).toEqual([]);
    // tidy -diff reads only; the failed service, back at its original files, is untidy against the
    // libraries it replaces (they moved) — that is failure isolation, not something a build rewrites.
    expect(oneFailed.untidy).toEqual([FAILING]);
  });

  it('reports go.work.sum among the files it changed when it recorded sums there', async () => {
    expect(oneFailed.result.files).toContain('go.work.sum');
    expect((await readFile(join(oneFailed.copy, 'go.work.sum'), 'utf8')).split('\n').length).toBeGreaterThan(2);
  });
});
