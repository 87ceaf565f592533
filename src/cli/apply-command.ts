/**
 * `gomod-steward apply`: plans, then performs the plan in place with the Go toolchain. The
 * output is the plan's shape with what actually happened, plus the changed files and the
 * modules that failed (their files untouched).
 */
import { proxyClientFromEnv } from '../toolchain/proxy-client.js';
import { resolveToolchainLimit } from '../toolchain/toolchain-limit.js';
import { createPlan } from '../planner/plan.js';
import { fsTree } from '../workspace/tree.js';
import { apply, type ApplyResult } from '../toolchain/apply/index.js';
import { renderPlan } from './render-plan.js';
import { table } from './render-table.js';
import { configFor, disabledPlan } from './plan-command.js';

export async function applyDir(
  dir: string,
  configFile: string | undefined,
  env: NodeJS.ProcessEnv,
  opts: { force?: boolean } = {},
): Promise<ApplyResult> {
  const config = await configFor(dir, configFile);
  if (!config.enabled && !opts.force) {
    const plan = disabledPlan(dir);
    return { ...plan, files: [], failed: [], predicted: { updates: [], carried: [], affected: [] } };
  }
  const source = proxyClientFromEnv({ env });
  // The plan may only propose what the go below can build.
  const toolchain = await resolveToolchainLimit(env, source);
  const plan = await createPlan({ tree: fsTree(dir), root: dir, config, source, ...(toolchain ? { toolchain } : {}) });
  return apply(dir, plan, { config, appEnv: env });
}

/**
 * 2: bad input (as plan); 1: any module failed, even when others were applied — a script that
 * commits the result must not take a partial apply for a whole one; else 0.
 */
export function applyExitCode(r: ApplyResult): number {
  if (r.skipped.some((s) => s.reason === 'invalid-input')) return 2;
  if (r.failed.length > 0) return 1;
  return 0;
}

export function renderApply(r: ApplyResult): string {
  const out = [renderPlan(r).trimEnd()];
  out.push('', r.files.length > 0 ? `Files changed (${r.files.length})` : 'No file changed.');
  out.push(...r.files.map((f) => `  ${f}`));
  if (r.failed.length > 0) {
    out.push('', 'Failed (files left as they were)');
    for (const f of r.failed) {
      out.push(table([[f.dir, f.kind, f.command ?? '']]));
      out.push(...f.error.split('\n').map((l) => `      ${l}`));
    }
  }
  return out.join('\n') + '\n';
}
