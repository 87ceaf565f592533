/**
 * apply: performs a plan with the Go toolchain, in place.
 *
 *  1. Snapshot every go.mod, go.sum, vendor/, go.work and go.work.sum; measure build lists.
 *  2. Module by module, libraries before the modules that replace or use them: `go mod edit
 *     -replace` for moved replace pins, `go get` the planned versions, `go mod tidy`, `go mod vendor`. Modules that only reach an upgraded
 *     library are tidied too. A failing module is put back to its original bytes and the
 *     modules after it build against those.
 *  3. `go work sync` where there is a go.work, then tidy what it rewrote, until it has nothing
 *     left to do. With go-directive: keep, no go/toolchain line may move anywhere; where one
 *     would, the versions that cause it are held back and the modules concerned run again.
 *     Then every workspace module's packages are loaded in workspace mode, so go.work.sum already
 *     holds what a workspace build would write.
 *  4. Measure: build lists again, carried changes, package-level impact, changed files. A module
 *     Go cannot measure (before or after) counts as affected: a failed measurement never shrinks impact.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { discoverModules } from '../../workspace/discover.js';
import { fsTree } from '../../workspace/tree.js';
import type { Plan, Skipped, Warning } from '../../planner/plan-schema.js';
import { resolveGoEnv } from '../go-env.js';
import type { GoEnv } from '../go-env-names.js';
import { resolveGoSettings } from '../go-settings.js';
import { openJobCredentials } from '../job-credentials.js';
import { appliedUpdates, withSecurityMarks } from './applied-updates.js';
import type { BumpTable } from './caps.js';
import { compareCarried } from './compare-carried.js';
import { failureFrom, isGoFailure } from './errors.js';
import { holdBack } from './hold-back.js';
import { FileSnapshot, moduleScope, workspaceScope, type Scope } from './file-snapshot.js';
import { GoSession } from './go-session.js';
import { buildLists, measureChanges } from './measure.js';
import { buildModuleGraph, dependenciesClosure, withDependents } from './module-graph.js';
import { joinRepoPath } from '../../workspace/paths.js';
import { applyModule, type ModuleStepContext } from './module-step.js';
import type { ApplyOptions, ApplyResult, FailedModule } from './types.js';
import { recordWorkspaceSums, syncWorkspace, tidyAfterSync } from './workspace-sync.js';
import { appliedReplaces, replaceEdits } from './replace-edits.js';
import { moveModuleImports } from './major-imports.js';
import { asMajorMoves, brokenBuilds, movesByDir } from './major-moves.js';

/** Each round lowers at least one target, so a handful always suffices; the bound guards against surprises. */
const MAX_ROUNDS = 8;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_OUTPUT = 8 << 20;

export async function apply(dir: string, plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  const appEnv = opts.appEnv ?? process.env;
  const settings = await resolveGoSettings(appEnv);
  const credentials = await openJobCredentials({
    settings,
    gitHeaders: opts.gitHeaders,
    includeGitConfig: operatorGitConfig(appEnv),
  });
  try {
    const env = { ...(await resolveGoEnv({ appEnv, cacheDir: opts.cacheDir, settings })), ...credentials.env };
    return await applyWith(resolve(dir), plan, opts, env);
  } finally {
    await credentials.dispose();
  }
}

/** The gitconfig the app's own git reads (GIT_CONFIG_GLOBAL, else ~/.gitconfig), when there is one. */
function operatorGitConfig(appEnv: Readonly<Record<string, string | undefined>>): string | undefined {
  if (appEnv.GIT_CONFIG_GLOBAL) return appEnv.GIT_CONFIG_GLOBAL;
  const file = appEnv.HOME ? join(appEnv.HOME, '.gitconfig') : undefined;
  return file && existsSync(file) ? file : undefined;
}

