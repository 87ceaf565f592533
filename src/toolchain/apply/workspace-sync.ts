/**
 * `go work sync` pushes the workspace's build list back into every workspace module. Where
 * modules were deliberately given different targets (one held back by its go line), sync would
 * raise the held-back module's requirements, and with them its go line. This step runs sync,
 * reports such moves (and puts every file back to how it was before sync), and otherwise hands
 * back the modules sync rewrote so they can be tidied.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGoWork } from '../../gomod/modfile/index.js';
import { joinRepoPath } from '../../workspace/paths.js';
import { failureFrom, isGoFailure } from './errors.js';
import { FileSnapshot, moduleScope, workspaceScope } from './file-snapshot.js';
import { describeLineChange, goLinesOf, raisedRequirements, type GoLines, type RaisedRequirement } from './go-lines.js';
import type { ModuleStepContext } from './module-step.js';
import type { FailedModule } from './types.js';

export interface SyncViolation {
  /** "." for go.work itself. */
  dir: string;
  change: string;
  raised: RaisedRequirement[];
}

export type SyncOutcome =
  | { status: 'synced'; rewritten: string[]; before: FileSnapshot }
  | { status: 'raised'; violations: SyncViolation[] }
  | { status: 'failed'; failure: FailedModule };

function workLines(text: string | null): GoLines | null {
  if (text === null) return null;
  try {
    const w = parseGoWork('go.work', text);
    return { go: w.go, toolchain: w.toolchain };
  } catch {
    return null;
  }
}

/**
 * `frozen`: modules sync must not change (failed modules stay at their original bytes; a
 * module whose line change nothing could avoid stays unsynced; "." is go.work itself). Their
 * files are put back to their pre-sync bytes and they are not reported.
 */
export async function syncWorkspace(
  ctx: ModuleStepContext,
  workspaceDirs: readonly string[],
  frozen: ReadonlySet<string>,
): Promise<SyncOutcome> {
  const scopes = [workspaceScope, ...workspaceDirs.map(moduleScope)];
  const before = await FileSnapshot.take(ctx.root, scopes);
  try {
    await ctx.go.run('.', ['work', 'sync'], 'workspace');
  } catch (err) {
    if (!isGoFailure(err)) throw err;
    await before.restore();
    return {
      status: 'failed',
      failure: failureFrom('.', err, ctx.clean),
    };
  }

  if (ctx.keepGoLines) {
    const violations: SyncViolation[] = [];
    const read = (f: string) => readFile(join(ctx.root, f), 'utf8').catch(() => null);
    const wb = workLines(ctx.original.text('go.work'));
    const wa = workLines(await read('go.work'));
    const workChange = wb && wa ? describeLineChange(wb, wa) : null;
    if (workChange && !frozen.has('.')) violations.push({ dir: '.', change: `go.work: ${workChange}`, raised: [] });
    for (const dir of workspaceDirs) {
      const file = joinRepoPath(dir, 'go.mod');
      const now = await read(file);
      const b = goLinesOf(file, ctx.original.text(file));
      const a = goLinesOf(file, now);
      const change = b && a ? describeLineChange(b, a) : null;
      if (!change || frozen.has(dir)) continue;
      violations.push({ dir, change: `${file}: ${change}`, raised: raisedRequirements(file, before.text(file), now) });
    }
    if (violations.length > 0) {
      await before.restore();
      return { status: 'raised', violations };
    }
  }
  for (const dir of frozen) {
    if (dir === '.') await before.restore([workspaceScope]);
    else if (workspaceDirs.includes(dir)) await before.restore([moduleScope(dir)]);
  }

  const rewritten: string[] = [];
  for (const dir of workspaceDirs) {
    if ((await before.changed([moduleScope(dir)])).length > 0) rewritten.push(dir);
  }
  return { status: 'synced', rewritten, before };
}

/**
 * Tidies a module `go work sync` rewrote, so it stays tidy on its own. A module that tidy would
 * break (an error, or a moved go line under keep) goes back to its pre-sync bytes.
 */
export async function tidyAfterSync(
  ctx: ModuleStepContext,
  dir: string,
  preSync: FileSnapshot,
): Promise<string | null> {
  const scope = [moduleScope(dir)];
  try {
    await ctx.go.run(dir, ['mod', 'tidy']);
    if (ctx.keepGoLines) {
      const file = joinRepoPath(dir, 'go.mod');
      const b = goLinesOf(file, ctx.original.text(file));
      const a = goLinesOf(file, await readFile(join(ctx.root, file), 'utf8').catch(() => null));
      const change = b && a ? describeLineChange(b, a) : null;
      if (change) {
        await preSync.restore(scope);
        return `go mod tidy after go work sync would change ${file}: ${change}; left as go work sync wrote it`;
      }
    }
    if (ctx.original.vendors(moduleScope(dir))) await ctx.go.run(dir, ['mod', 'vendor']);
    return null;
  } catch (err) {
    if (!isGoFailure(err)) throw err;
    await preSync.restore(scope);
    return `go mod tidy after go work sync failed; left as it was before sync: ${ctx.clean(err.goMessage || err.message)}`;
  }
}

/**
 * Settles go.work.sum: loads, in workspace mode, every package each workspace module builds or
 * tests, so Go records every checksum a workspace build needs that no module's go.sum holds.
 * Without this, the first `go build ./...` in the workspace after apply would write them (a
 * module that failed, held back or left unsynced builds against the workspace's versions, whose
 * sums only go.work.sum can carry). A module Go cannot load is left to the build that follows;
 * one warning says why.
 */
export async function recordWorkspaceSums(
  ctx: ModuleStepContext,
  workspaceDirs: readonly string[],
): Promise<{ dir: string; message: string }[]> {
  const problems: { dir: string; message: string }[] = [];
  for (const dir of workspaceDirs) {
    try {
      await ctx.go.run(dir, ['list', '-deps', '-test', './...'], 'workspace');
    } catch (err) {
      if (!isGoFailure(err)) throw err;
      problems.push({
        dir,
        message: `cannot load its packages in the workspace to record go.work.sum; a workspace build may still change go.work.sum: ${ctx.clean(err.goMessage || err.message)}`,
      });
    }
  }
  return problems;
}
