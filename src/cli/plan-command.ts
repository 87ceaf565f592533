/** `gomod-steward plan`: what a run would do, without changing a file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_PATH, defaultConfig, type StewardConfig } from '../config/defaults.js';
import { proxyClientFromEnv } from '../toolchain/proxy-client.js';
import { resolveToolchainLimit } from '../toolchain/toolchain-limit.js';
import type { PlanInput } from '../planner/plan.js';
import type { Plan } from '../planner/plan-schema.js';
import { redactUrl } from '../gomod/proxy/index.js';

/** The YAML reader and the schema are only loaded when there is a file to read: most repositories have none. */
export async function configFor(dir: string, configFile: string | undefined): Promise<StewardConfig> {
  if (configFile === undefined && !existsSync(join(dir, CONFIG_PATH))) return defaultConfig();
  const { loadRepoConfig } = await import('../config/load.js');
  return loadRepoConfig(dir, configFile);
}

export const DISABLED_MESSAGE = 'the config says enabled: false, so nothing is planned (--force plans anyway)';

/** What the bot does for a repository that switched it off: nothing, said once, in the plan's own shape. */
export function disabledPlan(root: string): Plan {
  return {
    version: 1,
    root,
    modules: [],
    updates: [],
    carried: [],
    affected: [],
    skipped: [],
    warnings: [{ message: DISABLED_MESSAGE }],
  };
}

/**
 * The vulnerability database named by GOVULNDB (default: the public one). One that cannot be read
 * costs the plan its `vulnerabilities`, with a warning saying why, not the plan itself.
 */
async function vulnDbFor(env: NodeJS.ProcessEnv): Promise<{ vulnDb?: PlanInput['vulnDb']; warning?: string }> {
  const { advisoryFileUrl, createVulnDb, vulnDbUrl } = await import('../gomod/vulndb/index.js');
  const url = vulnDbUrl(env);
  try {
    const snapshot = await createVulnDb({ url }).snapshot();
    return { vulnDb: { snapshot, advisoryUrl: (id) => advisoryFileUrl(url, id) } };
  } catch (err) {
    return { warning: `vulnerabilities not checked: ${redactUrl((err as Error).message)}` };
  }
}

export async function planDir(
  dir: string,
  configFile: string | undefined,
  env: NodeJS.ProcessEnv,
  opts: { force?: boolean } = {},
): Promise<Plan> {
  const config = await configFor(dir, configFile);
  if (!config.enabled && !opts.force) return disabledPlan(dir);
  const source = proxyClientFromEnv({ env });
  // What waits on others — the go children asked for the toolchain limit and the proxy settings,
  // the vulnerability database's request — overlaps the loading of the planner's own modules.
  // Proxy settings that cannot be resolved are the plan's to report (it asks again).
  const [toolchain, { vulnDb, warning }, { createPlan }, { fsTree }] = await Promise.all([
    resolveToolchainLimit(env, source),
    vulnDbFor(env),
    import('../planner/plan.js'),
    import('../workspace/tree.js'),
    source.config().catch(() => undefined),
  ]);
  const plan = await createPlan({
    tree: fsTree(dir),
    root: dir,
    config,
    source,
    ...(toolchain ? { toolchain } : {}),
    ...(vulnDb ? { vulnDb } : {}),
  });
  if (warning) plan.warnings.push({ message: warning });
  return plan;
}