async function applyWith(root: string, plan: Plan, opts: ApplyOptions, env: GoEnv): Promise<ApplyResult> {
  const appEnv = opts.appEnv ?? process.env;
  const go = new GoSession({
    root,
    env,
    secrets: [...(opts.secrets ?? []), appEnv.PRIVATE_KEY, appEnv.WEBHOOK_SECRET, appEnv.GITHUB_TOKEN],
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxOutputBytes: opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
    signal: opts.signal,
    onCommand: opts.onCommand,
    beforeCommand: opts.beforeCommand,
  });
  const clean = (s: string): string => s.split(`${root}/`).join('').split(root).join('.');

  // 1. The repository as it is now, and the plan's targets per module.
  const discovery = await discoverModules(fsTree(root));
  const graph = buildModuleGraph(discovery);
  const unusable = new Set(plan.skipped.filter((s) => s.module === '*').map((s) => s.dir));
  const from = new Map<string, string>();
  const bumps: BumpTable = new Map();
  for (const u of plan.updates) {
    // A replace pin is edited in, not fetched with go get (replace-edits.ts).
    if (u.kind === 'replace') continue;
    // A major move gets the new path; its imports move before tidy (ctx.beforeTidy).
    const path = u.newPath ?? u.module;
    for (const d of u.dirs) {
      if (unusable.has(d.dir)) continue;
      from.set(`${d.dir}\n${path}`, d.from);
      bumps.set(d.dir, (bumps.get(d.dir) ?? new Map<string, string>()).set(path, u.to));
    }
  }
  const edits = replaceEdits(plan.updates, unusable);
  for (const d of edits.keys()) if (!bumps.has(d)) bumps.set(d, new Map());
  const moves = movesByDir(plan.updates, unusable);
  const fromOf = (d: string, path: string): string | undefined => from.get(`${d}\n${path}`);
  const known = new Set(graph.order);
  // A module we cannot read any more still gets its go get: Go's own message says what is wrong.
  const order = [...graph.order, ...[...bumps.keys()].filter((d) => !known.has(d)).sort()];
  const hasWorkspace = discovery.goWork !== null && existsSync(join(root, 'go.work'));
  const workspaceDirs = hasWorkspace ? discovery.modules.filter((m) => m.inWorkspace).map((m) => m.dir) : [];
  const problemDirs = discovery.problems.filter((p) => p.file.endsWith('go.mod')).map((p) => p.dir);
  const scopes: Scope[] = [...new Set([...order, ...problemDirs])].map(moduleScope);
  if (existsSync(join(root, 'go.work'))) scopes.push(workspaceScope);

  const warnings: Warning[] = [];
  const original = await FileSnapshot.take(root, scopes, { sources: new Set(moves.keys()) });
  const ctx: ModuleStepContext = {
    root,
    go,
    original,
    keepGoLines: opts.config.goDirective === 'keep',
    clean,
    beforeTidy: async (d, asked) => {
      // Only the moves whose new path this attempt still gets (a held-back one is not made).
      const m = (moves.get(d) ?? []).filter((x) => asked.has(x.to));
      if (m.length === 0) return [];
      const moved = await moveModuleImports(go, root, d, m);
      for (const u of moved.unreadable) warnings.push({ dir: d, message: `${u.file}: imports not moved (${u.error})` });
      // Code the new major no longer has must not stop tidy: the build check reports it.
      return ['-e'];
    },
  };
  const skipped: Skipped[] = [];
  const failures = new Map<string, FailedModule>();
  const applied: BumpTable = new Map();

  let pending = new Set([...withDependents(graph, bumps.keys())].filter((d) => !unusable.has(d)));
  const measured = order.filter((d) => !unusable.has(d) && (pending.has(d) || workspaceDirs.includes(d)));

  try {
    const before = await buildLists(go, measured, clean);

    // 2 and 3: modules, then the workspace, until nothing moves a go line and sync is a no-op.
    const frozen = new Set<string>();
    let settled = false;
    for (let round = 0; round < MAX_ROUNDS && !settled; round++) {
      const redo = new Set<string>();
      for (const d of order) {
        if (!pending.has(d) || failures.has(d)) continue;
        const outcome = await applyModule(ctx, d, bumps.get(d) ?? new Map(), edits.get(d));
        for (const x of outcome.dropped) {
          bumps.get(d)?.delete(x.path);
          skipped.push({ module: x.path, dir: d, reason: 'needs-newer-go', detail: `${x.version}: ${x.message}` });
        }
        applied.delete(d);
        if (outcome.status === 'applied') {
          applied.set(d, new Map(outcome.applied));
        } else if (outcome.status === 'failed') {
          failures.set(d, outcome.failure);
        } else {
          const cap = await holdBack({
            go,
            original,
            bumps,
            fromOf,
            dir: d,
            dirs: dependenciesClosure(graph, d),
            raised: outcome.raised,
            because: `would change the go line of ${d}, which builds against it (${outcome.message})`,
          });
          skipped.push(...cap.skipped);
          if (cap.changed.length > 0) {
            for (const x of withDependents(graph, cap.changed)) redo.add(x);
            redo.add(d);
          } else {
            failures.set(d, { dir: d, kind: 'needs-newer-go', error: outcome.message });
          }
        }
      }
      pending = redo;
      if (redo.size > 0) continue;

      const anyChange = (await original.changed(scopes.filter((s) => s.kind === 'module'))).length > 0;
      if (!hasWorkspace || !anyChange) {
        settled = true;
        break;
      }
      for (const d of failures.keys()) frozen.add(d);
      const sync = await syncWorkspace(ctx, workspaceDirs, frozen);
      if (sync.status === 'failed') {
        failures.set('.', sync.failure);
        settled = true;
      } else if (sync.status === 'raised') {
        for (const v of sync.violations) {
          const cap =
            v.dir === '.'
              ? { changed: [], skipped: [] }
              : await holdBack({
                  go,
                  original,
                  bumps,
                  fromOf,
                  dir: v.dir,
                  dirs: workspaceDirs.filter((x) => x !== v.dir && !failures.has(x)),
                  raised: v.raised,
                  because: `would raise ${v.change} through go work sync`,
                });
          skipped.push(...cap.skipped);
          if (cap.changed.length > 0) {
            for (const x of withDependents(graph, cap.changed)) if (!failures.has(x)) pending.add(x);
          } else {
            frozen.add(v.dir);
            warnings.push({
              dir: v.dir,
              message: `go work sync would change ${v.change}; that module is left unsynced so its line stays`,
            });
          }
        }
      } else if (sync.rewritten.length === 0) {
        settled = true;
      } else {
        for (const d of sync.rewritten) {
          const problem = await tidyAfterSync(ctx, d, sync.before);
          if (problem) {
            frozen.add(d);
            warnings.push({ dir: d, message: problem });
          }
        }
      }
    }
    if (!settled) warnings.push({ message: `gave up making go work sync a no-op after ${MAX_ROUNDS} rounds` });

    if (hasWorkspace && original.vendors(workspaceScope) && !failures.has('.')) {
      try {
        await go.run('.', ['work', 'vendor'], 'workspace');
      } catch (err) {
        if (!isGoFailure(err)) throw err;
        failures.set('.', failureFrom('.', err, clean));
      }
    }
    // Whatever ran after a module failed (go work sync included) must not have touched it.
    // '.' is the workspace and, in a repository whose root is a module, that module too.
    await original.restore(scopes.filter((s) => failures.has(s.dir)));
    // A workspace build records in go.work.sum the sums no module's go.sum holds; record them now,
    // against the files as apply leaves them, so the first build after apply changes nothing.
    if (hasWorkspace && !failures.has('.') && (await original.changed()).length > 0) {
      warnings.push(...(await recordWorkspaceSums(ctx, workspaceDirs)));
    }

    // 4. Measure.
    for (const d of failures.keys()) applied.delete(d);
    // A module whose go.mod and go.sum, and those of the modules it replaces by directory, are
    // as they were keeps the list measured before: Go would print the same again.
    const changedFiles = new Set(await original.changed());
    const untouched = (d: string) =>
      [d, ...dependenciesClosure(graph, d)].every(
        (x) => !changedFiles.has(joinRepoPath(x, 'go.mod')) && !changedFiles.has(joinRepoPath(x, 'go.sum')),
      );
    const after = await buildLists(go, measured, clean, { before, unchanged: untouched });
    // A moved module's old path leaves the build list by the move itself, not carried by MVS.
    const directOf = (d: string) =>
      new Set([...(applied.get(d) ?? new Map<string, string>()).keys(), ...(moves.get(d) ?? []).map((m) => m.from)]);
    const changes = await measureChanges(go, measured, before, after, directOf, warnings, clean);
    const compared = measured.filter((d) => before.lists.has(d) && after.lists.has(d));
    warnings.push(...compareCarried(plan.carried, changes.carried, compared, plan.warnings));
    const breaking = await brokenBuilds(
      go,
      order.filter((d) => moves.has(d) && applied.has(d)),
      moves,
      clean,
    );

    return {
      version: 1,
      root: plan.root,
      modules: plan.modules,
      updates: [
        ...asMajorMoves(withSecurityMarks(appliedUpdates(applied, fromOf, order), plan.updates), moves),
        ...appliedReplaces(plan.updates, (d) => applied.has(d)),
      ],
      carried: changes.carried,
      affected: changes.affected,
      skipped: [...plan.skipped, ...skipped],
      warnings: [...plan.warnings, ...warnings],
      files: await original.changed(),
      failed: [...failures.values()],
      predicted: { updates: plan.updates, carried: plan.carried, affected: plan.affected },
      ...(breaking.length ? { breaking } : {}),
    };
  } catch (err) {
    // An abort, a secret about to reach go, a disk error: leave no half-written file behind.
    await original.restore();
    throw err;
  } finally {
    await go.close();
  }
}
