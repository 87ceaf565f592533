/** `gomod-steward check`: the multi-module checklist, as JSON or a table. */
import { createVulnDb, vulnDbUrl } from '../gomod/vulndb/index.js';
import { redactUrl } from '../gomod/proxy/index.js';
import { proxyClientFromEnv } from '../toolchain/proxy-client.js';
import { resolveGoEnv } from '../toolchain/go-env.js';
import { runCheck } from '../governance/check.js';
import type { CheckReport } from '../governance/finding.js';
import { gitRefTree } from '../workspace/git-tree.js';
import { configFor } from './plan-command.js';
import { oneLine, table } from './render-table.js';

export async function checkDir(
  dir: string,
  configFile: string | undefined,
  env: NodeJS.ProcessEnv,
  base?: string,
): Promise<CheckReport> {
  const config = await configFor(dir, configFile);
  return runCheck({
    ...(base !== undefined ? { base: await gitRefTree(dir, base) } : {}),
    root: dir,
    config,
    source: proxyClientFromEnv({ env }),
    goEnv: () => resolveGoEnv({ appEnv: env }),
    // A database that cannot be read is the `vulnerable` rule's own finding, with credentials cut.
    vulnDb: () =>
      createVulnDb({ url: vulnDbUrl(env) })
        .snapshot()
        .catch((err: Error) => {
          throw new Error(redactUrl(err.message));
        }),
  });
}

/** 1 when any finding is an error, else 0. */
export function checkExitCode(r: CheckReport): number {
  return r.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

export function renderCheck(r: CheckReport): string {
  if (r.findings.length === 0) return 'No findings.\n';
  const counts = (['error', 'warning', 'notice'] as const)
    .map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}(s)`)
    .join(', ');
  const rows = r.findings.map((f) => [f.severity.toUpperCase(), `${f.file}:${f.line}`, f.rule, oneLine(f.message)]);
  const fixes = r.findings.map((f, i) => `  ${i + 1}. ${f.file}:${f.line} ${f.rule}: ${oneLine(f.fix)}`);
  return `${counts}\n\n${table([['SEVERITY', 'WHERE', 'RULE', 'FINDING'], ...rows])}\n\nFixes\n${fixes.join('\n')}\n`;
}
