/** `gomod-steward plan`: what a run would do, without changing a file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_PATH, defaultConfig, type StewardConfig } from '../config/defaults.js';
import { proxyClientFromEnv } from '../toolchain/proxy-client.js';
import { resolveToolchainLimit } from '../toolchain/toolchain-limit.js';
import { createPlan } from '../planner/plan.js';
import { fsTree } from '../workspace/tree.js';
import type { Plan } from '../planner/plan-schema.js';

/** The YAML reader and the schema are only loaded when there is a file to read: most repositories have none. */
export async function configFor(dir: string, configFile: string | undefined): Promise<StewardConfig> {
  if (configFile === undefined && !existsSync(join(dir, CONFIG_PATH))) return defaultConfig();
  const { loadRepoConfig } = await import('../config/load.js');
  return loadRepoConfig(dir, configFile);
}

export async function planDir(dir: string, configFile: string | undefined, env: NodeJS.ProcessEnv): Promise<Plan> {
  const config = await configFor(dir, configFile);
  const source = proxyClientFromEnv({ env });
  const toolchain = await resolveToolchainLimit(env, source);
  return createPlan({ tree: fsTree(dir), root: dir, config, source, ...(toolchain ? { toolchain } : {}) });
}
