/** `gomod-steward inspect`: the workspace as the bot sees it. */
import { describeGoMod, describeGoWork } from '../gomod/describe.js';
import { discoverModules } from '../workspace/discover.js';
import type { RepoTree } from '../workspace/tree.js';
import type { InputError } from '../errors.js';
import { table } from './render-table.js';

export interface InspectResult {
  json: {
    root: string;
    goWork: ReturnType<typeof describeGoWork> | null;
    modules: ReturnType<typeof describeGoMod>[];
  };
  problems: InputError[];
}

export async function inspect(tree: RepoTree, root: string): Promise<InspectResult> {
  const d = await discoverModules(tree);
  return {
    json: {
      root,
      goWork: d.goWork ? describeGoWork(d.goWork) : null,
      modules: d.modules.map((m) => describeGoMod(m.goMod, m.dir)),
    },
    problems: d.problems.map((p) => p.error),
  };
}

export function renderInspect(r: InspectResult): string {
  const { json } = r;
  const lines = [
    `${json.root}: ${json.goWork ? `go.work (go ${json.goWork.go ?? '-'}), ` : ''}${json.modules.length} modules`,
    '',
  ];
  lines.push(
    table([
      ['DIR', 'MODULE', 'GO', 'DIRECT', 'INDIRECT', 'REPLACE'],
      ...json.modules.map((m) => [
        m.dir,
        m.path ?? '(no module line)',
        m.go ?? '-',
        String(m.require.filter((x) => !x.indirect).length),
        String(m.require.filter((x) => x.indirect).length),
        String(m.replace.length),
      ]),
    ]),
  );
  return lines.join('\n') + '\n';
}
