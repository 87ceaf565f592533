/** A module's build list as Go selects it (`go list -m -json all`, the module alone). */
import { z } from 'zod';
import type { ModuleVersion } from '../../gomod/types.js';
import type { GoSession } from './go-session.js';
import { splitJsonStream } from './json-stream.js';

const ListedModule = z.object({
  Path: z.string(),
  Version: z.string().optional(),
  Main: z.boolean().optional(),
});

/** Every module but the main one, with the version Go selected. */
export function parseBuildList(stdout: string): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  for (const item of splitJsonStream(stdout)) {
    const m = ListedModule.parse(item);
    if (m.Main) continue;
    out.push({ path: m.Path, version: m.Version ?? '' });
  }
  return out;
}

export async function buildListOf(go: GoSession, dir: string): Promise<ModuleVersion[]> {
  const { stdout } = await go.run(dir, ['list', '-m', '-json', 'all'], 'readonly');
  return parseBuildList(stdout);
}
