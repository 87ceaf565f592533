/**
 * One module's share of apply: moved replace pins edited in (`go mod edit -replace`), `go get`
 * of its planned versions, `go mod tidy`, and `go mod vendor` where it vendors. A version that needs a newer Go than the module declares
 * (Go refuses it under GOTOOLCHAIN=local, or raises the go/toolchain line while go-directive is
 * keep) is dropped and the module retried without it; when several bumps are asked for and Go
 * does not name the culprit, each is tried alone. Any other failure puts the module's files back.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { joinRepoPath } from '../../workspace/paths.js';
import { GoVersionTooNewError, type GoCommandError } from '../errors.js';
import { failureFrom, isGoFailure } from './errors.js';
import { moduleScope, type FileSnapshot } from './file-snapshot.js';
import {
  describeLineChange,
  goLineMessages,
  goLinesOf,
  raisedRequirements,
  type RaisedRequirement,
} from './go-lines.js';
import type { GoSession } from './go-session.js';
import type { FailedModule } from './types.js';

export interface ModuleStepContext {
  root: string;
  go: GoSession;
  /** The repository's files before apply began. */
  original: FileSnapshot;
  keepGoLines: boolean;
  /** Makes Go's messages repository-relative. */
  clean: (text: string) => string;
  /**
   * Runs after `go get` and before `go mod tidy` (a major move rewrites the module's imports
   * there, for the bumps of this attempt); returns extra flags for that tidy.
   */
  beforeTidy?: (dir: string, bumps: ReadonlyMap<string, string>) => Promise<readonly string[]>;
}

export interface DroppedBump {
  path: string;
  version: string;
  /** Go's words: the refusal, or the line change it made. */
  message: string;
}

export type ModuleOutcome =
  | { status: 'applied'; applied: Map<string, string>; dropped: DroppedBump[] }
  | { status: 'failed'; failure: FailedModule; dropped: DroppedBump[] }
  /** The go/toolchain line moved although none of the module's own bumps did it: a local dependency's did. */
  | { status: 'raised'; raised: RaisedRequirement[]; message: string; dropped: DroppedBump[] };

type Attempt =
  | { kind: 'ok' }
  | { kind: 'raised'; stage: 'get' | 'tidy'; message: string; goMod: string | null }
  | { kind: 'error'; stage: 'get' | 'tidy' | 'vendor'; error: GoCommandError };

const bumpArgs = (bumps: ReadonlyMap<string, string>): string[] => [...bumps].map(([p, v]) => `${p}@${v}`);

export async function applyModule(
  ctx: ModuleStepContext,
  dir: string,
  bumps: ReadonlyMap<string, string>,
  /** `-replace=…` flags of moved replace pins, edited in before every try. */
  edits: readonly string[] = [],
): Promise<ModuleOutcome> {
  const scope = [moduleScope(dir)];
  const remaining = new Map(bumps);
  const dropped: DroppedBump[] = [];
  const drop = (found: DroppedBump[]): void => {
    for (const d of found) {
      remaining.delete(d.path);
      dropped.push(d);
    }
  };

  for (;;) {
    await ctx.original.restore(scope);
    const res = await attempt(ctx, dir, remaining, true, edits);
    if (res.kind === 'ok') return { status: 'applied', applied: remaining, dropped };

    if (res.kind === 'error') {
      const err = res.error;
      if (err instanceof GoVersionTooNewError && remaining.size > 0) {
        const found = await tooNewCulprits(ctx, dir, remaining, err, res.stage, edits);
        if (found.length > 0) {
          drop(found);
          continue;
        }
      }
      await ctx.original.restore(scope);
      return {
        status: 'failed',
        dropped,
        failure: failureFrom(dir, err, ctx.clean),
      };
    }

    // go-directive: keep, and Go moved the go or toolchain line.
    if (res.stage === 'get') {
      const found =
        remaining.size === 1
          ? [...remaining].map(([path, version]) => ({ path, version, message: res.message }))
          : await probe(ctx, dir, remaining, edits);
      if (found.length > 0) {
        drop(found);
        continue;
      }
    }
    await ctx.original.restore(scope);
    const file = joinRepoPath(dir, 'go.mod');
    return {
      status: 'raised',
      dropped,
      message: res.message,
      raised: raisedRequirements(file, ctx.original.text(file), res.goMod),
    };
  }
}

