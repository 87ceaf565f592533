/** `gomod-steward plan`: what a run would do, without changing a file. */
import { loadRepoConfig } from '../config/load.js';
import { createProxyClient } from '../gomod/proxy/index.js';
import { createPlan } from '../planner/plan.js';
import { fsTree } from '../planner/tree.js';
import type { Plan } from '../planner/types.js';

export async function planDir(dir: string, configFile: string | undefined, env: NodeJS.ProcessEnv): Promise<Plan> {
  const config = await loadRepoConfig(dir, configFile);
  const source = createProxyClient({ env });
  return createPlan({ tree: fsTree(dir), root: dir, config, source });
}
