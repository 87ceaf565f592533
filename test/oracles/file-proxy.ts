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
  /** In @v/list (default true); pseudo-versions usually are not. */
  listed?: boolean;
}

/** Writes the proxy; `latest` gives @latest answers by module path. Returns the GOPROXY value. */
export async function writeFileProxy(
  root: string,
  modules: ProxyModule[],
  latest: Record<string, string> = {},
): Promise<string> {
  const lists = new Map<string, string[]>();
  for (const m of modules) {
    const dir = join(root, m.path, '@v');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${m.version}.mod`), m.goMod);
    await writeFile(
      join(dir, `${m.version}.info`),
      JSON.stringify({ Version: m.version, Time: m.time ?? '2020-01-01T00:00:00Z' }),
    );
    const listed = lists.get(m.path) ?? [];
    if (m.listed ?? true) listed.push(m.version);
    lists.set(m.path, listed);
  }
  for (const [path, versions] of lists)
    await writeFile(join(root, path, '@v', 'list'), versions.map((v) => `${v}\n`).join(''));
  for (const [path, version] of Object.entries(latest)) {
    const m = modules.find((x) => x.path === path && x.version === version);
    await writeFile(
      join(root, path, '@latest'),
      JSON.stringify({ Version: version, Time: m?.time ?? '2020-01-01T00:00:00Z' }),
    );
  }
  return `file://${root}`;
}