/**
 * The bumps behind a "requires go >= X" refusal: those Go names, else the only one asked for,
 * else each tried alone. A refusal during tidy names a local module, not a bump.
 */
async function tooNewCulprits(
  ctx: ModuleStepContext,
  dir: string,
  bumps: ReadonlyMap<string, string>,
  err: GoVersionTooNewError,
  stage: 'get' | 'tidy' | 'vendor',
  edits: readonly string[],
): Promise<DroppedBump[]> {
  const message = ctx.clean(err.goMessage);
  const named = [...bumps].filter(([p, v]) => err.goMessage.includes(`${p}@${v}`));
  if (named.length > 0) return named.map(([path, version]) => ({ path, version, message }));
  if (stage !== 'get') return [];
  if (bumps.size === 1) return [...bumps].map(([path, version]) => ({ path, version, message }));
  return probe(ctx, dir, bumps, edits);
}

/** One try from the original files. Only GoCommandErrors are outcomes; anything else (a secret in the environment, an abort) ends apply. */
async function attempt(
  ctx: ModuleStepContext,
  dir: string,
  bumps: ReadonlyMap<string, string>,
  complete: boolean,
  edits: readonly string[],
): Promise<Attempt> {
  let stage: 'get' | 'tidy' | 'vendor' = 'get';
  try {
    if (edits.length > 0) await ctx.go.run(dir, ['mod', 'edit', ...edits]);
    if (bumps.size > 0) {
      const r = await ctx.go.run(dir, ['get', ...bumpArgs(bumps)]);
      const raised = await checkLines(ctx, dir, r.stderr);
      if (raised) return { kind: 'raised', stage, ...raised };
    }
    if (!complete) return { kind: 'ok' };
    stage = 'tidy';
    const extra = (await ctx.beforeTidy?.(dir, bumps)) ?? [];
    const t = await ctx.go.run(dir, ['mod', 'tidy', ...extra]);
    const raised = await checkLines(ctx, dir, t.stderr);
    if (raised) return { kind: 'raised', stage, ...raised };
    if (ctx.original.vendors(moduleScope(dir))) {
      stage = 'vendor';
      await ctx.go.run(dir, ['mod', 'vendor']);
    }
    return { kind: 'ok' };
  } catch (err) {
    if (isGoFailure(err)) return { kind: 'error', stage, error: err };
    throw err;
  }
}

/** With go-directive: keep, whether Go changed the go or toolchain line; its own words when it did. */
async function checkLines(
  ctx: ModuleStepContext,
  dir: string,
  stderr: string,
): Promise<{ message: string; goMod: string | null } | null> {
  if (!ctx.keepGoLines) return null;
  const file = joinRepoPath(dir, 'go.mod');
  const before = goLinesOf(file, ctx.original.text(file));
  if (!before) return null;
  const goMod = await readFile(join(ctx.root, file), 'utf8').catch(() => null);
  const after = goLinesOf(file, goMod);
  if (!after) return null;
  const change = describeLineChange(before, after);
  if (!change) return null;
  const said = goLineMessages(stderr);
  return { message: said.length > 0 ? said.join('\n') : `${file}: ${change}`, goMod };
}

/** Tries each bump alone (`go get` only) and returns those that need a newer Go by themselves. */
async function probe(
  ctx: ModuleStepContext,
  dir: string,
  bumps: ReadonlyMap<string, string>,
  edits: readonly string[],
): Promise<DroppedBump[]> {
  const out: DroppedBump[] = [];
  for (const [path, version] of bumps) {
    await ctx.original.restore([moduleScope(dir)]);
    const res = await attempt(ctx, dir, new Map([[path, version]]), false, edits);
    if (res.kind === 'raised') out.push({ path, version, message: res.message });
    if (res.kind === 'error' && res.error instanceof GoVersionTooNewError) {
      out.push({ path, version, message: ctx.clean(res.error.goMessage) });
    }
  }
  await ctx.original.restore([moduleScope(dir)]);
  return out;
}
