/** `gomod-steward dashboard`: the dashboard's held-back and drift view of a directory, as Markdown. */
import { dashboardReport, type DashboardReport } from '../dashboard/report.js';
import { proxyClientFromEnv } from '../toolchain/proxy-client.js';
import { fsTree } from '../workspace/tree.js';
import { configFor } from './plan-command.js';

export async function dashboardDir(
  dir: string,
  configFile: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<DashboardReport> {
  const config = await configFor(dir, configFile);
  return dashboardReport({ tree: fsTree(dir), root: dir, config, source: proxyClientFromEnv({ env }) });
}
