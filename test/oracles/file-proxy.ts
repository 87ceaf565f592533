/**
 * Writes modules into a GOPROXY=file:// directory, so that the go command answers questions
 * about hand-made module graphs offline. Paths must be lower-case (no escaping is done).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ProxyModule {
  path: string;
  version: string;
  goMod: string;
  time?: string;
}

export async function writeFileProxy(root: string, modules: ProxyModule[]): Promise<string> {
  const lists = new Map<string, string[]>();
  for (const m of modules) {
    const dir = join(root, m.path, '@v');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${m.version}.mod`), m.goMod);
    await writeFile(join(dir, `${m.version}.info`), JSON.stringify({ Version: m.version, Time: m.time ?? '2020-01-01T00:00:00Z' }));
    lists.set(m.path, [...(lists.get(m.path) ?? []), m.version]);
  }
  for (const [path, versions] of lists) await writeFile(join(root, path, '@v', 'list'), versions.join('\n') + '\n');
  return `file://${root}`;
}
